#!/bin/sh
# Golden test: need to know on every command that shows a family's
# records, and every change on the audit trail. Eve works in Northside:
# each command that would show her a Riverside family refuses without a
# reason and records nothing; with one, the glass broken and the view are
# on the trail. Lists across families show her only her own. A change is
# an entry naming the family and what was added or set; a change to a
# member of staff names them.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

at() {
	ONETEAM_NOW=$1
	export ONETEAM_NOW
}

run 0 init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator
ot --as amira staff add "Eve North" --role "early help worker" \
    --agency "early help" --locality Northside > /dev/null
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
P=$(ot --as amira --format tsv person add "$F" "Zara Khan" \
    --relationship child --dob 2019-05-01)
ot --as amira consent record "$F" --state given --by "Mrs Khan" \
    --scope "core team" > /dev/null
ot --as amira story edit "$F" worries --text "Zara is not sleeping" \
    > /dev/null
C=$(ot --as amira --format tsv contact add "$F" --kind home_visit \
    --summary "Saw Zara")
R=$(ot --as amira --format tsv referral raise "$F" --service camhs \
    --reason "Low mood" --child "$P" --basis consent)
ot --as amira flag raise "$F" --code repeated_not_brought --person "$P" \
    > /dev/null
RF=$(ot --as amira --format tsv flag list "$F" | awk -F'\t' \
    'NR == 2 { print $1 }')
ot --as amira action add "$F" --what "Call school" --owner amira \
    > /dev/null
N=$(ot --as eve --format tsv family add "Ng family" --level 2 \
    --locality Northside)
ot --as eve action add "$N" --what "Visit" --owner eve > /dev/null

# Refused without a reason, each one; nothing recorded.
at 2026-03-13T10:00:00Z
before=$(db_hash)
run 1 --as eve contact list "$F"
run 1 --as eve story show "$F"
run 1 --as eve story show "$F" worries
run 1 --as eve person list "$F"
run 1 --as eve consent show "$F"
run 1 --as eve referral list "$F"
run 1 --as eve referral show "$R"
run 1 --as eve flag list "$F"
run 1 --as eve action list "$F"
check "refused looks record nothing" test "$before" = "$(db_hash)"
run 2 --as eve referral list --reason "just looking"
run 2 --as eve flag list --reason "just looking"

# Lists across families: Eve sees her own locality's, Amira hers.
run 0 --as eve action list
run 0 --as eve flag list
run 0 --as eve referral list
run 0 --as amira flag list
run 0 --as eve family list all
run 0 --as amira family list all

# Search: Eve finds the Khans by their names, marked, but not by the
# words of their notes; Amira by both.
run 0 --as eve search khan
# Found by a member's name: the household, postcode and locality only,
# not the name that matched.
run 0 --as eve search zara
# Found, even only found, it is on the audit trail: once a day.
check "a family found outside one's work is on the trail, once a day" \
    test "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE what = 'search' \
    AND detail LIKE 'found by a search%'")" -eq 1
run 0 --as eve search sleeping
run 0 --as amira search sleeping

# A reason that says nothing is refused, and nothing is shown.
run 1 --as eve person list "$F" --reason "x"
# With a reason: shown, the glass broken and the look on the trail.
run 0 --as eve person list "$F" --reason "Zara starts at a Northside school"
run 0 --as eve referral show "$R" --reason "CAMHS asked about Zara"
run 0 --as amira consent show "$F"
run 0 --as amira audit who-viewed "$F"

# Writing to a family is no way round asking why: Pat, of Northside,
# may not record a contact or an action for the Khans without a reason
# (a contact would make the family his to see). Eve, who broke the
# glass for them this morning, may: the action she then owns makes them
# a family she works with. Kim broke it yesterday: she must say why
# again today.
ot --as amira staff add "Pat North" --role "school nurse" \
    --agency "school nursing" --locality Northside > /dev/null
ot --as amira staff add "Kim North" --role "family support worker" \
    --agency "early help" --locality Northside > /dev/null
at 2026-03-12T15:00:00Z
ot --as kim consent show "$F" --reason "Asked by the Northside hub" \
    > /dev/null
at 2026-03-13T11:00:00Z
before=$(db_hash)
run 1 --as pat contact add "$F" --kind phone --summary "Rang Mum"
run 1 --as pat action add "$F" --what "Ring school" --owner pat
run 2 --as pat action add --what "Ring school" --owner pat --reason "x"
run 2 --as pat contact correct C-ZZZZZ --summary x --reason "x"
# Nor any other write to the family's records, whose refusals would name
# its people; a red flag anyone raises, but names none of them.
run 1 --as pat contact correct "$C" --venue "Hub"
run 1 --as pat story edit "$F" worries --text "Mine now"
run 1 --as pat person add "$F" "Ali Khan"
run 1 --as pat person set "$P" --school "Hill"
run 1 --as pat consent record "$F" --state withdrawn --by "Mrs Khan"
run 1 --as pat family set "$F" --locality Northside
run 1 --as pat referral update "$R" --status acknowledged
run 1 --as pat flag ack "$RF"
run 1 --as pat referral raise "$F" --service camhs --reason "x" \
    --child Zara --basis consent
run 1 --as pat flag raise "$F" --code child_missing --person Zara
check "refused writes record nothing" test "$before" = "$(db_hash)"
run 0 --as pat flag raise "$F" --code child_missing \
    --note "Seen alone at the station at midnight"
run 1 --as pat person list "$F"
run 0 --as pat contact add "$F" --kind phone --summary "Rang Mum" \
    --reason "Zara's school nurse now, at Northside"
check "Pat's reason is on the trail, with his contact" sh -c "'$ONETEAM' \
    --db '$DB' --as amira --format tsv audit who-viewed '$F' |
    grep 'Pat North	break_glass' | grep -q 'school nurse now'"
run 0 --as pat person list "$F"
run 0 --as eve action add "$F" --what "Send CAMHS the school report" \
    --owner eve
run 0 --as eve contact add "$F" --kind phone --summary "Rang CAMHS"
run 1 --as kim action add "$F" --what "Visit" --owner kim

# Changes: one entry for each family changed, naming what was.
at 2026-03-13T11:00:00Z
ot --as amira family set "$F" --level 3 --reason "Dad left" \
    --next-review 2026-04-01 > /dev/null
ot --as amira contact add "$F" --kind phone --summary "Spoke to Mum" \
    > /dev/null
ot --as amira staff passwd eve --passphrase-file /dev/null 2> /dev/null
printf 'a new passphrase\n' > "$WORK/eve"
ot --as amira staff passwd eve --passphrase-file "$WORK/eve" > /dev/null
run 0 --as amira audit by amira --since 13/3
run 0 --as amira --format tsv audit who-viewed "$N"
run 0 audit verify
finish
