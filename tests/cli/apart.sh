#!/bin/sh
# Golden test: the rules across records kept across sites.
#
# The rule of episodes. The Khan family is
# with social care (level 4). At the office Amira closes it; at the hub,
# not knowing, she steps it down to early help, which opens an episode.
# Together the family is closed with an episode open: a conflict on its
# episode, with its two ways to stand. Tom, not a coordinator, may not
# keep it closed (that closes an episode); Amira keeps it open in early
# help, and after one more
# exchange both sites hold the same, with no conflict.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

office_amira
run 0 --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help"
F=$(ot --as amira --format tsv family add "Khan family" --level 4)
run 0 --as amira family show "$F"
hub_joins

ONETEAM_NOW=2026-03-12T10:00:00Z run 0 --as amira family set "$F" \
    --status closed --end-reason outcomes_met
ONETEAM_NOW=2026-03-12T10:05:00Z run 0 $HUB --as amira family set "$F" \
    --level 3 --reason "Child in need plan ended"
ot bundle export --full -o "$WORK/a2.otb" > /dev/null
"$ONETEAM" $HUB bundle export --full -o "$WORK/h1.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:10:00Z run 0 bundle import "$WORK/h1.otb"
ONETEAM_NOW=2026-03-12T10:10:00Z run 0 --as amira team admit \
    "$(print_of $HUB)" --name hub
ONETEAM_NOW=2026-03-12T10:10:00Z run 0 $HUB bundle import "$WORK/a2.otb"

ONETEAM_NOW=2026-03-12T10:15:00Z run 0 --as amira conflicts list
ONETEAM_NOW=2026-03-12T10:15:00Z run 0 $HUB --as amira --format tsv \
    conflicts list
ONETEAM_NOW=2026-03-12T10:15:00Z run 0 --as amira family show "$F"
before=$(db_hash)
ONETEAM_NOW=2026-03-12T10:20:00Z run 1 --as tom conflicts resolve "$F" \
    episode --take 1
ONETEAM_NOW=2026-03-12T10:20:00Z run 1 --as amira conflicts resolve "$F" \
    episode --value "open and closed"
ONETEAM_NOW=2026-03-12T10:20:00Z run 1 --as amira conflicts resolve "$F" \
    episode --take 3
check "a refused resolution changes nothing" test "$before" = "$(db_hash)"
ONETEAM_NOW=2026-03-12T10:20:00Z run 0 --as amira conflicts resolve "$F" \
    episode --take 2
ONETEAM_NOW=2026-03-12T10:20:00Z run 0 --as amira conflicts list
ONETEAM_NOW=2026-03-12T10:20:00Z run 0 --as amira family show "$F"

ot bundle export --full -o "$WORK/a3.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:25:00Z run 0 $HUB bundle import "$WORK/a3.otb"
ONETEAM_NOW=2026-03-12T10:25:00Z run 0 $HUB --as amira conflicts list
ONETEAM_NOW=2026-03-12T10:25:00Z run 0 $HUB --as amira family show "$F"
ONETEAM_NOW=2026-03-12T10:25:00Z run 0 $HUB check

# The moves of a referral. Sent to CAMHS; at the office Tom hears it is
# accepted, at the hub Amira that it is declined: together a move the rule
# does not allow, a conflict on its status. Keeping accepted records an
# event that settles it; then it completes as any accepted referral does.
R=$(ONETEAM_NOW=2026-03-12T10:30:00Z ot --as amira --format tsv referral \
    raise "$F" --service camhs --reason "Low mood and not sleeping" \
    --basis safeguarding --basis-reason "Telling the family would put the \
child at risk")
ot bundle export -o "$WORK/a4.otb" --for hub > /dev/null
ONETEAM_NOW=2026-03-12T10:35:00Z run 0 $HUB bundle import "$WORK/a4.otb"
ONETEAM_NOW=2026-03-12T10:40:00Z run 0 --as tom referral update "$R" \
    --status accepted
ONETEAM_NOW=2026-03-12T10:45:00Z run 0 $HUB --as amira referral update "$R" \
    --status declined --outcome "Below threshold: early help to go on"
ot bundle export -o "$WORK/a5.otb" --for hub > /dev/null
"$ONETEAM" $HUB bundle export --for test-site -o "$WORK/h2.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:50:00Z run 0 bundle import "$WORK/h2.otb"
ONETEAM_NOW=2026-03-12T10:50:00Z run 0 $HUB bundle import "$WORK/a5.otb"
ONETEAM_NOW=2026-03-12T10:50:00Z run 0 --as tom conflicts list
ONETEAM_NOW=2026-03-12T10:50:00Z run 1 --as tom conflicts resolve "$R" \
    status --value "accepted, then declined"
ONETEAM_NOW=2026-03-12T10:55:00Z run 0 --as tom conflicts resolve "$R" \
    status --take 2
ONETEAM_NOW=2026-03-12T10:55:00Z run 0 --as tom referral show "$R"
ONETEAM_NOW=2026-03-12T11:00:00Z run 1 --as tom referral update "$R" \
    --status declined
ONETEAM_NOW=2026-03-12T11:00:00Z run 0 --as tom referral update "$R" \
    --status completed --outcome "Seen twice; sleeping better"
ot bundle export -o "$WORK/a6.otb" --for hub > /dev/null
ONETEAM_NOW=2026-03-12T11:05:00Z run 0 $HUB bundle import "$WORK/a6.otb"
ONETEAM_NOW=2026-03-12T11:05:00Z run 0 $HUB --as amira conflicts list
ONETEAM_NOW=2026-03-12T11:05:00Z run 0 $HUB --as amira referral show "$R"
ONETEAM_NOW=2026-03-12T11:05:00Z run 0 check

# Localities. A laptop set up on its own before it joined the team: Sara,
# its first member, and the Nowak family she adds are in a Riverside of
# its own making. Once the laptop has joined and its bundle is in, the
# office's Riverside list has the Nowak family with the Khans: one place,
# whoever made its record.
site_inis library-laptop
LAPTOP="--db $WORK/laptop.db --config $WORK/library-laptop.ini"
ONETEAM_NOW=2026-03-12T11:10:00Z run 0 $LAPTOP init --name "Sara Lee" \
    --role "family support worker" --agency "early help"
G=$(ONETEAM_NOW=2026-03-12T11:15:00Z "$ONETEAM" $LAPTOP --as sara \
    --format tsv family add "Nowak family" --level 2)
"$ONETEAM" $LAPTOP team join "$WORK/a1.otb" --passphrase-file "$WORK/pass" \
    > /dev/null
ONETEAM_NOW=2026-03-12T11:20:00Z run 0 $LAPTOP bundle import "$WORK/a1.otb"
"$ONETEAM" $LAPTOP bundle export --full -o "$WORK/l1.otb" > /dev/null
ONETEAM_NOW=2026-03-12T11:25:00Z run 0 bundle import "$WORK/l1.otb"
ONETEAM_NOW=2026-03-12T11:25:00Z run 0 --as amira team admit \
    "$(print_of $LAPTOP)" --name library-laptop
ONETEAM_NOW=2026-03-12T11:25:00Z run 0 --as amira family list locality
ONETEAM_NOW=2026-03-12T11:25:00Z run 0 --as amira family show "$G"

# A contact corrected at the office and at the hub apart, only where it
# happened: the queue tells the two versions apart by what differs.
C=$(ONETEAM_NOW=2026-03-12T11:30:00Z ot --as amira --format tsv contact add \
    "$F" --kind home_visit --at "11:00" --summary "Saw mum and the baby.")
ot bundle export -o "$WORK/a7.otb" --for hub > /dev/null
ONETEAM_NOW=2026-03-12T11:35:00Z run 0 $HUB bundle import "$WORK/a7.otb"
ONETEAM_NOW=2026-03-12T11:40:00Z run 0 --as amira contact correct "$C" \
    --venue "Family home"
ONETEAM_NOW=2026-03-12T11:45:00Z run 0 $HUB --as amira contact correct \
    "$C" --venue "Children's centre"
ot bundle export -o "$WORK/a8.otb" --for hub > /dev/null
"$ONETEAM" $HUB bundle export --for test-site -o "$WORK/h3.otb" > /dev/null
ONETEAM_NOW=2026-03-12T11:50:00Z run 0 bundle import "$WORK/h3.otb"
ONETEAM_NOW=2026-03-12T11:50:00Z run 0 --as amira conflicts list
finish
