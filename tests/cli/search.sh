#!/bin/sh
# Golden test: search finds names as people type them. A name with an
# apostrophe (O'Brien, O’Connor with the typographer's one) is found
# with it or without ("obrien", as most type it), accents are ignored,
# and the first letters of a name find it.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

ot init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator > /dev/null
F=$(ot --as amira --format tsv family add "O'Brien family" \
    --postcode "E6 2AB")
ot --as amira person add "$F" "Siobhán O’Connor" --dob 1986-05-01 \
    --relationship mother > /dev/null
ot --as amira family add "Obi family" > /dev/null
ot --as amira family add "Brien family" > /dev/null
run 0 --as amira search obrien
run 0 --as amira search "o'brien"
run 0 --as amira search "O’Brien"
run 0 --as amira search oconnor
run 0 --as amira search "o'connor"
run 0 --as amira search siobhan
# Prefixes with an O or an I, which no reference has (its letters leave
# them out), so a random reference never matches: "b" once found F-BCRGJ.
run 0 --as amira search ob
run 0 --as amira search bri
whole() { ot check > /dev/null; }
check "the search index is whole" whole
finish
