#!/bin/sh
# Golden test: families from the command line, and their refusals.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

run 0 init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator
run 1 init
run 0 --as "Amira" staff add "Tom Brennan" --role "early help worker" \
    --agency "early help"
run 0 staff list
run 2 family add
run 1 family add "Khan"
F=$(ot --as amira --format tsv family add "Khan family" --postcode "e6 2ab" \
    --level 2 --needs "secure, health" --lead Amira --next-review +14d)
run 0 --as amira family add "Nowak" --address "12 Elm Road" --level 3 \
    --reason "school"
run 0 --as amira family list
run 0 --format tsv --as amira family list
run 0 --format json --as amira family list --sort level --reverse
run 0 --as amira family list --reverse
run 0 --as amira family show "$F"
run 0 --format json --as amira family show "$F"

before=$(db_hash)
run 1 --as amira family set "$F" --level 4
run 1 --as amira family set "$F" --status closed
run 1 --as amira family set "$F" --next-review "31/2"
run 1 --as amira family set "$F" --household ""
run 1 --as amira family set "$F" --lead "Nobody"
run 1 --as amira family set "$F" --address "$(printf 'bad\033[31m')"
run 3 --as amira family set F-ZZZZZ --level 1 --reason x
run 1 --as amira family set F-ZZ --level 1 --reason x
check "refused changes leave the database as it was" \
    test "$before" = "$(db_hash)"

run 0 --as amira family set "$F" --level 4 --reason "Front door accepted"
# A lead, a step and a closing are a coordinator's (Amira); Tom is not.
before=$(db_hash)
run 1 --as tom family set "$F" --level 3 --reason "Stepped down by MASH"
run 1 --as tom family set "$F" --status closed --end-reason outcomes
run 1 --as tom family set "$F" --lead tom
check "a practitioner's refused changes leave it as it was" \
    test "$before" = "$(db_hash)"
run 0 --as tom family set "$F" --postcode "E6 2AB"
run 0 --as amira family set "$F" --level 3 --reason "Stepped down by MASH"
# The same level again: the refusal says so, not that a reason is amiss.
run 1 --as amira family set "$F" --level 3 --reason "Still at 3"
run 0 --as amira family set "$F" --status closed --end-reason outcomes
run 1 --as amira family set "$F" --status closed --end-reason outcomes
run 0 --as amira family list closed
run 0 --as tom family list mine
run 0 --as amira family list no-lead
finish
