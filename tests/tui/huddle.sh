#!/bin/sh
# A coordinator runs the morning huddle on the screen (oneteam huddle):
# the agenda before the start, starting it, ticking who is present, then
# a decision of each kind on four families (acknowledge a red flag, add
# an action and refer to the front door, allocate a lead and convene a team
# around the family, chase a referral and change the level, move a review,
# no change), and ending it. The records each decision wrote, the family's
# chronology and the minutes are then checked through the command line.
. "$srcdir/tests/tui/lib.sh"
setup

ot init --name "Grace Okafor" --role "locality coordinator" \
    --agency "early help" --coordinator > /dev/null
ot --as grace staff add "Amira Khan" --role "health visitor" \
    --agency "health visiting" > /dev/null
ot --as grace staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
# consent FAMILY: given, reviewed in a year.
consent() {
	ot --as grace consent record "$1" --state given --by "the parents" \
	    --scope "core team" --date 2026-11-01 --review 2027-11-01 \
	    > /dev/null
}
# A: a high red flag raised yesterday.
A=$(ot --as grace --format tsv family add "Adams family" --level 2 \
    --lead Amira)
consent "$A"
ot --as amira flag raise "$A" --code domestic_abuse_disclosure \
    --at "yesterday 16:00" > /dev/null
# B: level 3 with no lead professional.
B=$(ot --as grace --format tsv family add "Bello family" --level 3)
consent "$B"
# C: a housing referral waiting past its response date.
C=$(ot --as grace --format tsv family add "Costa family" --level 2 \
    --lead Tom)
consent "$C"
ot --as tom referral raise "$C" --service housing --reason "Notice to quit" \
    --basis consent --at "1/11 10:00" --due 10/11 > /dev/null
# D: a review overdue.
D=$(ot --as grace --format tsv family add "Dunn family" --level 2 \
    --lead Tom --next-review 2026-11-20)
consent "$D"

start 100 30 -- huddle
wait_for "Who is using oneteam?"
text grace
keys Enter
expect "oneteam huddle opens the Huddle screen at the agenda" \
    "Huddle of Riverside: not started. 4 families"
expect "the most urgent first: the red flag" "▶ 1. $A"
expect "raised since the last huddle, it is marked new" "Red flags · NEW"
expect "a review overdue is listed" "Dunn family — Overdue reviews, actions and follow-ups"
expect_not "and is not new" "Dunn family — Overdue reviews, actions and follow-ups · NEW"
expect "with its agreed response" "agreed response"
keys n
expect "a decision before the start is refused" "Start the huddle first"

keys s
expect "s asks before recording" "Start today's huddle now?"
keys y
expect "started: the countdown shows" "Time left: 15 min"
expect "and the time of the item in front of the room" "item 1 of 4 (0:00)"
expect "who is present is asked for" "nobody ticked yet (p)"

keys p
expect "p lists the team" "Who is present?"
keys Space Down Space Down a
expect "a marks apologies" "[a] Tom Brennan (apologies)"
keys g
expect "g asks for the guests" "Guests at the huddle"
text "Jo Bell (school DSL)"
keys F2
expect "the guests are shown on the list" "Guests: Jo Bell (school DSL)"
keys F2
expect "two ticked, one sent apologies" "2 present, 1 sent apologies."
expect "and shown, with the guests and apologies" \
    "Present: Amira Khan, Grace Okafor; guests: Jo Bell (school DSL); apologies: Tom Brennan"

# No change, on a family with a red flag of high severity, is not said in
# silence: the reason is asked for, and nothing is recorded without it.
keys n
expect "n on the flagged family asks why nothing changes" "No change: 1. $A"
expect "saying why it asks" "red flag of high severity"
keys Escape
expect "Esc leaves it undecided" "▶ 1. $A"
check "no decision was recorded" sh -c "! '$ONETEAM' --db '$DB' --as grace \
    huddle show | grep -q 'No change'"

# 1 Adams: acknowledge the flag, then an action.
keys a
expect "a opens the acknowledge form" "Acknowledge a red flag: 1. $A"
text "Disclosure"
keys Enter
text "Front door called"
keys F2
expect "the flag is acknowledged, said in full" \
    "Decided for $A: Red flag acknowledged: Disclosure of domestic abuse"
expect "the cursor moves on to the next item" "▶ 2. $C"
keys Up
keys t
expect "t opens the action form" "Add an action: 1. $A"
text "Complete the DASH risk assessment"
keys Tab
text "Amira"
keys Enter
# A date passed: the core refuses, and the form says so under "Due",
# which takes the cursor; nothing is recorded until it is put right.
text "1/11"
keys F2
check "the refusal is under the due date, naming no option" \
    under "Due" "the due date 1 Nov 2026 has passed"
check "nothing was recorded" sh -c "! '$ONETEAM' --db '$DB' --as grace \
    --format tsv action list --owner Amira | grep -q 'DASH'"
keys C-u
text "tomorrow"
keys F2
expect "the action is recorded" "Decided for $A: Action for Amira Khan"
# And the front door asked, urgently: without a reason it is not sent.
keys Up
keys f
expect "f opens the front door form" "Refer to the front door (urgent): 1. $A"
keys F2
check "the reason is asked for, under its field" under "Why" "Why is needed"
text "Disclosure of violence at home"
keys F2
expect "the referral is sent" "Decided for $A: Referred to Children's social care"

# 2 Costa: chase the referral, and level 3.
expect "decided, the cursor moves on" "▶ 2. $C"
keys c
expect "c opens the chase form" "Chase a referral: 2. $C"
text "Housing"
keys Enter
keys F2
expect "the chase is an action" "Decided for $C: Action for Tom Brennan"
expect "and moves on" "▶ 3. $B"
keys Up
keys v
expect "v opens the level form" "Change the level of need: 2. $C"
text "3"
keys Enter
text "Housing and health needs"
keys F2
expect "the level is changed" "Decided for $C: Level of need from 2 to 3"

# 3 Bello: a lead professional.
expect "the third item, next" "▶ 3. $B"
keys l
expect "l opens the lead form" "Allocate a lead professional: 3. $B"
text "Tom"
keys Enter
keys F2
expect "the lead is allocated" \
    "Decided for $B: Lead professional: Tom Brennan"
# A team around the family, its owner the lead unless another is chosen.
keys Up
keys w
expect "w opens the team around the family form" \
    "Convene a team around the family: 3. $B"
expect "the owner is the lead unless said" "the lead professional"
keys F2
expect "the meeting is Tom's action" \
    "Decided for $B: Action for Tom Brennan, due 7 Dec 2026: Convene a team"

# 4 Dunn: no change, asked nothing (no red flag).
expect "the fourth item, next" "▶ 4. $D"
keys r
expect "r opens the review form" "Set the next review: 4. $D"
text "18/12"
keys F2
expect "the review is moved" "Decided for $D: Next review: 18 Dec 2026"
keys n
expect "n records no change" "✓ Decided: No change"
expect "every item decided" "4 decided"
keys z
expect "z on a review overdue says it is not parked, before any form" \
    "is not parked: this is seen at every huddle"
keys Up
keys z
expect "z asks why it is parked" "Park until something about it changes: 3. $B"
text "Lead agreed; the family asked for a month"
keys F2
expect "parked, said in full" "Decided for $B: Parked until something about it changes"
check "the command line reads the park" sh -c "'$ONETEAM' --db '$DB' \
    --as grace --format tsv huddle show | grep -q 'park'"

# Undone: the level decided for item 2 is put back (its chase stands),
# said in the minutes with why.
keys Up Up
expect "the cursor is on item 2" "▶ 2. $C"
keys u
expect "u asks why, naming the decision" \
    "Undo \"Level of need from 2 to 3"
text "Decided for the wrong family"
keys F2
expect "undone, said in full" "Undone for $C: Level of need from 2 to 3"
expect "shown undone under the item" "Decided, then undone: Level of need"
check "the command line reads level 2 again" sh -c "'$ONETEAM' --db '$DB' \
    --as grace --format tsv family list all | grep '$C' |
    awk -F'\t' '{ exit \$3 != 2 }'"
# Decided again, for the right reason.
keys v
expect "v opens the level form again" "Change the level of need: 2. $C"
text "3"
keys Enter
text "Housing and health needs"
keys F2
expect "decided again" "Decided for $C: Level of need from 2 to 3"

# The big screen: the item beside its family's summary.
resize 160 45
expect "at 160×45 the family's summary is beside the item" "Who is involved"
check "nothing is past the edge" test "$(screen | width)" -le 160
resize 100 30
expect_that "and not at 100×30" shown_not "Who is involved"

keys e
expect "e asks before ending" "End the huddle?"
keys y
expect "ending shows the minutes, for the team" " Minutes │"
expect "the minutes say who was present" \
    "Present: Amira Khan, Grace Okafor."
expect "and how far it got" "Items: 4, 4 decided, 0 not reached."
keys q
expect "the huddle has ended" "ended. 4 of 4 decided"
keys m
expect "m shows the minutes again" "Huddle of Riverside"
expect "for the team, saying so" "For the team (t: as sent outside it)"
keys t
expect "t shows them as sent outside the team" "As sent outside the team"
expect "guests counted there, not named" "Guests: 1 (named in the team"
keys w
expect "w asks which file" "Write the minutes to send"
keys C-u
text "$WORK/sent.md"
keys F2
expect "the minutes are written" "The minutes to send are written to"
check "the file holds the minutes to send, as Markdown" sh -c \
    "grep -q '^# Huddle of Riverside' '$WORK/sent.md' &&
    ! grep -q 'Jo Bell' '$WORK/sent.md'"
keys w C-u
text "$WORK/sent.md"
keys F2
check "a file there already is never replaced" under "File" \
    "$WORK/sent.md exists: choose another name"
keys Escape
wait_for "Leave this form?"
keys y
keys q
expect "back to the huddle" "ended. 4 of 4 decided"
keys F10
expect "F10 asks to leave" "Leave oneteam?"
keys y
check "oneteam ends with 0" test "$(exited)" = 0
check "the screen's agenda and minutes are looks on the trail" sh -c \
    "'$ONETEAM' --db '$DB' --as grace --format tsv audit by grace \
    > '$WORK/trail' && grep -q \"on the huddle's agenda\" '$WORK/trail' &&
    grep -q 'the minutes of huddle H-' '$WORK/trail'"

check "the flag is acknowledged, by Grace" sh -c "'$ONETEAM' --db '$DB' --as grace \
    --format tsv flag list '$A' | awk -F'\t' 'NR == 2 && \$10 == \"Grace Okafor\"' |
    grep -q ."
check "the action is Amira's" sh -c "'$ONETEAM' --db '$DB' --as grace \
    --format tsv action list --owner Amira | grep -q 'Complete the DASH risk assessment'"
check "the chase is Tom's action" sh -c "'$ONETEAM' --db '$DB' --as grace \
    --format tsv action list --owner Tom | grep -q 'Chase the referral to Housing'"
check "Costa is at level 3" sh -c "'$ONETEAM' --db '$DB' --as grace \
    --format tsv family show '$C' | grep -q '^level_of_need	3'"
check "the front door has an urgent referral of Adams" sh -c "'$ONETEAM' \
    --db '$DB' --as grace --format tsv referral list '$A' |
    grep 'MASH' | grep -q 'urgent	sent'"
check "the TAF meeting is Tom's action" sh -c "'$ONETEAM' --db '$DB' --as grace \
    --format tsv action list --owner Tom | grep -q 'Convene a team around the family'"
check "Dunn's review is on 18 December" sh -c "'$ONETEAM' --db '$DB' --as grace \
    --format tsv family show '$D' | grep -q '^next_review	2026-12-18'"
check "Bello's lead is Tom" sh -c "'$ONETEAM' --db '$DB' --as grace \
    --format tsv family show '$B' | grep -q '^lead_professional	Tom Brennan'"
check "the chronology says it was decided at the huddle" sh -c "'$ONETEAM' \
    --db '$DB' --as grace --format tsv chronology '$C' |
    grep -q 'Decided at the huddle on 23 Nov 2026: Level of need from 2 to 3'"
check "the minutes say who was present" sh -c "'$ONETEAM' --db '$DB' --as grace \
    huddle minutes | grep -q 'Present: Amira Khan, Grace Okafor.'"
check "and the guests (counted: they may be of a family) and apologies" sh -c "'$ONETEAM' --db '$DB' --as grace \
    huddle minutes > '$WORK/minutes' &&
    grep -q '^Guests: 1 (named in the team' '$WORK/minutes' &&
    grep -q '^Apologies: Tom Brennan.' '$WORK/minutes'"
check "and every decision" sh -c "test \$('$ONETEAM' --db '$DB' --as grace \
    huddle minutes | grep -c 'Decided:') = 10"
check "oneteam check is clean" sh -c "'$ONETEAM' --db '$DB' --as grace \
    check > /dev/null"
finish
