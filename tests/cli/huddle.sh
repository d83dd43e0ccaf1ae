#!/bin/sh
# Golden test: the morning huddle's agenda on fixed data, the clock pinned
# (12 March 2026, 09:30): each kind of reason, the order by urgency, a
# family with several reasons once, a family of another locality and one
# with nothing to discuss left out, --since, and the rows for scripts.
# Then a huddle is run: who is present, a decision of each kind and the
# records each writes, refusals that change nothing, the minutes (a family
# without consent left out), the chronology; the next day's agenda is new
# since the first huddle began and carries what it did not reach.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

ot init --name "Grace Okafor" --role "locality coordinator" \
    --agency "early help" --coordinator > /dev/null
ot --as grace staff add "Amira Khan" --role "health visitor" \
    --agency "health visiting" > /dev/null
ot --as grace staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
ot --as grace staff add "Eve North" --role "early help worker" \
    --agency "early help" --locality Northside > /dev/null

# consent FAMILY: consent given, reviewed in a year (nothing to discuss).
consent() {
	ot --as grace consent record "$1" --state given --by "the parents" \
	    --scope "core team" --date 2026-03-01 --review 2027-03-01 \
	    > /dev/null
}

# A: a high red flag raised yesterday, no consent recorded, a review late.
A=$(ot --as grace --format tsv family add "Adams family" --level 2 \
    --lead Amira --next-review 2026-03-01)
ot --as amira flag raise "$A" --code domestic_abuse_disclosure \
    --note "Mum disclosed" --at "yesterday 16:00" > /dev/null
# B: a medium flag acknowledged a week ago (old news), a referral waiting.
B=$(ot --as grace --format tsv family add "Baker family" --level 2 \
    --lead Tom)
consent "$B"
ot --as tom flag raise "$B" --code repeated_not_brought \
    --at "2/3 10:00" > /dev/null
ot --as tom flag ack "$(ot --as tom --format tsv flag list "$B" | awk -F'\t' \
    'NR == 2 { print $1 }')" > /dev/null
ot --as tom referral raise "$B" --service housing --reason "Notice to quit" \
    --basis consent --at "10/2 10:00" --due 20/2 > /dev/null
# C: level 3, no lead professional, contacts from two agencies.
C=$(ot --as grace --format tsv family add "Chen family" --level 3)
consent "$C"
ot --as amira contact add "$C" --kind home_visit --at "5/3 10:00" \
    --summary "New baby; mum tired" > /dev/null
ot --as tom contact add "$C" --kind phone_call --at "6/3 11:00" \
    --summary "Asked about the food bank" > /dev/null
# D: consent given, due for review; a child not brought two days ago.
D=$(ot --as grace --format tsv family add "Davies family" --level 2 \
    --lead Tom)
ot --as grace consent record "$D" --state given --by "Mrs Davies" \
    --scope "core team" --date 2025-03-01 --review 2026-03-01 > /dev/null
ot --as amira contact add "$D" --kind not_brought --at "10/3 09:00" \
    --summary "Not brought to the 2-year check" > /dev/null
ot --as tom contact add "$D" --kind no_access --at "11/3 14:00" \
    --summary "No answer at the door" > /dev/null
# E: an action late and a follow-up late, and a new referral.
E=$(ot --as grace --format tsv family add "Evans family" --level 2 \
    --lead Amira)
consent "$E"
# (agreed on 1 March, due on the 5th)
ONETEAM_NOW=2026-03-01T09:00:00Z "$ONETEAM" --db "$DB" --as grace action add \
    "$E" --what "Book the TAF meeting" --owner Tom --due 2026-03-05 \
    > /dev/null
ot --as amira contact add "$E" --kind home_visit --at "1/3 10:00" \
    --summary "Mum asked for help with sleep" --follow-up 2026-03-08 \
    > /dev/null
ot --as amira referral raise "$E" --service parenting --reason "Bedtimes" \
    --basis consent --at "11/3 15:00" > /dev/null
# F: all well; G: another locality's family with a red flag.
F=$(ot --as grace --format tsv family add "Fisher family" --level 2 \
    --lead Amira)
consent "$F"
G=$(ot --as eve --format tsv family add "Green family" --level 2 \
    --lead Eve --locality Northside)
ot --as eve flag raise "$G" --code domestic_abuse_disclosure \
    --at "yesterday 10:00" > /dev/null

# H: children's social care accepted a referral: proposed for step up.
H=$(ot --as grace --format tsv family add "Hughes family" --level 3 \
    --lead Tom)
consent "$H"
R=$(ot --as tom --format tsv referral raise "$H" --service mash \
    --reason "Injury to a baby" --basis consent --urgency urgent \
    --at "9/3 10:00")
ot --as tom referral update "$R" --status accepted --at "10/3 15:00" \
    > /dev/null
# I: at level 4, social care closed its referral: proposed for step down.
I=$(ot --as grace --format tsv family add "Iqbal family" --level 4 \
    --lead Tom)
consent "$I"
R=$(ot --as tom --format tsv referral raise "$I" --service mash \
    --reason "Neglect" --basis consent --at "1/2 10:00")
ot --as tom referral update "$R" --status accepted --at "2/2 10:00" \
    > /dev/null
ot --as tom referral update "$R" --status completed --at "11/3 11:00" \
    --outcome "Child in need plan ended" > /dev/null

run 0 --as grace huddle agenda
run 0 --as grace huddle agenda --since "11/3 12:00"
run 0 --as grace --format tsv huddle agenda
run 0 --as eve huddle agenda
run 0 --as grace huddle agenda --locality Riverside --format text
run 3 --as grace huddle agenda --locality Atlantis
# A huddle is its own locality's: Eve, of Northside, may not read
# Riverside's agenda, minutes or list, nor start its huddle.
before=$(db_hash)
run 1 --as eve huddle agenda --locality Riverside
run 1 --as eve huddle minutes --locality riverside
run 1 --as eve huddle list --locality Riverside
run 1 --as eve huddle start --locality Riverside
check "her refusals change nothing" test "$before" = "$(db_hash)"
run 0 --as eve huddle agenda --locality Northside
run 2 --as grace huddle agenda --since "someday"
run 2 --as grace huddle agenda extra
run 2 --as grace huddle agenda --at "not a day"

# --- running the huddle ----------------------------------------------------
run 3 --as grace huddle show
run 3 --as grace huddle decide 1 no-change
# Who is present is part of starting: a name not found starts nothing.
run 1 --as grace huddle start --present "Amira, Nobody"
run 3 --as grace huddle show
run 0 --as grace huddle start --present "Amira, Tom Brennan, grace, amira"
run 1 --as grace huddle start
run 0 --as grace huddle present Grace Amira Tom
# Guests with no account, and apologies: Tom sent his, then came after
# all; Eve sent hers. Nobody is both.
run 0 --as grace huddle present --apologies Tom \
    --guests "Jo Bell (school DSL), , Rev. Ann Cole"
run 1 --as grace huddle present Tom --apologies "Tom, Eve"
run 2 --as grace huddle present
run 1 --as grace huddle present --guests "$(printf 'Jo\033[2J')"
run 0 --as grace huddle present Grace Amira Tom
run 0 --as grace huddle present --apologies Eve
# Nor by its reference, nor with her own name on it.
HR=$(ot --as grace --format tsv huddle list | awk -F'\t' 'NR == 2 { print $1 }')
run 1 --as eve huddle show "$HR"
run 1 --as eve huddle present Eve --locality Riverside
run 1 --as grace huddle present Nobody
# 1 Adams: the high red flag, acknowledged; and an action.
run 0 --as grace huddle decide 1 ack --note "Front door called at 09:40"
run 1 --as grace huddle decide 1 ack
run 0 --as grace huddle decide 1 action "Complete the DASH risk assessment" \
    --owner Amira --due 13/3
# 2 Evans: a new lead professional.
run 0 --as grace huddle decide 2 lead Tom
# 3 Davies: no referral to chase; no change.
run 1 --as grace huddle decide 3 chase
run 0 --as grace huddle decide 3 no-change --note "Seen on Monday"
# 4 Hughes: stepped up, social care has the family.
run 0 --as grace huddle decide 4 level 4 --note "Child protection enquiry"
# 5 Baker: chase the housing referral; level 3.
run 0 --as grace huddle decide 5 chase
run 0 --as grace huddle decide 5 level 3 --note "Housing and health needs"
# 6 Iqbal: stepped down to early help.
run 0 --as grace huddle decide 6 level 3 --note "Social care closed"
# Refusals, each changing nothing.
before=$(db_hash)
run 1 --as grace huddle decide 5 level 3
# No change for a family with a red flag of high severity: say why.
run 1 --as grace huddle decide 1 no-change
run 1 --as grace huddle decide 7 action "Ring them"
run 1 --as grace huddle decide 7 lead Nobody
run 1 --as grace huddle decide 9 no-change
run 2 --as grace huddle decide 7 maybe
run 2 --as grace huddle decide x no-change
run 2 --as grace huddle decide 7 no-change "words"
run 1 --as grace huddle decide 7 action "Ring" --owner Tom --due 1/1/2020
run 1 --as grace huddle decide 7 no-change --note "$(printf 'one\nForged')"
run 1 --as grace huddle undo 7
run 1 --as grace huddle undo 9
run 2 --as grace huddle undo x
run 1 --as grace huddle undo 2 --note "$(printf 'one\nForged')"
check "a refused decision changes nothing" test "$before" = "$(db_hash)"
# 2 Evans: the lead was given by mistake: undone, Amira leads again; and
# the action decided for 1 is withdrawn, its acknowledgement stays.
run 0 --as grace huddle undo 2 --note "Tom has left the team"
check "Amira leads the Evans family again" sh -c "'$ONETEAM' --db '$DB' \
    --as grace --format tsv family list all | grep 'Evans family' |
    grep -q 'Amira Khan'"
run 0 --as grace huddle undo 1
run 1 --as grace huddle undo 1
run 0 --as grace --format tsv action list "$A" --all
# 7 Chen is not reached.
run 0 --as grace --format tsv huddle show
run 0 --as grace huddle end
run 3 --as grace huddle end
run 3 --as grace huddle decide 7 no-change
run 0 --as grace huddle minutes
check "the agenda and the minutes are looks on the trail" sh -c \
    "'$ONETEAM' --db '$DB' --as grace --format tsv audit by grace |
    grep -q \"view.*on the huddle's agenda\" &&
    '$ONETEAM' --db '$DB' --as grace --format tsv audit by grace |
    grep -q 'view.*the minutes of huddle H-'"
run 0 --as grace huddle minutes 12/3 --markdown
run 3 --as grace huddle minutes 11/3
run 2 --as grace huddle minutes "not a day"
run 0 --as grace huddle list
run 0 --as grace chronology "$B"
run 0 --format tsv --as grace flag list "$A"
run 0 --as grace action list --owner Amira

# --- the next day: new since the huddle began, Chen carried over -----------
ONETEAM_NOW=2026-03-13T09:15:00Z
export ONETEAM_NOW
ot --as amira contact add "$F" --kind not_brought --at "12/3 14:00" \
    --summary "Not brought to clinic" > /dev/null
run 0 --as grace huddle agenda
run 0 --as grace huddle agenda --at "12/3 09:00"
# A huddle left running ends when the next day's starts.
run 0 --as grace --format tsv huddle start
run 0 --as grace huddle end
ONETEAM_NOW=2026-03-16T09:15:00Z
run 0 --as grace huddle start
run 0 --as grace huddle list

# A member works in a locality: one added without --locality takes the
# adder's; at a site with none configured, the first is asked for one;
# and one of no locality (an account a release before made) reads no
# huddle, since none is their team's.
printf '[site]\nname = bare\n' > "$WORK/bare.ini"
BARE="--db $WORK/bare.db --config $WORK/bare.ini"
run 1 $BARE init --name "Nia Bell" --role "locality coordinator" \
    --agency "early help" --coordinator
run 0 $BARE init --name "Nia Bell" --role "locality coordinator" \
    --agency "early help" --coordinator --locality Northfield
run 0 $BARE --as nia staff add "Ola Reed" --role "early help worker" \
    --agency "early help"
run 0 $BARE --as nia staff list
sqlite3 "$DB" "UPDATE staff SET locality = NULL WHERE name = 'Eve North'"
run 1 --as eve huddle agenda
finish
