#!/bin/sh
# Signing out (F9) ends only my own session at a shared terminal: it asks
# first, my screens close, a colleague's kept at the lock stay kept for
# them, the sign-in asks who is next, and the trail says I signed out.
. "$srcdir/tests/tui/lib.sh"
setup
demo 20
grace_family

start 100 30
signin tom
keys /
text "$PART"
expect "Tom finds the family" "$FAM"
keys Enter
expect "and opens it" "$FAM  $SURNAME"
keys C-l
expect "Tom locks" "Locked. Tom Brennan"
keys Escape
expect "Esc lets someone else sign in" "Locked by Tom Brennan. Who is using"
text "grace"
keys Enter
expect "Grace is asked for her passphrase" "Passphrase for Grace Okafor:"
text "riverside demo"
keys Enter
expect "Grace is signed in at Families" "Families │"
keys F9
expect "F9 asks first" "Sign out? Your screens close"
keys n
expect "no leaves her at work" "Families │ Grace Okafor"
keys F9
keys y
expect "yes signs her out, back at the sign-in" "Who is using oneteam?"
expect "saying so" "Signed out."
expect "the title says nobody is signed in" "Sign in │ nobody signed in"
signin tom
expect "Tom gets his family back as he left it" "$FAM  $SURNAME"
check "Grace's signing out is on the trail" sh -c "'$ONETEAM' --db '$DB' \
    --as grace --format tsv audit by grace | awk -F'\t' '\$3 == \"signout\"' |
    grep -q ."
check "the trail is whole" sh -c "'$ONETEAM' --db '$DB' audit verify \
    > /dev/null"
finish
