#!/bin/sh
# A refusal of the core is shown under the field at fault, which the form
# names by its label, and in the words of the screens: no option of the
# command line (a person at the screens has none). Once the field is put
# right, the form saves, and the command line reads what it saved.
. "$srcdir/tests/tui/lib.sh"
setup
demo 40
# A family of Grace's that typing part of its surname finds alone.
grace_family
# Its lead professional leaves: the account disabled, the family keeps
# its lead until a coordinator changes it, whatever else the form saves.
LEAD=$(ot --as grace family show "$FAM" |
    sed -n 's/^Lead professional: *//p')
[ -n "$LEAD" ] && ot --as grace staff disable "$LEAD" > /dev/null
# A draft to send later from the screens, on safeguarding.
ot --as grace referral raise "$FAM" --service camhs --draft \
    --reason "Nightmares since the move; not sleeping" > /dev/null

start 120 30 ONETEAM_NOW=2026-11-23T10:00:00Z
signin "grace"
expect "before any exchange the title says never synced" "never synced"
keys /
text "$PART"
expect "search finds the family" "$FAM"
keys Enter
expect "Enter opens the family" "$FAM  $SURNAME"

# A safeguarding referral without its reason: the core refuses, and the
# form says so under "Why without consent".
keys r
expect "r opens the referral form" "Raise a referral"
text "housing"
keys Enter Tab Tab
text "safeg"
keys Enter Tab Tab Tab
text "Damp in the children's bedroom."
keys F2
check "the refusal is under the basis reason, naming no option" \
    under "Why without consent" "a safeguarding referral without consent \
needs the reason written"
expect "the message line says to correct the form" \
    "please correct what is marked"
check "nothing was saved" sh -c "! '$ONETEAM' --db '$DB' --as grace \
    referral list $FAM --format tsv | grep -q 'Housing options'"
# The refused field has the cursor: type the reason and save.
text "Disclosure; telling the landlord's family would put her at risk"
keys F2
expect "with the reason the referral is sent" "Referral sent:"
check "the command line reads the referral on safeguarding, with the reason" \
    sh -c "'$ONETEAM' --db '$DB' --as grace referral list $FAM \
    --format tsv | awk -F'\t' '\$5 == \"Housing options\" { print \$1 }' |
    head -1 | xargs '$ONETEAM' --db '$DB' --as grace referral show |
    grep -q 'would put her at risk'"

# Moving a referral on with an outcome that does not go with its new
# status: the core refuses, and the form says so under "Outcome".
keys 5 u
expect "u opens the form that moves a referral on" "New status"
text "withdrawn"
keys Enter Tab
text "Seen by the housing officer"
keys F2
check "the refusal is under the outcome, naming no option" \
    under "Outcome" "an outcome goes with completed or declined"
keys Escape
wait_for "Leave this form?"
keys y
expect "y leaves the form unsaved" "$FAM  $SURNAME"
keys 1

# A person born in the future: the core refuses, under "Born".
keys p
expect "p opens the person form" "Add a person to the household"
text "Tobi Fieldtest"
keys Tab
text "1/1/2027"
keys F2
check "the refusal is under the date of birth, naming no option" \
    under "Born" "date of birth 1 Jan 2027 is in the future"
keys C-u
text "1/2/2020"
keys F2
expect "with a date the person is added" "Person"
check "the command line lists the person" sh -c "'$ONETEAM' --db '$DB' \
    --as grace person list $FAM | grep -q 'Tobi Fieldtest'"

# Sending the draft on safeguarding with no reason written: under "Why
# without consent", which the form moving a referral on has too.
# The Referrals tab lists them as referral list does: down to the draft.
N=$(ot --as grace referral list "$FAM" --format tsv |
    awk -F'\t' 'NR > 1 && $7 == "draft" && toupper($0) ~ /CAMHS/ {
	print NR - 2; exit }')
keys 5
while [ "$N" -gt 0 ]; do
	keys Down
	N=$((N - 1))
done
keys u
expect "u on the draft opens its form" "now draft"
text "sent"
keys Enter Tab Tab Tab
text "safeg"
keys Enter F2
check "the refusal is under the basis reason of the update" \
    under "Why without consent" "a safeguarding referral without consent \
needs the reason written"
text "She told the school nurse she is afraid at home"
keys F2
expect "with the reason the draft is sent" "Referral"
check "the command line reads the draft sent, with the reason" \
    sh -c "'$ONETEAM' --db '$DB' --as grace referral list $FAM \
    --format tsv | grep -i camhs | cut -f1 | head -1 |
    xargs '$ONETEAM' --db '$DB' --as grace referral show |
    grep -q 'afraid at home'"
keys 1

# Stepping the family up or down: the form sends only what changed (its
# status stays as it was), and the reason is the level's, in words.
CUR=$(ot --as grace family show "$FAM" |
    awk '/^Level of need:/ { print substr($4, 1, 1) }')
if [ "$CUR" = 2 ]; then NEW=3; else NEW=2; fi
keys l
expect "l opens the family's form" "Level of need, lead professional"
text "$NEW"
keys Enter F2
check "a new level without its reason is refused under the reason" \
    under "Reason for the step" "reason for the change of level is needed"
text "Worries at school have grown since the move"
keys F2
expect "with its reason the level is saved" "Family changed."
check "the lead whose account is disabled is kept" \
    sh -c "'$ONETEAM' --db '$DB' --as grace family show $FAM |
    grep -q 'Lead professional: *$LEAD'"
check "the command line reads the new level, the family still open" \
    sh -c "'$ONETEAM' --db '$DB' --as grace family show $FAM |
    grep -q 'Level of need: *$NEW' && '$ONETEAM' --db '$DB' --as grace \
    family show $FAM | grep -q 'Status: *open'"

# Closing the family with no reason it ends: under "Why it closes".
keys l
expect "l opens the family's form" "Level of need, lead professional"
keys Tab Tab
text "Closed"
keys Enter F2
check "the refusal is under the reason it closes, naming no option" \
    under "Why it closes" "closing $FAM needs the reason it ends"
check "the family is still open" sh -c "'$ONETEAM' --db '$DB' --as grace \
    family show $FAM | grep -q 'Status: *open'"
text "Outcomes"
keys Enter F2
expect "with the reason it closes" "Family changed."
check "the command line reads the family closed" \
    sh -c "'$ONETEAM' --db '$DB' --as grace family show $FAM |
    grep -q 'Status: *closed'"
finish
