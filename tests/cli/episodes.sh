#!/bin/sh
# Golden test: the rule of episodes kept across sites. The Khan family is
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
finish
