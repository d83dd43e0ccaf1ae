#!/bin/sh
# Signing out (F9) ends only my own session at a shared terminal: it asks
# first, my screens close, a colleague's kept at the lock stay kept for
# them, the sign-in asks who is next, and the trail says I signed out.
# A question too long for the line (quitting, naming whose half-typed
# form would be lost) is read whole with F3.
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
# A question too long for the line is read whole with F3, and answered.
keys c
expect "Tom starts a contact" "Log a contact"
text "home"
keys C-l
expect "and locks, half-way through it" "Locked. Tom Brennan"
keys Escape
text "grace"
keys Enter
expect "Grace is asked for her passphrase again" "Passphrase for Grace"
text "riverside demo"
keys Enter
expect "Grace is signed in" "Families │ Grace Okafor"
resize 80 24
keys F10
expect "at 80 columns the question is cut, saying F3" "F3: all"
keys F3
expect "F3 shows it whole" "lost) (y/n)"
keys x
expect "any key goes back to it" "Leave oneteam? Screens kept"
keys n
expect "no stays" "Families │ Grace Okafor"
check "Grace's signing out is on the trail" sh -c "'$ONETEAM' --db '$DB' \
    --as grace --format tsv audit by grace | awk -F'\t' '\$3 == \"signout\"' |
    grep -q ."
check "the trail is whole" sh -c "'$ONETEAM' --db '$DB' audit verify \
    > /dev/null"
finish
