#!/bin/sh
# Signing in on the screens with a passphrase: the name is chosen, then
# the passphrase asked for and shown only as stars; a wrong one is refused
# and asked again; five in a row make the account wait, and say how long;
# Esc goes back to the names; the right one signs in. An account with no
# passphrase yet signs in and is told to have one set; its lock asks
# nothing, but refuses it once disabled.
. "$srcdir/tests/tui/lib.sh"
setup
demo 20
ot --as grace staff add "Zara New" --role "early help worker" \
    --agency "early help" > /dev/null

start 80 24
wait_for "Who is using oneteam?"
text grace
keys Enter
expect "the passphrase is asked for" "Passphrase for Grace Okafor:"
text "riverside"
expect "what is typed shows as stars" "*********"
expect_not "and not as itself" "riverside"
keys Enter
expect "a wrong passphrase is refused" "wrong passphrase"
expect "and asked for again" "Passphrase for Grace Okafor:"
for i in 1 2 3 4; do
	text "not it at all"
	keys Enter
	sleep 0.3
done
expect "the fifth wrong one makes the account wait" \
    "too many wrong passphrases: wait 30 seconds"
text "riverside demo"
keys Enter
expect "while it waits even the right one is refused" \
    "too many wrong passphrases: wait"
keys Escape
expect "Esc goes back to the names" "Who is using oneteam?"
text "amira"
keys Enter
expect "another account does not wait" "Passphrase for Amira Hassan:"
text "riverside demo"
keys Enter
expect "the right passphrase signs in" "Amira Hassan"
expect "at Families" "Families │"
keys F10
expect "F10 asks to leave" "Leave oneteam?"
keys y
check "oneteam ends with 0" test "$(exited)" = 0

start 80 24
signin zara
expect "an account with no passphrase signs in, and is told" \
    "No passphrase is set for you yet"
# The lock gives the same answer as the sign-in and the command line:
# taken at her word, and the unlock says so on the trail.
keys C-l
expect "her lock has nothing to ask" \
    "Locked by Zara New, who has no passphrase yet."
keys Enter
expect "Enter goes on" "Families │"
check "the unlock says how she proved it" sh -c "test \"\$(sqlite3 '$DB' \
    \"SELECT detail FROM audit WHERE what = 'unlock'\")\" = \
    'with no passphrase: none is set'"
# Disabled while locked, she is refused at the lock as everywhere else.
keys C-l
expect "locked again" "Locked by Zara New, who has no passphrase yet."
# (Grace proves her name once her wait is over.)
ONETEAM_NOW=2026-11-23T09:05:00Z ot --as grace staff disable zara > /dev/null
keys Enter
expect "a disabled account is refused at the lock" \
    "the account of Zara New is disabled"
expect_not "and her screens stay hidden" "Families │"
keys F10 y
check "oneteam ends with 0" test "$(exited)" = 0
check "the waiting is recorded at this site" sh -c "test \$(sqlite3 '$DB' \
    'SELECT fails FROM signin_wait') = 5"
finish
