#!/bin/sh
# Bad input of every kind: each refused with one line on stderr naming
# what is wrong, a non-zero exit, and the database exactly as before.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

run 0 init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting"
export ONETEAM_STAFF=Amira
F=$(ot --format tsv family add "Khan family" --level 2)
before=$(db_hash)

# Arguments and text.
run 1 family set "$F" --next-review "not a date"
run 1 family set "$F" --next-review "2026-13-01"
run 1 family set "$F" --household "$(printf 'Kh\377an')"
run 1 family set "$F" --household "$(head -c 300 /dev/zero | tr '\0' x)"
run 1 family set "$F" --postcode "$(printf 'E6\0332AB')"
run 3 family show F-00000
run 1 family show "F-!!"
run 2 family list --limit lots
run 2 family frobnicate
run 2 --format yaml family list
run 1 family set "$F" --level 9 --reason x
run 1 family set "$F" --needs "world peace"
# A member of staff: each refusal names the field at fault, which the
# command line words as its option.
run 1 staff add "Tom Brennan" --role "astronaut" --agency "early help"
run 1 staff add "Tom Brennan" --role "early help worker"
run 1 staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" --locality "$(printf 'North\nside')"
run 1 staff add --name "   " --role "early help worker" \
    --agency "early help"
check "refused input leaves the database as it was" \
    test "$before" = "$(db_hash)"

# One line on stderr for each refusal.
lines_ok() {
	"$ONETEAM" --db "$DB" "$@" 2> "$WORK/err.1" > /dev/null
	[ "$(wc -l < "$WORK/err.1")" -eq 1 ]
}
check "a bad date is one line" lines_ok family set "$F" --next-review 31/2
check "an unknown reference is one line" lines_ok family show F-00000

# Configuration.
run 7 --config "$WORK/missing.ini" family list
printf '[security]\nidle_lock_minutes = soon\n' > "$WORK/bad.ini"
run 7 --config "$WORK/bad.ini" family list
printf '[sitee]\nname = x\n' > "$WORK/typo.ini"
run 7 --config "$WORK/typo.ini" family list
printf 'this is not ini\n' > "$WORK/junk.ini"
run 7 --config "$WORK/junk.ini" family list
printf '[reference]\nred_flags = %s/flags.tsv\n' "$WORK" > "$WORK/ref.ini"
printf 'code\tlabel\tseverity\tresponse\nx\tX\turgent\tcall\n' \
    > "$WORK/flags.tsv"
run 7 --config "$WORK/ref.ini" family list

# Database files that are not ours or not whole.
printf 'not a database, just some text that is long enough\n' > "$WORK/text.db"
run 5 --db "$WORK/text.db" family list
run 5 --db "$WORK/nothing-here.db" family list
run 5 --db "$WORK" family list
sqlite3 "$WORK/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
run 5 --db "$WORK/other.db" family list
cp "$DB" "$WORK/newer.db"
sqlite3 "$WORK/newer.db" "PRAGMA user_version = 999"
run 5 --db "$WORK/newer.db" family list
check "a newer database is left untouched" \
    test "$(sqlite3 "$WORK/newer.db" 'PRAGMA user_version')" = 999

# A damaged file: overwrite pages in the middle.
ot --as Amira demo --families 5 --replace --db "$WORK/damaged.db" > /dev/null
size=$(stat -c %s "$WORK/damaged.db")
dd if=/dev/urandom of="$WORK/damaged.db" bs=4096 seek=3 count=6 \
    conv=notrunc 2> /dev/null
"$ONETEAM" --db "$WORK/damaged.db" check > /dev/null 2>&1
check "check reports a damaged database (exit 5)" test $? -eq 5
# (the demo's Amira proves her name with its passphrase)
printf 'riverside demo\n' > "$WORK/demo-pass"
ONETEAM_PASSPHRASE_FILE=$WORK/demo-pass "$ONETEAM" --db "$WORK/damaged.db" \
    family list > /dev/null 2> "$WORK/err"
check "reading a damaged database says so (exit 5)" test $? -eq 5
check "and names it damaged" grep -q "damaged" "$WORK/err"

# Locked by another program for longer than the busy timeout.
(echo "BEGIN IMMEDIATE; UPDATE local SET hlc = hlc;"; sleep 8;
    echo "ROLLBACK;") | sqlite3 "$DB" &
locker=$!
sleep 1
"$ONETEAM" --db "$DB" family set "$F" --address "1 High St" 2> "$WORK/err"
code=$?
wait $locker
check "a locked database is refused with exit 4" test $code -eq 4
check "the lock is named" grep -q "in use by another oneteam" "$WORK/err"
check "nothing was saved while locked" test "$before" = "$(db_hash)"

# A full disk: a file size limit makes the write of a long summary fail.
big=$(head -c 19000 /dev/zero | tr '\0' y)
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
(ulimit -f 64; trap '' XFSZ; "$ONETEAM" --db "$DB" contact add "$F" \
    --kind "home visit" --summary "$big" 2> "$WORK/err")
code=$?
check "a full disk is refused with exit 6" test $code -eq 6
check "the full disk is named" grep -q "disk is full" "$WORK/err"
check "nothing was saved on the full disk" test "$before" = "$(db_hash)"
check "the database is whole after the full disk" \
    "$ONETEAM" --db "$DB" check

# The demo: refused over a file that exists, replaced when asked, whole.
run 1 demo --families 3 --db "$WORK/damaged.db"
run 0 demo --families 3 --seed 7 --replace --db "$WORK/damaged.db"
run 0 check --db "$WORK/damaged.db"
run 0 check --repair --db "$WORK/damaged.db"
run 2 demo --families many --db "$WORK/other-demo.db"
check "a refused demo leaves no file behind" test ! -e "$WORK/other-demo.db"
# --replace puts a demo only where a demo was: never over a team's
# records, nor over a file of something else.
before=$(db_hash)
run 1 demo --families 3 --replace
check "a team's database is not replaced by a demo" \
    test "$before" = "$(db_hash)"
# Nor over one that began as a demo and has since made a team.
"$ONETEAM" --db "$WORK/practice.db" demo --families 2 > /dev/null
printf 'a long team passphrase\n' > "$WORK/teampass"
"$ONETEAM" --db "$WORK/practice.db" team create --kdf interactive \
    --passphrase-file "$WORK/teampass" > /dev/null
run 1 demo --families 2 --replace --db "$WORK/practice.db"
printf 'minutes of the huddle\n' > "$WORK/minutes.txt"
run 1 demo --families 3 --replace --db "$WORK/minutes.txt"
check "nor a file of something else" \
    test "$(cat "$WORK/minutes.txt")" = "minutes of the huddle"
"$ONETEAM" config > "$WORK/out"
check "config prints the configuration in effect" grep -q "test-site" \
    "$WORK/out"

# A read-only file in a read-only folder (a write-protected stick):
# changes refused, reading still works. Root may write anything, so as
# root this runs as nobody.
mkdir "$WORK/stick"
sqlite3 "$DB" ".backup '$WORK/stick/ro.db'"
chmod 0444 "$WORK/stick/ro.db"
chmod 0555 "$WORK/stick"
chmod 0755 "$WORK"
chmod 0644 "$WORK/oneteam.ini"
as_other "$ONETEAM" --db "$WORK/stick/ro.db" --as Amira family set "$F" \
    --address x 2> "$WORK/err"
check "a read-only database refuses changes (exit 5)" test $? -eq 5
check "and says it is read-only" grep -q "read-only" "$WORK/err"
as_other "$ONETEAM" --db "$WORK/stick/ro.db" family list > "$WORK/out"
check "a read-only database can still be read" grep -q "Khan family" \
    "$WORK/out"
# But not a family itself: every view of a family is recorded on the
# audit trail (who looked, when), and a read-only file cannot take the
# entry. A view that cannot be attributed is not shown.
for view in "family show" chronology; do
	as_other "$ONETEAM" --db "$WORK/stick/ro.db" $view "$F" \
	    > "$WORK/out" 2> "$WORK/err"
	check "a read-only database refuses $view (exit 5)" test $? -eq 5
	check "and shows nothing of the family" sh -c "! grep -q Khan \
	    '$WORK/out'"
	check "and says it is read-only" grep -q "read-only" "$WORK/err"
done
chmod 0755 "$WORK/stick"
finish
