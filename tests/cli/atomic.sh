#!/bin/sh
# Import is all or nothing: a bundle of more than 50,000 changes, its
# import killed with SIGKILL at random moments and stopped by an injected
# fault before its commit, leaves the database's state exactly as before
# (or, killed after the commit, exactly as after), and oneteam check
# clean. TAP, not a transcript: the moments are random (printed).
. "${srcdir:-.}/tests/cli/lib.sh"
setup
unset ONETEAM_NOW	# the import's own clock, not one pinned per command

A=$WORK/a.db
B=$WORK/b.db
printf 'a long team passphrase\n' > "$WORK/pass"
"$ONETEAM" --db "$A" demo --families 1600 > /dev/null
"$ONETEAM" --db "$A" team create --kdf interactive \
    --passphrase-file "$WORK/pass" > /dev/null
"$ONETEAM" --db "$A" --format tsv bundle export --full \
    -o "$WORK/full.otb" > "$WORK/out"
CHANGES=$(awk -F'\t' 'NR == 2 { print $2 }' "$WORK/out")
check "the bundle holds more than 50,000 changes ($CHANGES)" \
    test "${CHANGES:-0}" -gt 50000

# state DB: a hash of the changes held, or "bad" when oneteam check finds
# problems (check proves the tables are the fold of those changes). Not
# the audit trail's: each import puts a new entry on it, with its own id
# and time, in a transaction after the import's own.
state() {
	"$ONETEAM" --db "$1" check > "$WORK/check" 2>&1 || {
		echo bad
		return
	}
	sqlite3 "$1" "SELECT hex(id) FROM op WHERE etype != 'audit' ORDER BY id" \
	    | sha256sum
}

# A site that has joined the team and holds nothing else, kept to start
# each try from; from here on every command is at that site, under a
# name of its own (site names are unique in a team).
sed 's/^name = test-site$/name = b-site/' "$WORK/oneteam.ini" > "$WORK/b.ini"
ONETEAM_CONFIG=$WORK/b.ini
"$ONETEAM" --db "$WORK/empty.db" init > /dev/null
"$ONETEAM" --db "$WORK/empty.db" team join "$WORK/full.otb" \
    --passphrase-file "$WORK/pass" > /dev/null
EMPTY=$(state "$WORK/empty.db")
fresh() {
	rm -f "$B" "$B-wal" "$B-shm" "$B.key"
	cp "$WORK/empty.db" "$B"
	cp "$WORK/empty.db.key" "$B.key"
}

# How long a whole import takes here, to kill within it.
fresh
t0=$(date +%s%N)
"$ONETEAM" --db "$B" bundle import "$WORK/full.otb" > /dev/null 2>&1
t1=$(date +%s%N)
MS=$(( (t1 - t0) / 1000000 ))
FULL=$(state "$B")
# Records, not the trail: each site's own entries differ in number.
records() {
	sqlite3 "$1" "SELECT count(*) FROM op WHERE etype != 'audit'"
}
check "a whole import (in $MS ms) holds every change the sender holds" \
    test "$(records "$B")" = "$(($(records "$A") + $(records \
    "$WORK/empty.db")))"
check "the site is whole after it (oneteam check)" test "$FULL" != bad

# SIGKILL at random moments of the import.
for try in 1 2 3 4 5 6 7 8; do
	fresh
	at=$(awk -v ms="$MS" -v s="$$$try" 'BEGIN { srand(s);
	    printf "%.3f", (0.05 + rand() * 0.95) * ms / 1000 }')
	"$ONETEAM" --db "$B" bundle import "$WORK/full.otb" > /dev/null 2>&1 &
	pid=$!
	sleep "$at"
	kill -9 "$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
	got=$(state "$B")
	case $got in
	"$EMPTY") what="as before" ;;
	"$FULL") what="all of it (the kill came after the commit)" ;;
	*) what="neither before nor after: $got" ;;
	esac
	check "killed after ${at}s: the state is $what; check is clean" \
	    sh -c "test '$got' = '$EMPTY' || test '$got' = '$FULL'"
done

# A fault injected at three points before the commit.
for where in import-start import-half import-commit; do
	fresh
	ONETEAM_FAULT=$where "$ONETEAM" --db "$B" bundle import \
	    "$WORK/full.otb" > /dev/null 2> "$WORK/err"
	status=$?
	check "ONETEAM_FAULT=$where: refused (status $status) and says why" \
	    sh -c "test $status -ne 0 && grep -q ONETEAM_FAULT '$WORK/err'"
	check "ONETEAM_FAULT=$where: the state is as before" \
	    test "$(state "$B")" = "$EMPTY"
done
# And then the import runs whole.
"$ONETEAM" --db "$B" bundle import "$WORK/full.otb" > /dev/null 2>&1
check "after the faults, the import runs whole" \
    test "$(state "$B")" = "$FULL"
echo "1..$TESTS_RUN"
[ "$TESTS_FAILED" -eq 0 ]
