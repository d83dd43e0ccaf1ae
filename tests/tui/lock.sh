#!/bin/sh
# Two people share a terminal. Grace, half-way through a contact form,
# locks the screens (Ctrl-L): nothing of the family or the form is shown;
# a wrong passphrase is refused; hers brings the form back, text and all.
# She locks again and Tom signs in at the lock: he gets Families, not her
# form, and nothing of her text; he locks, and Grace, signing in again,
# finds her form as she left it. Tom, no coordinator, is offered the next
# review of a family, not its level, lead or status; he locks half-way
# through a contact, and Grace, leaving, is told his form would be lost.
# The idle lock's
# timing is checked by the unit tests (oneteam_lock_left, with the clock
# injected).
. "$srcdir/tests/tui/lib.sh"
setup
demo 20

start 100 30
signin grace
keys 2
expect "the locality's families" "[2 Locality]"
keys Enter
expect "a family is open" "Summary"
keys c
expect "the contact form is open" "Log a contact"
text "home"
keys Enter Tab Tab
text "Kitchen table, the letter about rent"
expect "the text is in the form" "Kitchen table, the letter about rent"
expect "the key bar shows the lock" "^L lock"

keys C-l
expect "Ctrl-L locks" "Locked. Grace Okafor: your passphrase to go on:"
expect_not "the form's text is not shown" "Kitchen table"
expect_not "nor the form" "Log a contact"
keys q Escape
expect "q and Esc do not unlock" "Who is using oneteam?"
keys Escape
expect "Esc again asks who locked" "Locked. Grace Okafor: your passphrase"
text "not the right one"
keys Enter
expect "a wrong passphrase is refused" "wrong passphrase"
text "riverside demo"
keys Enter
expect "her passphrase brings the form back, text and all" \
    "Kitchen table, the letter about rent"

keys C-l
expect "locked again" "Locked. Grace Okafor"
keys Escape
expect "Esc lets someone else sign in" "Locked by Grace Okafor. Who is using"
text "tom"
keys Enter
expect "Tom is asked for his passphrase" "Passphrase for Tom Brennan:"
text "riverside demo"
keys Enter
expect "Tom is signed in" "Tom Brennan"
expect "at Families" "Families │"
expect_not "not at Grace's form" "Log a contact"
expect_not "and her text is nowhere" "Kitchen table"
# Tom is no coordinator: the level, lead and status are not his to change.
keys 2
expect "Tom sees the locality's families" "[2 Locality]"
keys Enter
expect "and opens one" "Summary"
keys l
expect "l offers Tom the next review only" "Next review (a coordinator"
expect_not "not the lead professional" "Lead professional"
keys Escape
expect "Esc leaves the form" "Summary"
keys c
expect "Tom opens a contact form" "Log a contact"
text "phone"

keys C-l
expect "Tom locks, half-way through it" "Locked. Tom Brennan"
keys Escape
text "grace"
keys Enter
text "riverside demo"
keys Enter
expect "Grace finds her form as she left it" \
    "Kitchen table, the letter about rent"
keys F10
expect "F10 asks, as a form has changes" "(y/n)"
keys y
expect "then asks to leave, saying whose screens kept at the lock close" \
    "Leave oneteam? Screens kept at the lock close: Tom Brennan (a half-typed form, lost)"
keys y
check "oneteam ends with 0" test "$(exited)" = 0

# audit_has WHO WHAT COUNT: the audit trail has COUNT entries of WHAT
# by WHO.
audit_has() {
	test "$("$ONETEAM" --db "$DB" --as grace --format tsv audit by "$1" |
	    awk -F'\t' -v w="$2" '$3 == w' | wc -l)" -eq "$3"
}
check "Grace's two locks are on the audit trail" audit_has grace lock 2
check "and her unlock" audit_has grace unlock 1
check "Tom's lock too" audit_has tom lock 1
check "Grace signed in three times (one an unlock)" audit_has grace signin 3
check "Tom once" audit_has tom signin 1
check "her wrong passphrase" audit_has grace signin_failed 1
check "her look at the family" audit_has grace view 1
check "the trail is whole" sh -c "'$ONETEAM' --db '$DB' audit verify \
    > /dev/null"
finish
