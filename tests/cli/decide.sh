#!/bin/sh
# Golden test: the huddle's decisions beyond a lead, a flag, an action and a
# level, the clock pinned (12 March 2026, 09:30): the next review, consent
# sought again, a team around the family convened, the front door asked
# (on consent, and for safeguarding without it), and early help closed, a
# coordinator's. Each writes its record, read back through the command
# line; each is undone where it may be (the review put back, the actions
# and the referral withdrawn), and refused where it may not (a close, a
# referral the front door has answered), changing nothing.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

ot init --name "Grace Okafor" --role "locality coordinator" \
    --agency "early help" --coordinator > /dev/null
ot --as grace staff add "Amira Khan" --role "health visitor" \
    --agency "health visiting" > /dev/null
ot --as grace staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null

# A: consent withdrawn, a review late, Tom leads.
A=$(ot --as grace --format tsv family add "Adams family" --level 2 \
    --lead Tom --next-review 2026-03-01)
ot --as grace consent record "$A" --state given --by "Mrs Adams" \
    --scope "core team" --date 2026-01-10 > /dev/null
ot --as grace consent record "$A" --state withdrawn --by "Mrs Adams" \
    --date 2026-02-20 > /dev/null
# B: no lead, level 3, contacts from two agencies, consent given.
B=$(ot --as grace --format tsv family add "Baker family" --level 3)
ot --as grace consent record "$B" --state given --by "the parents" \
    --scope "core team" --date 2026-03-01 --review 2027-03-01 > /dev/null
ot --as amira contact add "$B" --kind home_visit --at "5/3 10:00" \
    --summary "New baby; mum tired" > /dev/null
ot --as tom contact add "$B" --kind phone_call --at "6/3 11:00" \
    --summary "Asked about the food bank" > /dev/null
# C: a high red flag, no consent recorded, Amira leads.
C=$(ot --as grace --format tsv family add "Chen family" --level 2 \
    --lead Amira)
ot --as amira flag raise "$C" --code domestic_abuse_disclosure \
    --note "Disclosure at school" --at "yesterday 16:00" > /dev/null

run 0 --as grace huddle start --present "Grace, Amira, Tom"
# Guests and apologies said, then said to be none ("").
run 0 --as grace huddle present --guests "Jo Bell (school DSL)" \
    --apologies Tom
run 0 --as grace huddle present --guests "" --apologies ""
run 0 --as grace huddle present Grace Amira Tom
run 0 --as grace --format tsv huddle show

# Item numbers as the agenda orders them: C (red flag), B (no lead), A.
item() {
	ot --as grace --format tsv huddle show | awk -F'\t' -v f="$1" \
	    '$3 == f { print $2; exit }'
}
IA=$(item "$A")
IB=$(item "$B")
IC=$(item "$C")

# --- refusals, each changing nothing ----------------------------------------
before=$(db_hash)
run 1 --as grace huddle decide "$IA" review
run 1 --as grace huddle decide "$IA" review 2026-03-01
run 1 --as grace huddle decide "$IA" review "not a day"
run 2 --as grace huddle decide "$IA" review 1/4 --review 2/4
run 1 --as grace huddle decide "$IB" consent
run 1 --as grace huddle decide "$IB" taf
run 1 --as grace huddle decide "$IC" front-door
run 1 --as grace huddle decide "$IC" close
run 1 --as grace huddle decide "$IC" close "not a reason"
run 1 --as tom huddle decide "$IA" close outcomes_met
run 2 --as grace huddle decide "$IA" perhaps
# What a decision does not take is refused, not ignored.
run 1 --as grace huddle decide "$IA" consent --what "Ring them"
run 1 --as grace huddle decide "$IC" front-door "Disclosure" --owner Tom
run 1 --as grace huddle decide "$IA" review 1/4 --due 3/4
run 2 --as grace huddle decide "$IA" consent Amira --owner Tom
# Not closed while a red flag of high severity is active.
run 1 --as grace huddle decide "$IC" close outcomes_met
check "the refusals change nothing" test "$before" = "$(db_hash)"

# --- each decision, and its record --------------------------------------------
run 0 --as grace huddle decide "$IA" review 9/4 --note "After the school holiday"
run 0 --as grace --format tsv family show "$A"
run 0 --as grace huddle decide "$IA" consent
run 0 --as grace huddle decide "$IB" taf Amira --due 20/3
# Parked until something about it changes; a red flag never is.
run 0 --as grace huddle decide "$IB" park --note "Lead to be agreed next month"
before=$(db_hash)
run 1 --as grace huddle decide "$IC" park
run 2 --as grace huddle decide "$IB" park "words"
check "a refused park changes nothing" test "$before" = "$(db_hash)"
run 0 --as grace --format tsv action list "$A"
run 0 --as grace --format tsv action list "$B"
# The front door, without consent: for safeguarding, urgent, due tomorrow.
run 0 --as grace huddle decide "$IC" front-door "Disclosure of violence at home"
run 0 --as grace --format tsv referral list "$C"

# --- undone where it may be ------------------------------------------------------
# The referral withdrawn while the front door has not answered it.
run 0 --as grace huddle undo "$IC" --note "Called the front door instead"
run 0 --as grace --format tsv referral list "$C" --status withdrawn
run 0 --as grace huddle decide "$IC" front-door "Disclosure of violence at home"
# Asked once: a second would be a second case at the front door.
run 1 --as grace huddle decide "$IC" front-door "And again"
R=$(ot --as grace --format tsv referral list "$C" | awk -F'\t' \
    'NR == 2 { print $1 }')
ot --as grace referral update "$R" --status acknowledged > /dev/null
before=$(db_hash)
run 1 --as grace huddle undo "$IC"
check "an answered referral is not withdrawn" test "$before" = "$(db_hash)"
# The consent action withdrawn, then the review put back.
run 0 --as grace huddle undo "$IA"
run 0 --as grace huddle undo "$IA" --note "Decided for the wrong family"
run 0 --as grace --format tsv family show "$A"
# A review changed since is not put back over.
run 0 --as grace huddle decide "$IA" review 16/4
ot --as grace family set "$A" --next-review 2026-04-23 > /dev/null
before=$(db_hash)
run 1 --as grace huddle undo "$IA"
check "a review changed since is kept" test "$before" = "$(db_hash)"

# --- closing, a coordinator's, and not undone --------------------------------------
run 0 --as grace huddle decide "$IA" close no_further_action \
    --note "Family moving; agreed with Mrs Adams"
run 0 --as grace --format tsv family list closed
before=$(db_hash)
run 1 --as grace huddle undo "$IA"
# Closed, nothing more is decided for it here.
run 1 --as grace huddle decide "$IA" taf Tom
check "a close is not undone" test "$before" = "$(db_hash)"

run 0 --as grace huddle end
run 0 --as grace huddle minutes
# The next agenda leaves the parked family off, naming it, until
# something of it is recorded (a contact by a third agency): it is back,
# all its reasons with it. Parked again by mistake, it is unparked.
run 0 --as grace huddle agenda
# For scripts too: the parked family a row of its own, after the items.
run 0 --as grace --format tsv huddle agenda
run 0 --as grace huddle agenda --at "2026-03-12 09:00"
ot --as grace staff add "Gary Pike" --role "pcso" --agency "police" \
    > /dev/null
ot --as gary contact add "$B" --kind phone_call --summary "Checked in" \
    > /dev/null
run 0 --as grace huddle agenda
run 0 --as grace huddle unpark "$B"
run 1 --as grace huddle unpark "$B"
run 3 --as grace huddle unpark F-NOPE
run 0 --as grace chronology "$C"
# Work is not given to a disabled account, named by reference or not.
ot --as grace staff add "Sam Lowe" --role "early help worker" \
    --agency "early help" > /dev/null
SAM=$(ot --as grace --format tsv staff list | awk -F'\t' \
    '$2 == "Sam Lowe" { print $1 }')
ot --as grace staff disable "$SAM" > /dev/null
run 1 --as grace action add "$B" --what "Ring the school" --owner "$SAM"
run 1 --as grace family set "$B" --lead "$SAM"

# What the chronology shows: some kinds, what an agency recorded.
run 0 --as grace chronology "$C" --kind flag,Referral --newest-first
run 0 --as grace chronology "$C" --agency "health visiting"
run 0 --as grace --format tsv chronology "$C" --kind record
before=$(db_hash)
run 2 --as grace chronology "$C" --kind banana
run 2 --as grace chronology "$C" --kind ,
run 1 --as grace chronology "$C" --agency Nowhere
check "a refused chronology is no look on the trail" test "$before" = "$(db_hash)"
finish
