#!/bin/sh
# A household from the screens: a from Families adds a family, whose
# screen opens with the form of its first person; e on a person of the
# People tab edits them (details, markers, left the household); x marks
# an action done, saying what was done; a referral's own view moves it
# on. Each is saved to a record the command line reads.
. "$srcdir/tests/tui/lib.sh"
setup
demo 20

start 100 30 ONETEAM_NOW=2026-11-23T10:00:00Z
signin "grace"

keys a
expect "a on Families opens the family form" "Add a family"
text "Brennan family"
keys Tab
text "12 Quay Street"
keys Tab
text "rv3 9zz"
# Needs are ticked from the list, not typed as codes.
keys Tab Tab Tab Tab Tab
expect "the needs are a list to tick" "Enter ticks or unticks"
text "early years"
keys Enter
expect "ticked, the need shows beside its label" \
    "[x] Good early years development"
keys C-u
text "health"
keys Enter
keys F2
expect "saved, the family opens with the form of its first person" \
    "Add a person to the household"
expect "the message line says the family is recorded and what next" \
    "Add its people"
FAM=$(ot --as grace --format tsv family list all | awk -F '\t' \
    '$2 == "Brennan family" { print $1 }')
check "the command line reads the family, its postcode in capitals" \
    sh -c "'$ONETEAM' --db '$DB' --as grace family show '$FAM' |
    grep -q 'RV3 9ZZ'"
check "and the two needs ticked" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv family show \
    '$FAM' | grep '^needs' | grep 'early_years' | grep -q 'health'"
text "Siobhan Brennan"
keys Tab
text "4/5/2019"
keys Tab
text "child"
keys Enter F2
expect "the first person is saved" "recorded."
check "the command line reads her, born 4 May 2019" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv person list \
    '$FAM' | grep 'Siobhan Brennan' | grep -q '2019-05-04'"

# Edit her: a school, SEND marked.
keys 3
expect "tab 3 lists the people" "Siobhan Brennan"
keys e
expect "e on a person opens their form" "Edit P-"
keys Tab Tab Tab
text "Quayside Primary"
keys Tab Tab
text "Yes"
keys Enter F2
expect "the change is saved" "changed."
check "the command line reads her school and SEND" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv person list \
    '$FAM' | grep 'Siobhan Brennan' | grep 'Quayside Primary' |
    grep -q -i 'send'"

# Nothing changed is said so, and nothing written.
keys e
expect "e opens her form again" "Edit P-"
keys F2
expect "saving with no change says so, and the form closes" \
    "Nothing was changed, so nothing was saved."
expect_not "not as an error" "Error:"

# A contact: who was seen is ticked from the family's people.
keys c
expect "c opens the contact form" "Log a contact"
text "home"
keys Enter Tab Tab Tab
expect "who was seen lists the household" "[ ] Siobhan Brennan"
keys Enter
expect "Enter ticks her" "[x] Siobhan Brennan"
keys Tab Tab
text "Met Siobhan at home."
keys F2
expect "the contact is saved" "recorded."
check "the command line reads who was seen" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv contact list \
    '$FAM' | grep 'Met Siobhan at home.' | grep -q 'Siobhan Brennan'"
# Corrected, who was seen stays as it was, ticked by reference.
keys 4
keys e
expect "e on the contact opens its correction" "Correct contact C-"
keys Tab Tab Tab
expect "who was seen is ticked as it was" "[x] Siobhan Brennan"
keys Tab Tab
text " Mum was there too."
keys F2
expect "the correction is saved" "Contact corrected"
check "the correction still has Siobhan seen" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv contact list \
    '$FAM' | grep 'Mum was there too.' | grep -q 'Siobhan Brennan'"
keys 3

# She left the household: kept, marked so.
keys e
expect "e opens her form once more" "Edit P-"
for i in 1 2 3 4 5 6 7 8 9; do keys Tab; done
text "Has left"
keys Enter F2
expect "leaving the household is saved" "changed."
check "the command line lists her as left, with --all" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv person list \
    '$FAM' --all | grep 'Siobhan Brennan' | grep -q 'archived'"

# An action, marked done saying what was done.
keys a
expect "a on the family opens the action form" "Add an action"
text "Ring the housing officer"
keys F2
expect "the action is saved" "recorded."
keys 8
expect "tab 8 lists it" "Ring the housing officer"
keys x
expect "x opens the form of what was done" "done: Ring the housing officer"
text "She rang back: a visit is booked."
keys F2
expect "it is marked done" "done."
check "the command line reads what was done" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv action list \
    '$FAM' --all | grep 'Ring the housing officer' |
    grep -q 'She rang back: a visit is booked.'"

# A referral's own view: Enter on it shows what was asked and its
# history; u there moves it on, and the view shows the change.
ot --as grace referral raise "$FAM" --service camhs \
    --reason "Low mood since the move" --basis safeguarding \
    --basis-reason "Risk of harm at home" > /dev/null
keys F5 5
expect "tab 5 lists the referral" "CAMHS"
keys Enter
expect "Enter opens its view" "History │"
expect "with why it went without consent" "Risk of harm at home"
expect "and its history" "Its history, oldest first (u moves it on)"
keys u
expect "u opens the form to move it on" "now sent"
text "acknowledged"
keys Enter F2
expect "moved on, the view shows it" "acknowledged, by Grace Okafor"
check "the command line reads it acknowledged" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv referral list \
    '$FAM' | grep -q 'acknowledged'"
keys q 2 h
expect "h on the Story tab shows a section's versions" \
    "every version, newest first"
expect "saying when it is not written" "Not written yet"
finish
