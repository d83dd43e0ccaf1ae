#!/bin/sh
# Golden test: the people of a family and consent to share, from the
# command line, and their refusals.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

# The reference the last run recorded.
last_ref() {
	sed -n 's/^Recorded person \(P-[0-9A-Z]*\)\.$/\1/p' "$WORK/out"
}

ot init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator > /dev/null
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
N=$(ot --as amira --format tsv family add "Nowak" --level 3)

# People.
run 0 person add --help
run 2 person add
run 2 person add "$F"
run 1 person add "$F" "Sara Khan"
run 0 --as amira person add "$F" "Sara Khan" --dob 3/4/1990 \
    --relationship mother --gp "Riverside Medical Centre"
run 0 --as amira person add "$F" "Ali Khan" --dob 1/9/2016 \
    --relationship child --school "Elm Road Primary" --send --young-carer
ALI=$(last_ref)
run 0 --as amira person add "$F" "Baby Khan" --dob +6w --relationship unborn
BABY=$(last_ref)
run 0 --as tom person add "$F" "Adam Khan" --dob 1/1/1985 \
    --relationship father
ADAM=$(last_ref)
run 0 --as tom person add "$F" "Zara Khan" --dob 4/5/2024 --relationship Child \
    --school "Little Acorns Nursery"
run 0 --as amira person list "$F"

before=$(db_hash)
run 1 --as amira person add "$F" ""
run 1 --as amira person add "$F" "$(printf 'Zara\033[31m')"
run 1 --as amira person add "$F" "Zara Nowak" --dob 13/3/2026
run 1 --as amira person add "$F" "Zara Nowak" --dob 31/2/2020
run 1 --as amira person add "$F" "Zara Nowak" --relationship cousin
run 1 --as amira person add "$F" "Zara Nowak" --dob 1/1/2028 \
    --relationship unborn_baby
run 1 --as amira person add "$F" "sara khan" --dob 1990-04-03
run 1 --as amira person add "$F" "Yusuf Khan" --dob 1/1/1960 --looked-after
run 3 --as amira person add F-ZZZZZ "Zara Nowak"
run 2 --as amira person add "$F" "Zara Nowak" --archive
run 2 --as amira person set "$ALI"
run 3 --as amira person set P-ZZZZZ --gp "Riverside"
run 1 --as amira person set "$ADAM" --cp-plan
run 1 --as amira person set "$ALI" --send --no-send
run 1 --as amira person set "$ALI" --unarchive
run 1 --as amira person set "$ALI" --name ""
run 1 --as amira person set "$BABY" --relationship child
check "refused changes leave the database as it was" \
    test "$before" = "$(db_hash)"

run 0 --as amira person set "$ALI" --no-young-carer --cp-plan \
    --gp "Riverside Medical Centre"
run 0 --as amira person set "$BABY" --relationship child --dob today \
    --name "Maryam Khan"
run 0 --as tom person set "$ADAM" --archive
run 1 --as tom person set "$ADAM" --archive
run 0 --as amira person list "$F"
run 0 --as amira person list "$F" --all
run 0 --format tsv --as amira person list "$F" --all
run 0 --format json --as amira person list "$F"

# Names in other scripts line up by the columns they take.
run 0 --as amira person add "$N" "Zoë Nowak" --dob 12/9/2024 \
    --relationship child
run 0 --as amira person add "$N" "محمد" --dob 2/2/2015 --relationship child
run 0 --as amira person add "$N" "王芳" --dob 2/6/1985 --relationship mother
run 0 --as amira person list "$N"

# Consent to share.
run 0 --as amira consent show "$F"
before=$(db_hash)
run 2 --as amira consent record "$F" --by "Sara Khan"
run 2 --as amira consent record "$F" --state given
run 1 --as amira consent record "$F" --state given --by "Sara Khan"
run 1 --as amira consent record "$F" --state maybe --by "Sara Khan"
run 1 --as amira consent record "$F" --state withdrawn --by "Sara Khan"
run 1 --as amira consent record "$F" --state refused --by " "
run 1 --as amira consent record "$F" --state refused --by "Sara Khan" \
    --date tomorrow
run 1 --as amira consent record "$F" --state given --by "Sara Khan" \
    --scope "core team professionals" --date 1/3/2026 --review 1/2/2026
run 3 --as amira consent record F-ZZZZZ --state refused --by "Sara Khan"
check "refused consent leaves the database as it was" \
    test "$before" = "$(db_hash)"

run 0 --as amira consent record "$F" --state given --by "Sara Khan" \
    --scope "core team professionals" --date 1/3/2026 --review 1/3/2027
run 0 --as amira consent show "$F"
run 1 --as tom consent record "$F" --state refused --by "Adam Khan" \
    --date 28/2/2026
run 0 --as tom consent record "$F" --state w --by "Sara Khan"
run 0 --as amira consent show "$F"
run 0 --format json --as amira consent show "$F"
run 0 --as amira consent record "$N" --state refused --by "王芳" \
    --review +3m
run 0 --as amira consent show "$N"
finish
