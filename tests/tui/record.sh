#!/bin/sh
# The forms of a family's record of what happened, made from the core's
# field tables (contact add, story edit): a refusal of the core is shown
# under the field it names, in the words of the screens (no option of the
# command line); once the field is put right the form saves, and the
# command line reads what it saved. "Happened?" is the field planned. And
# the keys of the Family screen that change these records: e corrects a
# contact, k records consent.
. "$srcdir/tests/tui/lib.sh"
setup
demo 40
# A family of Grace's that typing part of its surname finds alone.
grace_family

start 120 30 ONETEAM_NOW=2026-11-23T10:00:00Z
signin "grace"
keys /
text "$PART"
expect "search finds the family" "$FAM"
keys Enter
expect "Enter opens the family" "$FAM  $SURNAME"

# A phone call followed up the day before it: the core refuses, under
# "Follow up by".
keys c
expect "c opens the contact form" "Log a contact"
text "phone"
keys Enter
expect "choosing the kind moves to When" ">When"
expect "Happened? says It happened, as before" "It happened"
keys Tab Tab Tab Tab
text "yesterday"
keys Tab
text "Rang mum about the nursery place."
keys F2
check "the refusal is under the follow-up, naming no option" \
    under "Follow up by" "the follow-up (22 Nov 2026) is before the contact"
expect "the message line says to correct the form" \
    "please correct what is marked"
check "nothing was saved" sh -c "! '$ONETEAM' --db '$DB' --as grace \
    contact list $FAM | grep -q 'nursery place'"
# The refused field has the cursor: a week on, and the contact saves.
keys C-u
text "+7d"
keys F2
expect "with a follow-up after it the contact is saved" "recorded."
check "the command line reads the contact, followed up in a week" \
    sh -c "'$ONETEAM' --db '$DB' --as grace contact list $FAM --format tsv |
    grep 'Rang mum about the nursery place.' | grep -q '2026-11-30'"

# A planned visit: "Happened?" set to planned, and no summary needed.
keys c
expect "c opens the contact form again" "Log a contact"
text "home"
keys Enter
keys C-u
text "tomorrow 11:00"
keys Tab
text "Planned"
keys Enter
text "Children's centre"
keys F2
expect "the planned visit is saved without a summary" "recorded."
check "the command line reads it as planned" \
    sh -c "'$ONETEAM' --db '$DB' --as grace contact list $FAM \
    --format tsv | grep \"Children's centre\" | grep -q 'planned'"

# A section of the story read back tomorrow: the core refuses, under
# "Read back on".
keys n
expect "n asks which section" "Which part of the story?"
text "worries"
keys Enter F2
expect "the section opens in the editor" \
    "The family's story: What we're worried about"
text "Mum worries about the rent arrears."
keys Tab
text "tomorrow"
keys F2
check "the refusal is under the read-back date, naming no option" \
    under "Read back on" "the read-back date (24 Nov 2026) is in the future"
check "nothing was saved" sh -c "! '$ONETEAM' --db '$DB' --as grace \
    story show $FAM worries | grep -q 'rent arrears'"
keys C-u
text "today"
keys F2
expect "read back today, the section is saved" "saved."
check "the command line reads the section, read back today" \
    sh -c "'$ONETEAM' --db '$DB' --as grace story show $FAM worries |
    grep -q 'rent arrears' && '$ONETEAM' --db '$DB' --as grace \
    story show $FAM worries | grep -q 'read back to the family on 23 Nov'"

# e on a contact corrects it: a new revision, the original kept, as the
# command line does it.
BEFORE=$(ot --as grace contact list "$FAM" --all --format tsv | wc -l)
keys 4 e
expect "e on a contact opens its correction" "Correct contact"
keys Tab Tab C-u
text "Riverside library"
keys F2
expect "the correction is saved" "Contact corrected"
check "the command line lists the corrected venue, the original kept" \
    sh -c "'$ONETEAM' --db '$DB' --as grace contact list $FAM |
    grep -q 'Riverside library' && test \"\$('$ONETEAM' --db '$DB' \
    --as grace contact list $FAM --all --format tsv | wc -l)\" -gt $BEFORE"

# k on the Family screen records consent (the tab's list once took it as
# "up"): given again, by whom, saved and read through the command line.
keys 1 k
expect "k opens the consent form" "Record the family's decision on sharing"
text "given"
keys Enter
text "Pat Fieldtest (mother)"
keys F2
check "given with no scope is refused under it" \
    under "What may be shared" "say what consent is given for"
text "Riverside core team professionals"
keys F2
expect "the decision is recorded" "recorded"
check "the command line reads the consent given, by whom" \
    sh -c "'$ONETEAM' --db '$DB' --as grace consent show $FAM |
    grep -q 'Pat Fieldtest (mother)'"

# A red flag raised here says at once what to do now: the agreed
# response, on the message line, and whole on F3 where the line is short.
keys f
expect "f opens the red flag form" "Raise a red flag"
text "Disclosure"
keys Enter F2
expect "the flag is recorded, with its agreed response" \
    "Agreed response: Same-day call"
check "the command line reads the flag raised" \
    sh -c "'$ONETEAM' --db '$DB' --as grace flag list --format tsv |
    grep '$FAM' | grep -q 'Disclosure of domestic abuse'"
keys F3
expect "F3 shows the message whole" "complete a DASH risk assessment"
expect "on the Message screen" "Message │"
keys q
expect "q goes back to the family" "$FAM  $SURNAME"
finish
