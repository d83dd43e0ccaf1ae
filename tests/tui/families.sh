#!/bin/sh
# The Families list tells families apart as people know them: three
# "Ahmed family" rows by their children and postcodes (where the
# household column has room: at 120 columns); a review past its day marked
# "!" before its date, as a flag is; and the count columns (referrals,
# flags) sorted largest first when chosen, the arrow before the title,
# where a narrow column cannot cut it off.
. "$srcdir/tests/tui/lib.sh"
setup

ot init --name "Grace Okafor" --role "locality coordinator" \
    --agency "early help" --coordinator > /dev/null
A1=$(ot --as grace --format tsv family add "Ahmed family" --postcode "E6 1AA" \
    --lead Grace --next-review 2026-11-20)
A2=$(ot --as grace --format tsv family add "Ahmed family" --postcode "E6 2BB" \
    --lead Grace --next-review 2026-12-20)
A3=$(ot --as grace --format tsv family add "Ahmed family" --lead Grace)
# The third is told apart by its children (first names and ages, eldest
# first; a baby in months), where there is room.
ot --as grace person add "$A3" "Zara Ahmed" --dob 2021-05-04 \
    --relationship child > /dev/null
ot --as grace person add "$A3" "Yusuf Ahmed" --dob 2025-09-01 \
    --relationship child > /dev/null
ot --as grace person add "$A3" "Hodan Ahmed" --dob 1990-01-01 \
    --relationship mother > /dev/null
ot --as grace flag raise "$A3" --code domestic_abuse_disclosure > /dev/null
ot --as grace flag raise "$A3" --code repeated_not_brought > /dev/null

start 120 30
wait_for "Who is using oneteam?"
text grace
keys Enter
expect "signed in at Families" "Families │"
expect "the first Ahmed family by its postcode" "Ahmed family · E6 1AA"
expect "the second by its own" "Ahmed family · E6 2BB"
expect "the third by its children, not its mother" \
    "Ahmed family · Zara 5, Yusuf 14m"
expect "a review past its day is marked" "!20 Nov 2026"
expect_not "a review to come is not" "!20 Dec 2026"
# s steps through the columns: to Flags.
i=0
while [ "$i" -lt 9 ] && ! screen | grep -qF "Sorted by Flags."; do
	keys s
	i=$((i + 1))
	sleep 0.3
done
expect "the flags column is chosen, largest first, its arrow shown" \
    "▼Fla"
check "the family with two flags is first" sh -c \
    "tmux -S '$SOCK' capture-pane -p -t t | grep -m1 '^F-' |
    grep -q '$A3'"

# The Family screen's key bar: its first keys, then as many of the rest
# as fit, most used first, and help saying how many more it lists.
keys Enter
expect "Enter opens the family" "Ahmed family"
expect "the key bar shows consent, not only the first four" "k consent"
expect "and actions" "a action"
expect "help says how many more it lists" "? help +"
keys q
keys F10
keys y
check "oneteam ends with 0" test "$(exited)" = 0
finish
