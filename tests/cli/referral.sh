#!/bin/sh
# Golden test: referrals, red flags and actions from the command line, and
# their refusals.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

# The reference the last run printed (R-, RF- or A-).
last_ref() {
	grep -o "$1-[0-9A-HJKMNP-TV-Z]*" "$WORK/out" | head -n 1
}

ot init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator > /dev/null
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
G=$(ot --as amira --format tsv family add "Nowak" --level 3)

Z=$(ot --as amira --format tsv person add "$F" "Zara Khan" \
    --relationship child --dob 2016-05-04)
ot --as amira person add "$F" "Ілля Хан" --relationship child \
    --dob 2024-01-10 > /dev/null
P=$(ot --as amira --format tsv person add "$G" "Piotr Nowak" \
    --relationship child --dob 2019-09-01)

# --- referrals -------------------------------------------------------------
run 0 referral raise --help
run 2 referral raise
run 2 referral raise "$F" --reason "Low mood"
run 2 referral raise "$F" --service camhs
run 1 referral raise "$F" --service camhs --reason "Low mood"
before=$(db_hash)
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood"
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --basis consent
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --basis safeguarding
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --basis consent --basis-reason "Mother agreed"
run 1 --as amira referral raise "$F" --service astrology --reason "Low mood" \
    --draft
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --draft --child Piotr
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --draft --child "$P"
run 1 --as amira referral raise "$F" --service camhs \
    --reason "$(printf 'bad\033[31m red')" --draft
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --draft --urgency whenever
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --draft --due 31/2
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --draft --due 1/3
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --draft --at "tomorrow 9am"
run 1 --as amira referral raise "$F" --service camhs --reason "Low mood" \
    --draft --needs "health, astrology"
run 3 --as amira referral raise F-ZZZZZ --service camhs --reason "Low mood"
check "refused referrals leave the database as it was" \
    test "$before" = "$(db_hash)"

run 0 --as amira referral raise "$F" --service camhs --child zara \
    --reason "Не спить, тривога; каже «мені страшно»" \
    --needs "health, safe_from" --urgency priority \
    --basis safeguarding --basis-reason "Disclosure; telling the father \
would put her at risk"
R1=$(last_ref R)
ot --as amira consent record "$F" --state given --by "Sadia Khan" \
    --scope "Riverside core team" --date 2026-03-01 > /dev/null
run 0 --as tom referral raise "$F" --service housing --child "$Z" \
    --reason "Notice to quit from the landlord" --basis consent \
    --at "1/2 10:00" --due 10/2
R2=$(last_ref R)
run 0 --as amira referral raise "$F" --service "speech and" --child Ілля \
    --reason "Few words at 2" --draft
R3=$(last_ref R)
run 0 --as amira referral raise "$G" --service parenting --reason "Asked for \
help with bedtimes" --basis safeguarding --basis-reason "Risk of harm" \
    --urgency urgent --at "5/3 11:00"
R4=$(last_ref R)

before=$(db_hash)
run 2 --as amira referral update "$R3"
run 1 --as amira referral update "$R3" --status sent
run 1 --as amira referral update "$R3" --status sent --basis consent \
    --basis-reason "Agreed"
run 1 --as amira referral update "$R3" --status withdrawn --basis consent
run 1 --as amira referral update "$R3" --status accepted
run 1 --as amira referral update "$R1" --status completed
run 1 --as amira referral update "$R1" --status sent
run 1 --as amira referral update "$R1" --status opened
run 1 --as amira referral update "$R1" --status acknowledged --outcome "Seen"
run 1 --as amira referral update "$R1" --status acknowledged --at "+1d"
run 1 --as amira referral update "$R1" --status acknowledged --at "11/3"
run 1 --as amira referral update "$R1" --status acknowledged \
    --note "$(printf 'ok\033]0;x\007')"
run 3 --as amira referral update R-ZZZZZ --status sent
check "refused updates leave the database as it was" \
    test "$before" = "$(db_hash)"

run 0 --as amira referral update "$R3" --status sent --basis consent
run 0 --as tom referral update "$R1" --status acknowledged \
    --note "Duty worker rang back" --due 20/3
run 0 --as tom referral update "$R1" --status accepted
run 0 --as tom referral update "$R1" --status completed \
    --outcome "Six sessions of CBT; sleeping better"
run 1 --as tom referral update "$R1" --status withdrawn
run 0 --as amira referral update "$R4" --status declined \
    --outcome "Family did not take up the place" --at "11/3 15:00"

run 0 --as amira referral list
run 0 --format tsv --as amira referral list
run 0 --as amira referral list --waiting
run 0 --as tom referral list --mine
run 1 referral list --mine
run 0 --as amira referral list "$G"
run 0 --as amira referral list --open --status sent
run 2 --as amira referral list --status maybe
run 0 --format json --as amira referral list --status completed
run 0 --as amira referral show "$R1"
run 0 --format tsv --as amira referral show "$R2"

# --- red flags -------------------------------------------------------------
run 2 --as amira flag raise "$F"
before=$(db_hash)
run 1 --as amira flag raise "$F" --code "alien"
run 1 --as amira flag raise "$F" --code child_missing --at "11:00"
run 1 --as amira flag raise "$F" --code child_missing --person Piotr
run 1 --as amira flag raise "$F" --code child_missing \
    --note "$(printf 'seen\033[2J')"
run 1 flag raise "$F" --code child_missing
check "refused flags leave the database as it was" \
    test "$before" = "$(db_hash)"
run 0 --as amira flag raise "$F" --code "Child missing" --person Zara \
    --note "Не ночувала вдома; mother rang at 8" --at "08:15"
RF1=$(last_ref RF)
run 0 --as amira flag raise "$F" --code imminent_eviction \
    --at "11/3 16:00"
RF2=$(last_ref RF)
run 0 --as tom flag raise "$G" --code persistent
run 0 --as tom flag ack "$RF1" --note "Police informed; MASH called"
before=$(db_hash)
run 1 --as amira flag ack "$RF1"
run 2 --as amira flag resolve "$RF1"
run 1 --as amira flag resolve "$RF1" --note "   "
check "refused acknowledgements leave the database as it was" \
    test "$before" = "$(db_hash)"
run 0 --as amira flag resolve "$RF1" --note "Zara home safe at 11:00"
run 1 --as tom flag resolve "$RF1" --note "again"
run 1 --as tom flag ack "$RF1"
run 0 --as amira flag list
run 0 --as amira flag list "$F"
run 0 --format tsv --as amira flag list --all
run 3 --as amira flag list F-ZZZZZ

# --- actions ---------------------------------------------------------------
run 2 --as amira action add "$F" --owner tom
run 2 --as amira action add "$F" --what "Call the school"
before=$(db_hash)
run 1 --as amira action add "$F" --what "Call the school" --owner Zed
run 1 --as amira action add "$F" --what "Call the school" --owner tom \
    --due yesterday
run 1 --as amira action add "$F" --what "$(printf 'Call\033[5m')" --owner tom
run 1 --as amira action add "$F" --what "   " --owner tom
check "refused actions leave the database as it was" \
    test "$before" = "$(db_hash)"
run 0 --as amira action add "$F" --what "Call the school about attendance" \
    --owner tom --due +3d
run 0 --as amira action add --what "Book the room for Friday's TAF" \
    --owner amira --due today
A2=$(last_ref A)
run 0 --as tom action add "$G" --what "Перевірити житло" --owner Amira
run 0 --as amira action done "$A2"
run 1 --as amira action done "$A2"
# What was done, said as it is marked done: in the list and the
# chronology; a note with control characters is refused.
run 0 --as amira action add "$F" --what "Ring the housing officer" \
    --owner amira
A4=$(last_ref A)
run 1 --as amira action done "$A4" --note "$(printf 'Rang\033[2J')"
run 0 --as amira action done "$A4" --note "Rang her; a visit is booked."
run 0 --as amira --format tsv action list "$F" --all
check "the chronology says what was done" sh -c "'$ONETEAM' --db '$DB' \
    --as amira --format tsv chronology '$F' | grep 'What was done: Rang her' |
    grep -q 'Amira Khan'"
ONETEAM_NOW=2026-03-16T09:00:00Z
export ONETEAM_NOW
run 0 --as amira action list
run 0 --as amira action list --mine
run 0 --as amira action list --owner tom --all
run 0 --format json --as amira action list "$F"
run 1 action list --mine
run 2 --as amira action list --mine --owner tom
finish
