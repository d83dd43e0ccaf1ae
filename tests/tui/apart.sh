#!/bin/sh
# A rule across records from the screens: the office closes a family that
# social care has (level 4) while the laptop, not knowing, steps it down
# to early help, which opens an episode. Together it is closed with an
# episode open: the Conflicts queue lists its episode with its two ways,
# and keeping the laptop's (open at level 3, its episode going on)
# reopens it, as the command line then reads.
. "$srcdir/tests/tui/lib.sh"
setup
demo 20
FAM=$(ot --as grace \
    --format tsv family list all | awk -F'\t' 'NR == 2 { print $1 }')
ot --as grace family set "$FAM" --level 4 \
    --reason "Front door accepted for assessment" > /dev/null
BUNDLES=$WORK/bundles
mkdir -p "$BUNDLES"
laptop "$BUNDLES/office-full.otb"
ot --as grace family set "$FAM" --status closed --end-reason outcomes_met \
    > /dev/null
ONETEAM_NOW=2026-11-23T09:30:00Z "$ONETEAM" $LAPTOP --as grace \
    family set "$FAM" --level 3 --reason "Child in need plan ended" \
    > /dev/null
"$ONETEAM" $LAPTOP bundle export --for office -o "$BUNDLES/laptop.otb" \
    > /dev/null
ot bundle import "$BUNDLES/laptop.otb" > /dev/null
check "the command line lists the family's episode in conflict" \
    sh -c "'$ONETEAM' --db '$DB' --as grace conflicts list |
    grep -q 'episode'"

start 120 30 ONETEAM_NOW=2026-11-23T10:00:00Z
signin grace
keys b C
expect "C opens the Conflicts queue" " Conflicts │"
expect "the family's episode, its two ways" "family episode of $FAM"
expect "the office's closing shown first" "closed; its episode ends"
expect "and the laptop's step down" "open, level 3; its episode goes on"
keys g Down Down Enter
expect "Enter asks before keeping the way under the cursor" \
    "Keep \"open, level 3; its episode goes on\" as episode of $FAM"
keys y
expect "kept: the conflict is resolved" "Resolved episode"
expect "and the queue is empty" "No conflicts to resolve"
check "the family is open again at level 3" \
    sh -c "'$ONETEAM' --db '$DB' --as grace family show '$FAM' |
    grep -q 'Status: *open' && '$ONETEAM' --db '$DB' --as grace \
    family show '$FAM' | grep -q 'Level of need: *3'"
check "no conflict is left" \
    sh -c "'$ONETEAM' --db '$DB' --as grace \
    conflicts list | grep -q 'No conflicts'"
keys q q
keys F10 y
STATUS=$(exited)
check "leaves with status 0 (got $STATUS)" test "$STATUS" = 0
finish
