#!/bin/sh
# A laptop put back from last week's backup together with its mark (a
# backup tool restoring the whole folder), exchanging only the daily
# bundles made for each site (bundle export --for), as the README shows.
# Four ways it goes on: someone only looks at a family and the laptop
# imports the hub's bundle first; or it records work and sends it first;
# or, that and then its own bundle from before the backup is imported;
# or it records more than it had sent, and imports the hub's bundle first.
# Either way the hub refuses it, the next bundle of the hub shows the
# laptop the fork, site recover makes its changes again, and after the
# exchanges that follow both hold everything: nothing lost, no wall.
# TAP, no transcript (where a change comes in a bundle depends on ids).
. "${srcdir:-.}/tests/cli/lib.sh"
setup
office_amira
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
hub_joins
"$ONETEAM" $HUB bundle export --full -o "$WORK/h0.otb" > /dev/null
ot bundle import "$WORK/h0.otb" > /dev/null
ot --as amira team admit "$(print_of $HUB)" --name hub > /dev/null

# up, down: the office's daily bundle to the hub, the hub's back; each
# import's status in $up and $down, its words in $WORK/err.
n=0
up() {
	n=$((n + 1))
	ot bundle export --for hub -o "$WORK/up$n.otb" > /dev/null
	"$ONETEAM" $HUB bundle import "$WORK/up$n.otb" > /dev/null \
	    2> "$WORK/err"
	up=$?
}
down() {
	n=$((n + 1))
	"$ONETEAM" $HUB bundle export --for test-site -o "$WORK/down$n.otb" \
	    > /dev/null
	ot bundle import "$WORK/down$n.otb" > /dev/null 2> "$WORK/err"
	down=$?
}
# same: the office and the hub hold the same records.
same() {
	records_of --db "$DB" > "$WORK/office.state"
	records_of $HUB > "$WORK/hub.state"
	cmp -s "$WORK/office.state" "$WORK/hub.state"
}
# backup, put_back: the office's database and mark copied, as a backup
# tool would; then put back over them, mark and all.
backup() {
	sqlite3 "$DB" ".backup '$WORK/backup.db'"
	cp "$WORK/oneteam.db.mark" "$WORK/backup.mark"
}
put_back() {
	cp "$WORK/backup.db" "$DB"
	rm -f "$DB-wal" "$DB-shm"
	cp "$WORK/backup.mark" "$WORK/oneteam.db.mark"
}
up; down; up; down
check "the team is in step to begin with" same

for way in look work own ahead; do
	backup
	ot --as amira contact add "$F" --kind home_visit \
	    --summary "Sent before the backup was put back ($way)." > /dev/null
	ot --as amira family add "Sent $way family" --level 1 > /dev/null
	up
	own_old=$WORK/up$n.otb
	put_back
	if [ $way = look ]; then
		ot --as amira family show "$F" > /dev/null
		down
		check "$way: the hub's bundle is taken, the restore found" \
		    test "$down" -eq 0
		ot --as amira contact add "$F" --kind phone_call \
		    --summary "Rang after the backup was put back." > /dev/null
	else
		ot --as amira family add "Made after ($way)" > /dev/null
	fi
	# Its own bundle from before, left in its folder, imported: the
	# fork shows, but it does not read as a cloned twin's for good.
	if [ $way = own ]; then
		ot bundle import "$own_old" > /dev/null 2>&1
		check "own: its own bundle from before is refused" \
		    test $? -ne 0
	fi
	# More made since than was sent before, then the hub's bundle
	# taken first: its claim to hold the office's changes to a number
	# the office made another under is not taken, so the office's
	# next bundle sends them again and the hub sees the fork (else the
	# hub read its bundles as forged, for good).
	if [ $way = ahead ]; then
		for i in 1 2 3 4; do
			ot --as amira family add "Ahead $i family" > /dev/null
		done
		down
		check "ahead: the hub's bundle is taken first" \
		    test "$down" -eq 0
	fi
	up
	check "$way: the hub refuses the forked history" sh -c \
	    "test $up -ne 0 && grep -q 'made two different changes' \
	    '$WORK/err'"
	down
	check "$way: the hub's daily bundle shows the office the fork" sh -c \
	    "test $down -ne 0 && grep -q \
	    'this site .* made its changes from number .* again' '$WORK/err'"
	check "$way: site recover mends it" sh -c \
	    "ot() { \"\$ONETEAM\" --db '$DB' \"\$@\"; }; \
	    ot --as amira site recover > /dev/null"
	up; down; up; down
	check "$way: the daily bundles are taken again" test "$up$down" = 00
	check "$way: office and hub hold the same" same
	check "$way: what was sent before the backup is back" grep -q \
	    "Sent before the backup was put back ($way)" "$WORK/office.state"
	check "$way: nothing made after it is lost" sh -c "grep -q \
	    'Rang after the backup' '$WORK/hub.state' && { test $way = look \
	    || grep -q 'Made after ($way)' '$WORK/hub.state'; }"
done

# A third site that took the forked history straight from the office (a
# stick carried to the school), and recorded work of its own on it (a
# visit to the family the office made after the restore) and beside it.
# Once the office has recovered, the first bundle of the team the school
# imports lets its copy go and makes its own work on it again, naming
# the family as the office made it again; until then its bundles are
# refused, saying why, and nothing is lost or held twice.
school_joins
up; down
"$ONETEAM" $HUB bundle export --for school -o "$WORK/hs1.otb" > /dev/null
sch bundle import "$WORK/hs1.otb" > /dev/null
backup
ot --as amira contact add "$F" --kind home_visit \
    --summary "Sent to the hub before the third restore." > /dev/null
up
put_back
G=$(ot --as amira --format tsv family add "Made after the third restore" \
    --level 1)
ot --as amira contact add "$F" --kind phone_call \
    --summary "Carried to the school on a stick." > /dev/null
ot bundle export --full -o "$WORK/stick.otb" > /dev/null
sch bundle import "$WORK/stick.otb" > /dev/null
sch --as amira contact add "$G" --kind home_visit \
    --summary "The school saw the family made after the restore." > /dev/null
sch --as amira contact add "$F" --kind home_visit \
    --summary "The school's own visit." > /dev/null
sch bundle export --for hub -o "$WORK/s1.otb" > /dev/null
"$ONETEAM" $HUB bundle import "$WORK/s1.otb" > /dev/null 2>&1
check "the hub refuses the school's copy of the forked history" test $? -ne 0
up; down
ot --as amira site recover > /dev/null
up; down; up; down
ot bundle import "$WORK/s1.otb" > "$WORK/out" 2> "$WORK/err"
got=$?
check "a bundle of the school's still holding the copy is taken but for \
it, said" sh -c "test $got -eq 0 && grep -q 'left out' '$WORK/out'"
"$ONETEAM" $HUB bundle export --for school -o "$WORK/hs2.otb" > /dev/null
sch bundle import "$WORK/hs2.otb" > "$WORK/out" 2>&1
got=$?
check "the school's next import of the hub's bundle lets its copy go" sh -c \
    "test $got -eq 0 && grep -q 'let go of: its history forked' '$WORK/out' \
    && grep -q 'made again under a new site id, naming' '$WORK/out'"
sch bundle export --for hub -o "$WORK/s2.otb" > /dev/null
"$ONETEAM" $HUB bundle import "$WORK/s2.otb" > /dev/null
check "and the hub takes the school's bundles again" test $? -eq 0
up; down; up; down
"$ONETEAM" $HUB bundle export --for school -o "$WORK/hs3.otb" > /dev/null
sch bundle import "$WORK/hs3.otb" > /dev/null
check "the office and the hub hold the same" same
records_of $SCHOOL > "$WORK/school.state"
check "and the school" cmp -s "$WORK/school.state" "$WORK/hub.state"
for said in "Sent to the hub before the third restore" \
    "Carried to the school on a stick" "The school's own visit" \
    "The school saw the family made after the restore"; do
	check "held once: $said" test "$(grep -c "$said" \
	    "$WORK/hub.state")" -eq 1
done
H=$("$ONETEAM" $HUB --as amira --format tsv family list all |
    awk -F'\t' '$2 == "Made after the third restore" { print $1 }')
"$ONETEAM" $HUB --as amira --format tsv chronology "$H" > "$WORK/out"
check "the school's visit is on the family as the office made it again" \
    grep -q 'The school saw the family made after the restore' "$WORK/out"
ot --as amira site recover > /dev/null 2>&1
check "and nothing is recovered again at the office" test $? -ne 0
sch audit verify > /dev/null
check "the school's trail is whole" test $? -eq 0

# A stick the school rightly refuses: it holds the team's history of the
# office already. Once the office has recovered, the school, which only
# ever exchanges with the hub, sees the fork mended by the office's
# changes made again (from the hub), and stops sending the team its
# history of the office.
"$ONETEAM" $HUB bundle export --for school -o "$WORK/hs4.otb" > /dev/null
sch bundle import "$WORK/hs4.otb" > /dev/null
backup
ot --as amira contact add "$F" --kind home_visit \
    --summary "Sent before the fourth restore." > /dev/null
up; down
"$ONETEAM" $HUB bundle export --for school -o "$WORK/hs5.otb" > /dev/null
sch bundle import "$WORK/hs5.otb" > /dev/null
put_back
ot --as amira contact add "$F" --kind phone_call \
    --summary "On the stick the school refused." > /dev/null
ot bundle export --full -o "$WORK/stick2.otb" > /dev/null
sch bundle import "$WORK/stick2.otb" > /dev/null 2>&1
check "the school refuses a stick forking what it holds" test $? -ne 0
up; down
ot --as amira site recover > /dev/null
up; down; up; down
for i in 6 7; do
	"$ONETEAM" $HUB bundle export --for school -o "$WORK/hs$i.otb" \
	    > /dev/null
	sch bundle import "$WORK/hs$i.otb" > /dev/null
	sch bundle export --for hub -o "$WORK/s$i.otb" > /dev/null
	"$ONETEAM" $HUB bundle import "$WORK/s$i.otb" > "$WORK/out"
done
check "then the school's trail is whole again" sh -c \
    "'$ONETEAM' $SCHOOL audit verify > /dev/null"
check "and its bundles stop carrying the fork" grep -q \
    'from school: 0 changes' "$WORK/out"
records_of $SCHOOL > "$WORK/school.state"
records_of $HUB > "$WORK/hub.state"
check "the school holds what the hub does" cmp -s "$WORK/school.state" \
    "$WORK/hub.state"
check "the refused stick's visit is there once" test "$(grep -c \
    'On the stick the school refused' "$WORK/hub.state")" -eq 1

ot audit verify > /dev/null
check "the office's trail is whole" test $? -eq 0
"$ONETEAM" $HUB audit verify > /dev/null
check "the hub's trail is whole" test $? -eq 0
echo "1..$TESTS_RUN"
[ "$TESTS_FAILED" -eq 0 ]
