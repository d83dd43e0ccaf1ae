#!/bin/sh
# The Audit screen: Tom, of Riverside, breaks the glass on a Northfield
# family on the screens; A is not in his key bar, and pressing it shows
# him his own trail only (1, 2 and v are not his). Mei Lin, a coordinator (not an administrator), signs in once:
# A is in her key bar; the Audit screen shows Tom's entry with his
# reason (not his plain views); it is drawn whole at the smallest size;
# 2 shows who viewed the family, 3 what Tom did; v verifies the trail,
# whole, then not once a change is deleted from the middle of the log,
# naming it; it is in the help.
. "$srcdir/tests/tui/lib.sh"
setup
demo 20
Z=$(ot --as grace --format tsv family add "Zephaniah family" --level 2 \
    --locality Northfield)
REASON="Mum asked at the Riverside hub for her sister"

# shows_line REGEX: a line of the screen now matches the extended REGEX.
shows_line() {
	screen | grep -Eq -- "$1"
}

start 100 30
signin tom
expect_not "Tom's key bar has no audit trail" "A audit"
keys A
expect "A shows Tom his own trail" "Your own trail since 24 Oct 2026"
expect "his sign-in is on it, in words" "signed in"
expect_not "and no other view is named" "Break glass"
keys 1
expect "1 is not his: the message says what is" \
    "That is for coordinators and administrators: this is your own trail"
keys 2
expect_not "nor 2" "Who viewed a family"
keys v
expect_not "nor v" "Verified"
keys q
keys /
text "Zephaniah"
expect "the search finds the Northfield family" "$Z"
keys Enter
expect "opening it asks why" "Why do you need to open $Z?"
text "$REASON"
keys F2
expect "the reason opens the family" "Summary"
keys q
keys Escape
keys 2 Enter
expect "a family of his locality opens at once" "Summary"
keys F10 y
check "Tom's session ends with 0" test "$(exited)" = 0

start 100 30
signin mei
expect "Mei's key bar offers the audit trail" "A audit"
keys A
expect "A opens the Audit screen" " Audit │"
expect "on the glass broken in the last 30 days" \
    "Families opened outside one's work since 24 Oct 2026"
expect "Tom's entry is there" "Tom Brennan"
expect "with the family" "$Z"
expect "and his reason" "Reason: $REASON"
expect_not "the break glass view lists no plain look" "the screens"
expect "one entry: the count says so" "newest first: 1 entry"

# The smallest terminal: everything within it, the reason still there.
resize 80 24
expect_that "at 80×24 the screen follows" eval 'test "$(screen | wc -l)" \
    -eq 24 && screen | sed -n 23p | grep -qF "? help"'
check "at 80×24 nothing is past the edge" test "$(screen | width)" -le 80
expect "at 80×24 the reason is still shown" "Reason: $REASON"
expect "and the views named" "[1 Break glass]"

keys 2
expect "2 asks which family" "Who viewed a family"
keys C-u
text "$Z"
keys F2
expect "who viewed the family" "Who viewed $Z"
expect_that "Tom's look is there" shows_line "Tom Brennan +viewed"
expect_that "with his breaking of the glass" \
    shows_line "Tom Brennan +broke the glass"

keys 3
expect "3 asks whose work" "What a member of staff did"
keys F2
expect "the one under the cursor is offered: Tom" "What Tom Brennan did since"
expect "his sign-in is there" "signed in"
# The day offered is typed over, not after ("2026-10-24today").
keys s
expect "s asks since when" "Since"
text "today"
keys F2
expect "a day typed over the one offered is taken" "since 23 Nov 2026"

# v verifies the trail as audit verify does: whole; then a change is
# deleted from the middle of the office's own log, and v says so.
expect "the key bar offers to verify the trail" "v verify the trail"
keys v
expect "v verifies the trail" "The audit trail is whole: "
expect "and names the view" "[v Verify]"
SITE=$(sqlite3 "$DB" "SELECT hex(site) FROM local")
sqlite3 "$DB" "DELETE FROM op WHERE hex(origin) = '$SITE' AND seq = 5"
keys v
expect "verified again, the trail is not whole" \
    "The audit trail is not whole: 1 problem found."
expect "the problem is shown" \
    "changes of office: change 5 is missing: it was deleted"
check "the command line finds the same" sh -c \
    "'$ONETEAM' --db '$DB' audit verify 2>/dev/null | grep -qxF \
    'problem: changes of office: change 5 is missing: it was deleted'"

keys '?'
expect "the help lists the Audit screen" "The audit trail. Coordinators and administrators see"
keys q
keys 1
expect "1 goes back to the glass broken" "Reason: $REASON"
keys F10 y
check "Mei's session ends with 0" test "$(exited)" = 0
finish
