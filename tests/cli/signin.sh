#!/bin/sh
# Golden test: passphrases of staff from the command line. init and staff
# add take one from a file; staff passwd sets one's own, or a coordinator
# anyone's; short, missing and mismatched ones are refused and change
# nothing; only the Argon2id hash (and the key it makes) is kept, nowhere
# the passphrase.
# Signing in: --as names an account with a passphrase only with its
# session (oneteam signin) or its passphrase; a session ends unused after
# the idle minutes, or at signout; only its token's hash is kept.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

printf 'kettle on by nine\n' > "$WORK/grace"
printf 'tom has a long one\n' > "$WORK/tom"
printf 'short\n' > "$WORK/short"
: > "$WORK/empty"
run 2 init --role "locality coordinator" --passphrase-file "$WORK/grace"
run 0 init --name "Grace Okafor" --role "locality coordinator" \
    --agency "early help" --coordinator --passphrase-file "$WORK/grace"
# Grace has a passphrase: her name alone is not enough.
before=$(db_hash)
run 1 --as grace staff add "Tom Brennan" --role "early help worker" \
    --agency "early help"
check "a name not proven changes nothing" test "$before" = "$(db_hash)"
run 1 signin grace --passphrase-file "$WORK/tom"
run 1 signin nobody --passphrase-file "$WORK/grace"
run 2 signin
run 0 signin grace --passphrase-file "$WORK/grace"
eval "$(ot signin grace --passphrase-file "$WORK/grace" 2> /dev/null)"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
check "the session's token is not in the database" sh -c "! grep -q -a \
    '$ONETEAM_SESSION' '$DB'"
run 0 --as grace staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/tom"
# Tom proves his name with his passphrase's file, as a script would.
ONETEAM_PASSPHRASE_FILE=$WORK/tom
export ONETEAM_PASSPHRASE_FILE
run 0 --as grace staff add "Amira Khan" --role "health visitor" \
    --agency "health visiting"
before=$(db_hash)
run 1 --as grace staff add "Eve North" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/short"
run 2 --as grace staff add "Eve North" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/empty"
run 2 --as grace staff add "Eve North" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/missing"
# A name that would look like Tom's (a zero-width space in it).
run 1 --as grace staff add "$(printf 'Tom\342\200\213 Brennan')" \
    --role "early help worker" --agency "early help"
# Names that read as Tom's: in other letters' case, with a space doubled
# or at an end, or his again.
for alike in "tom brennan" "Tom  Brennan" " Tom Brennan" "Tom Brennan"; do
	run 1 --as grace staff add "$alike" --role "early help worker" \
	    --agency "early help"
done
# Names that would pass for Grace's: with a format character (U+0600,
# U+13430) or a line separator in them, a Cyrillic а in a Latin word,
# fullwidth or mathematical letters; or her first name alone, which
# "--as grace" would find before hers. (Her whole name here, so that each
# is refused on its own account.)
for alike in "$(printf 'Grace\330\200 Okafor')" \
    "$(printf 'Grace\360\223\220\260 Okafor')" \
    "$(printf 'Grace\342\200\250Okafor')" "$(printf 'Gr\320\260ce Okafor')" \
    "$(printf '\357\274\247race Okafor')" \
    "$(printf '\360\235\220\206race Okafor')" "Grace" "grace  "; do
	run 1 --as "Grace Okafor" staff add "$alike" \
	    --role "early help worker" --agency "early help"
done
run 1 --as tom staff passwd amira --passphrase-file "$WORK/tom"
run 1 --as grace staff passwd nobody --passphrase-file "$WORK/tom"
run 2 --as grace staff passwd
check "refused changes leave the database as it was" \
    test "$before" = "$(db_hash)"
run 0 --as tom staff passwd tom --passphrase-file "$WORK/grace"
run 1 --as tom staff list
ONETEAM_PASSPHRASE_FILE=$WORK/grace
run 0 --as tom staff list
run 0 staff passwd amira < "$WORK/tom"
check "the hashes are Argon2id's, each with its key" sh -c "test \$(sqlite3 '$DB' \
    \"SELECT count(*) FROM staff WHERE passhash LIKE '\\\$oneteam-key\\\$v=1\\\$%'\") = 3"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
check "no passphrase is in the database" sh -c "! grep -q -a \
    -e 'kettle on by nine' -e 'tom has a long one' '$DB'"
# Managing accounts: a coordinator's or an administrator's; only an
# administrator makes another (Grace, init's first, is both).
run 1 --as tom staff add "Uma Patel" --role "early help worker" \
    --agency "early help"
run 1 --as tom staff add "Uma Patel" --role "early help worker" \
    --agency "early help" --administrator
run 0 --as grace staff add "Uma Patel" --role "early help worker" \
    --agency "early help" --administrator
run 0 --as uma staff add "Vic Lane" --role "early help worker" \
    --agency "early help"
# A name is kept trimmed, its words one space apart.
run 0 --as grace staff add "  Wyn   Hughes " --role "early help worker" \
    --agency "early help"
# Disabling: not one's own; then no sign-in, no work.
run 2 --as grace staff disable
run 1 --as tom staff disable amira
run 1 --as grace staff disable grace
run 0 --as grace staff disable tom
run 1 --as tom family list
# A disabled account's name is still its own.
run 1 --as grace staff add "TOM BRENNAN" --role "early help worker" \
    --agency "early help"
# Vic has no passphrase yet; disabled, his name is not enough either,
# nor his reference.
V=$(ot --format tsv staff list | awk -F'\t' '$2 == "Vic Lane" { print $1 }')
run 0 --as grace staff disable vic
run 1 --as "$V" family list
run 0 --format tsv staff list
run 0 staff passwd --help
# A wrong passphrase for a command that only reads is a failed sign-in
# too: counted, on the trail.
fails() {
	sqlite3 "$DB" "SELECT count(*) FROM audit WHERE what = 'signin_failed'"
}
was=$(fails)
printf 'not the one at all\n' > "$WORK/wrong"
ONETEAM_PASSPHRASE_FILE=$WORK/wrong
run 1 --as amira staff list
check "the wrong passphrase is on the trail" test "$(fails)" -eq $((was + 1))
ONETEAM_PASSPHRASE_FILE=$WORK/grace
# The session ends after the idle minutes unused (5), reading or
# writing; or at signout; or with a new passphrase.
ONETEAM_NOW=2026-03-12T09:34:00Z
run 0 staff list
ONETEAM_NOW=2026-03-12T09:38:00Z
run 0 staff list
ONETEAM_NOW=2026-03-12T09:44:00Z
run 1 staff list
eval "$(ot signin grace --passphrase-file "$WORK/grace" 2> /dev/null)"
run 0 signout
run 1 staff list
eval "$(ot signin grace --passphrase-file "$WORK/grace" 2> /dev/null)"
# A colleague who finds Grace's shell signed in cannot set her a new
# passphrase: her own is asked first, and a wrong one is a failed
# sign-in.
hash() {
	sqlite3 "$DB" "SELECT passhash FROM staff WHERE name = 'Grace Okafor'"
}
was=$(fails)
before=$(hash)
ONETEAM_PASSPHRASE_FILE=$WORK/wrong
run 1 staff passwd grace --passphrase-file "$WORK/tom"
check "a passphrase not changed without the one she has" test \
    "$before" = "$(hash)"
check "and the wrong one is on the trail" test "$(fails)" -eq $((was + 1))
ONETEAM_PASSPHRASE_FILE=$WORK/grace
run 0 staff passwd grace --passphrase-file "$WORK/tom"
run 1 staff list
# An ended session does not stand in the way of a name proven anew.
ONETEAM_PASSPHRASE_FILE=$WORK/tom
run 0 --as grace staff list
unset ONETEAM_SESSION
run 2 signout
# A session is its terminal's: the same token in a process of another
# session (another window or login, setsid here) is refused. Its idle
# window is the one configured when it opened: raised in the file
# later, it ends at the old one all the same, and is deleted.
eval "$(ot signin grace --passphrase-file "$WORK/tom" 2> /dev/null)"
check "the session is refused at another terminal" sh -c "! setsid -w \
    '$ONETEAM' --db '$DB' staff list > /dev/null 2> '$WORK/err' &&
    grep -q 'signed in at another terminal' '$WORK/err'"
# Nor in namespaces of its own, where the same numbers can be made again.
if unshare --pid --fork --mount-proc true 2> /dev/null; then
	check "the session is refused in other namespaces" sh -c "! unshare \
	    --pid --fork --mount-proc '$ONETEAM' --db '$DB' staff list \
	    > /dev/null 2> '$WORK/err' &&
	    grep -q 'signed in at another terminal' '$WORK/err'"
else
	TESTS_RUN=$((TESTS_RUN + 1))
	echo "ok $TESTS_RUN # SKIP unshare is not allowed here"
fi
run 0 staff list
cp "$WORK/oneteam.ini" "$WORK/before.ini"
printf '[security]\nidle_lock_minutes = 240\n' >> "$WORK/oneteam.ini"
ONETEAM_NOW=2026-03-12T09:56:00Z
run 1 staff list
cp "$WORK/before.ini" "$WORK/oneteam.ini"
check "an ended session is deleted" test "$(sqlite3 "$DB" \
    "SELECT count(*) FROM signin_session")" -eq 0
ONETEAM_NOW=2026-03-12T09:44:00Z
unset ONETEAM_SESSION
# Uma has no passphrase yet: oneteam signin lets her in, taken at her
# word, as --as and the screens do, so that she can set her own; the
# sign-in says how she proved it (atwork.c's table), and her new
# passphrase ends that session.
run 0 signin uma
eval "$(ot signin uma 2> /dev/null)"
run 0 staff passwd uma --passphrase-file "$WORK/tom"
check "her sign-ins are on the trail with no passphrase" test "$(sqlite3 \
    "$DB" "SELECT count(*) FROM audit WHERE what = 'signin' AND detail = \
    'with no passphrase: none is set'")" -eq 2
run 1 staff list
unset ONETEAM_SESSION
# A passphrase set before passphrases gave keys (its hash as a database
# of that release holds it, put in the table alone) still signs in, gives
# no key, and says to set it again (test-signin sets it again).
printf 'an old long passphrase\n' > "$WORK/old"
sqlite3 "$DB" "UPDATE staff SET passhash = '\$argon2id\$v=19\$m=65536,t=2,\
p=1\$fnHw1bUpH+kNKsvux4lRew\$6bJ+23NCUxuQpLj0r6PYw3pDd9ouh6pxXaRdQr/XHlA' \
    WHERE name LIKE 'Uma%'"
run 0 signin uma --passphrase-file "$WORK/old"

# Where a wrong passphrase could not be counted (a read-only copy, on a
# write-protected stick), none is tried, right or wrong: else guesses
# would be free there. Root may write anything, so as root this runs as
# nobody.
mkdir "$WORK/stick"
sqlite3 "$DB" ".backup '$WORK/stick/ro.db'"
cp "$WORK/grace" "$WORK/stick/pass"
chmod 0444 "$WORK/stick/ro.db" "$WORK/stick/pass"
chmod 0555 "$WORK/stick"
chmod 0755 "$WORK"
chmod 0644 "$WORK/oneteam.ini"
unset ONETEAM_SESSION
ONETEAM_PASSPHRASE_FILE=$WORK/stick/pass
as_other "$ONETEAM" --db "$WORK/stick/ro.db" --as grace staff list \
    > /dev/null 2> "$WORK/err"
got=$?
check "a passphrase is not tried where it could not be counted" sh -c \
    "test $got -ne 0 && grep -q 'not tried here' '$WORK/err'"
chmod 0755 "$WORK/stick"
finish
