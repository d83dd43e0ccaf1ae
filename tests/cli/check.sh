#!/bin/sh
# Golden test: oneteam check, and check --repair on a database that has
# been used. Repair empties every table the fold fills and folds the
# change log again: each kind of record must be emptied first, those a
# look at a family writes (the audit trail) and those a huddle writes
# (huddle, item, decision) as much as the first kinds. The state after
# a repair is the state before it.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

# state: the state hash check --hash prints.
state() {
	ot check --hash | sed -n 's/^state: //p'
}

ot init --name "Grace Okafor" --role "locality coordinator" \
    --agency "early help" --coordinator > /dev/null
ot --as grace staff add "Amira Khan" --role "health visitor" \
    --agency "health visiting" > /dev/null
A=$(ot --as grace --format tsv family add "Adams family" --level 2 \
    --lead Amira --next-review 2026-03-01)
ot --as amira flag raise "$A" --code domestic_abuse_disclosure \
    --note "Mum disclosed" --at "yesterday 16:00" > /dev/null
run 0 check

# A look at a family is on the audit trail.
ot --as grace family show "$A" > /dev/null
before=$(state)
run 0 check --repair
check "a repair after a look keeps the state" test "$before" = "$(state)"

# A huddle: its items and decisions, and the records a decision writes.
ot --as grace huddle start --present "Grace, Amira" > /dev/null
ot --as grace huddle decide 1 ack --note "Front door called" > /dev/null
ot --as grace huddle decide 1 action "Complete the risk assessment" \
    --owner Amira --due 13/3 > /dev/null
ot --as grace huddle end > /dev/null
before=$(state)
run 0 check --repair
check "a repair after a huddle keeps the state" test "$before" = "$(state)"
run 0 check
finish
