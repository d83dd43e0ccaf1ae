#!/bin/sh
# Need to know on the screens: Tom, of Riverside, does not see a
# Northfield family he has no part in among the families with no lead;
# the search finds it, marked not his. A family without consent to
# share says so in the list and the search. Opening it asks why; an
# empty reason is refused; his reason opens it and is on the audit trail
# for the coordinators, with the look itself. A family of his locality
# opens at once.
. "$srcdir/tests/tui/lib.sh"
setup
demo 20
Z=$(ot --as grace --format tsv family add "Zephaniah family" --level 2 \
    --locality Northfield)
# A Riverside family with no lead and no consent to share recorded.
ot --as grace family add "Yu family" --level 2 > /dev/null

start 100 30
signin tom
keys 4
expect "the families with no lead" "No lead"
expect_not "hold none of another locality's" "Zephaniah"
expect "one without consent to share says so" "Yu family (no consent)"
keys /
text "Zephaniah"
expect "the search finds the Northfield family" "$Z"
expect "marked as not his to see" "not yours"
expect "with its locality, not what matched" "a family of Northfield"
keys Enter
expect "opening it asks why" "Why do you need to open $Z?"
expect_not "and shows nothing of it yet" "Summary"
keys F2
expect "an empty reason is refused" "needed"
text "x"
keys F2
check "a reason of one letter is refused under Reason" \
    under "Reason" "say why you open it in a few words"
keys C-u
text "Mum asked at the Riverside hub for her sister"
keys F2
expect "the reason opens the family" "Summary"
expect "the family shown" "Zephaniah family"
keys q
expect "back at the search, kept" "Search: Zephaniah"
keys q
expect "q is not typed into it: it ends the search" "Families │"
expect_not "and the family is gone with it" "Zephaniah"
keys /
text "Yu fam"
expect "so does the search" "Yu family (no consent)"
keys Escape
keys 2 Enter
expect "a family of his locality opens at once" "Summary"
keys F10 y
check "oneteam ends with 0" test "$(exited)" = 0
check "the reason is on the audit trail" sh -c "'$ONETEAM' --db '$DB' \
    --as grace --format tsv audit who-viewed '$Z' | awk -F'\t' \
    '\$3 == \"break_glass\" && \$2 == \"Tom Brennan\"' |
    grep -q 'Mum asked at the Riverside hub'"
check "with the look itself" sh -c "'$ONETEAM' --db '$DB' --as grace \
    --format tsv audit who-viewed '$Z' | awk -F'\t' '\$3 == \"view\"' | grep -q Tom"
finish
