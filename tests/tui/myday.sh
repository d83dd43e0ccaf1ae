#!/bin/sh
# My day (d on Families): a red flag another worker raised on a family I
# lead comes first, with what to do now, until it is acknowledged; what is
# due in the coming week comes after what is due, marked "soon"; Enter on
# a heading says how to open a family instead of doing nothing, and on a
# line opens it. It opens with what others recorded on my families since
# I last looked.
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
expect "a first look says news will show from now on" \
    "This is your first look here"
keys Enter
expect "Enter on a heading says what to do" "Move to a line of a family"
# Below the news (a first look: none yet), the flag's line.
keys Down Down Down Down Enter
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

# While Grace is away from My day, Tom records a contact with the family
# she leads and raises a flag: her next look opens with them, newest
# first, each a line that opens the family; Tom's own My day has none.
keys q
expect "back at Families" "Families │"
ot --as tom contact add "$A" --kind phone_call \
    --summary "Mum rang about the housing letter" > /dev/null
ot --as tom flag raise "$A" --code repeated_not_brought > /dev/null
keys d
expect "the next look names what changed since the last" \
    "Since you last looked, "
expect "Tom's flag is there" "Red flag raised by Tom Brennan"
expect_not "his contact is not: he is of her agency" "Phone call by Tom"
keys Down Enter
expect "Enter on the news opens the family" "$A  Adams family"
keys q
expect "back at My day" "My day │"
keys F5
expect "read again while open, it still shows since the look before" \
    "Red flag raised by Tom Brennan"
keys q
keys d
expect "looked at, a next look has nothing new" \
    "Nothing new on your families."
keys F10
keys y
check "oneteam ends with 0" test "$(exited)" = 0
finish
