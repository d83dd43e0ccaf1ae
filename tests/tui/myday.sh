#!/bin/sh
# My day (d on Families): a red flag another worker raised on a family I
# lead comes first, with what to do now, until it is acknowledged; what is
# due in the coming week comes after what is due, marked "soon"; Enter on
# a heading says how to open a family instead of doing nothing, and on a
# line opens it.
. "$srcdir/tests/tui/lib.sh"
setup

ot init --name "Grace Okafor" --role "locality coordinator" \
    --agency "early help" --coordinator > /dev/null
ot --as grace staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
A=$(ot --as grace --format tsv family add "Adams family" --level 2 \
    --lead Grace)
ot --as tom flag raise "$A" --code domestic_abuse_disclosure > /dev/null
ot --as grace action add "$A" --what "Book the family meeting" \
    --owner grace --due +3d > /dev/null

start 100 30
wait_for "Who is using oneteam?"
text grace
keys Enter
expect "signed in at Families" "Families │"
keys d
expect "My day opens" "My day │"
expect "the flag on the family she leads comes first" \
    "Red flags on families I lead (1)"
expect "with what to do now" "Disclosure of domestic abuse: Same-day call"
expect "the action of the coming week, marked" "soon"
expect "counted apart in the heading" "1 in the coming week"
keys Enter
expect "Enter on a heading says what to do" "Move to a line of a family"
keys Down Enter
expect "Enter on the flag's line opens the family" "$A  Adams family"
check "the command line reads the flag, not yet acknowledged" \
    sh -c "'$ONETEAM' --db '$DB' --as grace flag list --format tsv |
    grep '$A' | grep -q 'Disclosure of domestic abuse'"
ot --as grace flag ack "$(ot --as grace --format tsv flag list |
    awk -F'\t' 'NR == 2 { print $1 }')" --note "Front door called" \
    > /dev/null
keys q
expect "back at My day" "My day │"
keys F5
expect "acknowledged, the flag leaves My day" \
    "No red flag waits on the families you lead."
keys F10
keys y
check "oneteam ends with 0" test "$(exited)" = 0
finish
