#!/bin/sh
# Changes a coordinator signed, made again after a fork by someone else:
# a laptop put back from its backup with its mark, on which Tom (a
# coordinator) and Amira each changed a family's level; then a school
# that took the laptop's history from it, where both did the same. Only
# each author can sign theirs again: site recover, and the school's
# import that lets go of its copy, take each one's passphrase with
# --also, and then everything comes together, nothing lost or twice.
# TAP, no transcript (ids).
. "${srcdir:-.}/tests/cli/lib.sh"
setup
office_amira
printf 'tom has a long one too\n' > "$WORK/tom"
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" --coordinator --passphrase-file "$WORK/tom" \
    > /dev/null
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
hub_joins
"$ONETEAM" $HUB bundle export --full -o "$WORK/h0.otb" > /dev/null
ot bundle import "$WORK/h0.otb" > /dev/null
ot --as amira team admit "$(print_of $HUB)" --name hub > /dev/null
school_joins

n=0
# xfer FROM-OPTIONS TO-NAME TO-OPTIONS: a daily bundle across; status
# in $got, words in $WORK/err.
xfer() {
	n=$((n + 1))
	"$ONETEAM" $1 bundle export --for "$2" -o "$WORK/x$n.otb" > /dev/null
	"$ONETEAM" $3 bundle import "$WORK/x$n.otb" > "$WORK/out" \
	    2> "$WORK/err"
	got=$?
}
OFF="--db $DB"
round() {
	xfer "$OFF" hub "$HUB"; xfer "$HUB" test-site "$OFF"
	xfer "$HUB" school "$SCHOOL"; xfer "$SCHOOL" hub "$HUB"
}
round; round

# put_back SUMMARY: the office backed up with its mark, a visit recorded
# and sent to the hub, then the backup put back over it, mark and all.
put_back() {
	sqlite3 "$DB" ".backup '$WORK/backup.db'"
	cp "$WORK/oneteam.db.mark" "$WORK/backup.mark"
	ot --as amira contact add "$F" --kind home_visit --summary "$1" \
	    > /dev/null
	xfer "$OFF" hub "$HUB"
	cp "$WORK/backup.db" "$DB"
	rm -f "$DB-wal" "$DB-shm"
	cp "$WORK/backup.mark" "$WORK/oneteam.db.mark"
}
put_back "Sent before the backup was put back."
G=$(ot --as amira --format tsv family add "Made after the restore" --level 1)
ONETEAM_PASSPHRASE_FILE=$WORK/tom ot --as tom family set "$G" --level 4 \
    --reason "Tom: worse at the office." > /dev/null
ot --as amira family set "$G" --level 3 \
    --reason "Amira: better at the office." > /dev/null
ot bundle export --full -o "$WORK/stick.otb" > /dev/null
sch bundle import "$WORK/stick.otb" > /dev/null
ONETEAM_PASSPHRASE_FILE=$WORK/tom sch --as tom family set "$G" --level 4 \
    --reason "Tom: worse at the school." > /dev/null
sch --as amira family set "$G" --level 2 \
    --reason "Amira: better at the school." > /dev/null

xfer "$OFF" hub "$HUB"
xfer "$HUB" test-site "$OFF"
ot --as amira site recover > /dev/null 2> "$WORK/err"
check "recover as Amira alone is refused, naming Tom and --also" sh -c \
    "test $? -ne 0 && grep -q 'signed by Tom Brennan.*--also' '$WORK/err'"
ot --as amira site recover --also tom > /dev/null 2> "$WORK/err"
check "--also without a terminal or a file is refused, saying so" sh -c \
    "test $? -ne 0 && grep -q 'no terminal to ask' '$WORK/err'"
ot --as amira site recover --also tom --also amira \
    --also-passphrase-file "$WORK/tom" > /dev/null 2> "$WORK/err"
check "one file for two --also is refused, saying so" sh -c \
    "test $? -eq 2 && grep -q 'one --also-passphrase-file for each' \
    '$WORK/err'"
printf 'not his\n' > "$WORK/wrong"
ot --as amira site recover --also tom --also-passphrase-file "$WORK/wrong" \
    > /dev/null 2> "$WORK/err"
check "a wrong passphrase for Tom is refused" sh -c \
    "test $? -ne 0 && grep -q 'Tom Brennan: wrong passphrase' '$WORK/err'"
ot --as amira site recover --also tom --also-passphrase-file "$WORK/tom" \
    > /dev/null
check "with Tom's passphrase, site recover makes both again" test $? -eq 0
xfer "$OFF" hub "$HUB"
check "the hub takes the office's bundle" test $got -eq 0
xfer "$HUB" test-site "$OFF"
xfer "$HUB" school "$SCHOOL"
check "the school's import as Amira alone is refused, naming Tom" sh -c \
    "test $got -ne 0 && grep -q 'signed by Tom Brennan.*--also.*import \
this bundle again' '$WORK/err'"
sch --as amira bundle import --also "Tom Brennan" \
    --also-passphrase-file "$WORK/tom" "$WORK/x$n.otb" > "$WORK/out"
check "with Tom's passphrase it lets go and makes the school's again" \
    sh -c "test $? -eq 0 && grep -q 'let go of' '$WORK/out'"
round; round
records_of --db "$DB" > "$WORK/office.state"
records_of $HUB > "$WORK/hub.state"
records_of $SCHOOL > "$WORK/school.state"
check "office and hub hold the same" cmp -s "$WORK/office.state" \
    "$WORK/hub.state"
check "school and hub hold the same" cmp -s "$WORK/school.state" \
    "$WORK/hub.state"
for said in "Sent before the backup was put back" \
    "Tom: worse at the office" "Amira: better at the office" \
    "Tom: worse at the school" "Amira: better at the school"; do
	check "held once: $said" test "$(grep -c "$said" \
	    "$WORK/hub.state")" -eq 1
done
"$ONETEAM" $HUB check > "$WORK/out" 2>&1
check "nothing the authors signed is refused at the hub" sh -c \
    "! grep -q 'Brennan.*level\|Khan.*level' '$WORK/out'"
for s in "--db $DB" "$HUB" "$SCHOOL"; do
	"$ONETEAM" $s audit verify > /dev/null
	check "the trail is whole ($s)" test $? -eq 0
done
# Put back again, and after the backup Amira steps the family down, sets
# herself a new passphrase, and steps it up with it: the first two were
# signed with the key she had then, which no one holds now, and the last
# with one that stands only after the second. Recover makes all three
# again refused, kept, and says so, naming her passphrase (the one before
# stands again until she sets it again); nothing is lost, every site
# comes out the same.
round
put_back "Sent before the second backup was put back."
ot --as amira family set "$F" --level 1 \
    --reason "Amira: stepped down before her new passphrase." > /dev/null
printf 'amira has a new one now\n' > "$WORK/amira-new"
ot --as amira staff passwd amira --passphrase-file "$WORK/amira-new" \
    > /dev/null
ONETEAM_PASSPHRASE_FILE=$WORK/amira-new
ot --as amira family set "$F" --level 2 \
    --reason "Amira: stepped up with her new passphrase." > /dev/null
xfer "$OFF" hub "$HUB"
xfer "$HUB" test-site "$OFF"
ot --as amira site recover > "$WORK/out" 2> "$WORK/err"
check "recover after a new passphrase mends the fork all the same" \
    test $? -eq 0
check "and says what stands refused now, and why" grep -q \
    '3 of them are refused where they stand now: signed with a passphrase their author has changed since, or made after such a change' \
    "$WORK/out"
check "naming her new passphrase" grep -q \
    "Amira Khan's new passphrase was one: the one before stands again" \
    "$WORK/out"
ot --as amira family show "$F" > /dev/null 2>&1
check "so her new one is not taken" test $? -ne 0
ONETEAM_PASSPHRASE_FILE=$WORK/amira
ot check > "$WORK/out" 2>&1
check "the steps made again are kept, listed refused, saying why" sh -c \
    "test \$(grep -c 'level of family.*made again after its site.s \
history forked' '$WORK/out') -eq 2"
ot --as amira staff passwd amira --passphrase-file "$WORK/amira-new" \
    > /dev/null
ONETEAM_PASSPHRASE_FILE=$WORK/amira-new
ot --as amira family set "$F" --level 1 \
    --reason "Amira: stepped down again, signed." > /dev/null
check "set again, her new one signs" test $? -eq 0
round; round
records_of --db "$DB" > "$WORK/office.state"
records_of $HUB > "$WORK/hub.state"
check "office and hub hold the same after it" sh -c "test -s \
    '$WORK/hub.state' && cmp -s '$WORK/office.state' '$WORK/hub.state'"
check "what was sent before the second backup is there" grep -q \
    "Sent before the second backup" "$WORK/hub.state"
"$ONETEAM" $HUB --as amira family show "$F" > /dev/null
check "the hub takes her new passphrase too" test $? -eq 0

echo "1..$TESTS_RUN"
[ "$TESTS_FAILED" -eq 0 ]
