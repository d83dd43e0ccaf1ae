#!/bin/sh
# A worker's day through the screens: find a family by typing part of its
# name, open it, log a contact and see it in Contacts, Chronology and the
# command line's chronology; raise a referral; resolve a red flag; write a
# section of the story. Each change is then checked through the command
# line, so the screens are proved to write what the core keeps.
. "$srcdir/tests/tui/lib.sh"
setup
demo 40
# A family whose household's first four letters no other family's has, so
# typing them finds the one family, with no red flag; one is raised on it,
# not yet acknowledged.
ot --as grace family list all --format tsv | awk -F'\t' 'NR > 1 {
	p = substr($2, 1, 4); n[p]++; ref[p] = $1; name[p] = $2; flags[p] = $7 }
    END { for (p in n) if (n[p] == 1 && flags[p] == 0) {
	print ref[p], name[p]; exit } }' > "$WORK/chosen"
set -- $(cat "$WORK/chosen")
FAM=$1 SURNAME=$2
FLAG=$(ot --as amira --format tsv flag raise "$FAM" --code child_missing \
    --at "yesterday 18:00")
PART=$(printf '%s' "$SURNAME" | cut -c1-4)

# An hour after the demo was made, so today's records come first.
start 80 24 ONETEAM_NOW=2026-11-23T10:00:00Z
signin "grace"
expect "signed in: the title names who" "Grace Okafor (coordinator)"
expect "Families opens on my families" "[1 Mine]"
keys 2 S
expect "S turns the order of the list" "▼Household"
keys S
expect "S again turns it back" "▲Household"
keys 1

keys /
text "$PART"
expect "search as you type finds the family" "$FAM"
keys Enter
expect "Enter opens the family" "$FAM  $SURNAME"
expect "the header shows the unacknowledged red flag" "! 1 red flag"

# Log a contact.
keys c
expect "c opens the contact form" "Log a contact"
text "home"
keys Enter
expect "choosing the kind moves to When" ">When" 
keys Tab Tab
text "Community centre"
keys Tab Tab Tab
text "Mum says the boiler is fixed; next visit in two weeks."
keys F2
expect "the contact is saved" "recorded."
keys 4
expect "it shows in Contacts" "boiler is fixed"
keys 7
expect "and in the Chronology" "boiler is fixed"
expect "each event says what it is about, in words" "Contact  Grace Okafor"
expect "data entry folded away, and said" \
    "Showing everything but data entry: F chooses what to show."
# Only what the police recorded: not Grace's contact.
keys F
expect "F asks what the chronology shows" "What the chronology shows"
keys Tab
text "Police"
keys Enter F2
expect "it says what it shows" "recorded by Police"
expect_not "the contact of early help is not shown" "next visit in two weeks"
keys F Tab
text "any agency"
keys Enter F2
expect "any agency again: the contact is back" "boiler is fixed"
check "and through oneteam chronology, signed by who is at work" \
    sh -c "'$ONETEAM' --db '$DB' --as grace \
    chronology $FAM | grep 'boiler is fixed' |
    grep -q 'Grace Okafor'"

# Raise a referral.
keys r
expect "r opens the referral form" "Raise a referral"
text "housing"
keys Enter Tab Tab
text "consent"
keys Enter Tab Tab Tab
text "Damp in the children's bedroom."
keys F2
expect "the referral is sent" "Referral sent:"
check "the referral is recorded for the family, raised by who is at work" \
    sh -c "'$ONETEAM' --db '$DB' --as grace referral list --format tsv |
    awk -F'\t' '\$2 == \"$FAM\" && \$5 == \"Housing options\" &&
    \$7 == \"sent\" && \$10 == \"Grace Okafor\"' | grep -q ."

# Resolve the red flag from the Flags tab.
keys 6
expect "the Flags tab lists the flag" "$FLAG"
keys R
expect "R opens the resolve form" "Resolve red flag $FLAG"
text "Strategy discussion held; safety plan in place."
keys F2
expect "the flag is resolved" "Red flag resolved."
check "the flag is resolved in the core, by who is at work" \
    sh -c "'$ONETEAM' --db '$DB' --as grace flag list --all --format tsv |
    awk -F'\t' '\$1 == \"$FLAG\" && \$12 == \"Grace Okafor\"' | grep -q ."

# Write a section of the story: from the Summary, n asks which section.
keys 1 n
expect "n asks which section" "Which part of the story?"
text "child"
keys Enter F2
expect "the section opens in the editor" "The family's story: The child's voice"
text "Chidi says he likes his new school."
keys F2
expect "the section is saved" "saved."
check "the story holds it" \
    sh -c "'$ONETEAM' --db '$DB' --as grace \
    story show $FAM | grep -q 'likes his new school'"
# From the Story tab, n writes the section under the cursor.
keys 2
expect "the Story tab shows the sections" "What's working well"
keys n
expect "n opens the section under the cursor" "The family's story: Our family"
keys C-e
text " Grandad visits on Sundays."
keys F2
expect "the section is saved again" "saved."
check "the story holds the addition, after what was there" \
    sh -c "'$ONETEAM' --db '$DB' --as grace \
    story show $FAM | grep -q 'Saturdays. Grandad visits on Sundays.'"

# A form explains what is wrong beside the field and saves nothing.
keys a
expect "a opens the action form" "Add an action"
text "Chase the housing repair"
keys Tab Tab
text "31/2"
keys F2
expect "a bad date is explained under its field" "! "
expect "and the form says to correct it" "please correct what is marked"
check "nothing was saved" \
    sh -c "! '$ONETEAM' --db '$DB' --as grace \
    action list --format tsv | grep -q 'housing repair'"
# Leaving a form with changes asks first; n stays, y leaves.
keys Escape
expect "leaving a changed form asks first" "Leave this form?"
keys n
expect "n keeps the form and what was typed" "Chase the housing repair"
keys Escape
wait_for "Leave this form?"
keys y
expect "y leaves it" "[Story]"

# A referral needs a basis for sharing.
keys r
expect "the referral form opens" "Raise a referral"
text "housing"
keys Enter F2
expect "a referral without a basis is refused beside the field" "Basis for sharing is needed"
keys Escape
wait_for "Leave this form?"
keys y

# The screen follows the database: a change made elsewhere shows after F5.
keys 4
expect "back on the Contacts tab" "[Contacts]"
ot --as "Tom Brennan" contact add "$FAM" --kind phone \
    --summary "Rang from the office: repair booked." > /dev/null
keys F5
expect "F5 shows a contact another terminal recorded" "repair booked"

# Back to the search, which is kept; Esc ends it; q at Families asks.
keys q
expect "q goes back to the search, kept" "Search: $PART"
keys Escape
expect "Esc ends the search" "[1 Mine]"
keys q
expect "leaving asks first" "Leave oneteam? (y/n)"
keys y
STATUS=$(exited)
check "oneteam ends with status 0 (got $STATUS)" test "$STATUS" = 0
check "oneteam check is clean afterwards" ot check
finish
