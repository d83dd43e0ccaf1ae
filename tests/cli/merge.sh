#!/bin/sh
# Golden test: a member of staff added twice (Tom Brennan at Riverside,
# and Thomas Brennan when he helped at the Hillside drop-in) merged into
# one. Refusals change nothing; the merge ends the duplicate's account
# (its sign-in says where it went), moves the family he led and the action
# he was given, and what he recorded as Thomas is Tom's to see: the Ng
# family, which only Thomas knew, is Tom's now.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

at() {
	ONETEAM_NOW=$1
	export ONETEAM_NOW
}

at 2026-03-12T09:00:00Z
run 0 init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
ot --as amira staff add "Thomas Brennan" --role "early help worker" \
    --agency "early help" --locality Hillside > /dev/null
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
at 2026-03-12T09:10:00Z
G=$(ot --as thomas --format tsv family add "Ng family" --level 2 \
    --locality Hillside)
ot --as amira family set "$F" --lead thomas > /dev/null
ot --as thomas contact add "$G" --kind home_visit \
    --summary "Met Mrs Ng at the drop-in." > /dev/null
ot --as amira action add "$F" --what "Call the school" --owner thomas \
    > /dev/null
T2=$(ot --format tsv staff list | awk -F'\t' '$2 == "Thomas Brennan" {
    print $1 }')

# Before: Tom does not know the Ng family.
run 1 --as tom family show "$G"
run 0 --as tom family list mine

# Refused, changing nothing: not a coordinator, one into themselves, one's
# own account, no one to keep.
before=$(db_hash)
run 1 --as tom staff merge thomas --into tom
run 1 --as amira staff merge tom --into tom
run 1 --as amira staff merge amira --into tom
run 2 --as amira staff merge thomas
check "a refused merge changes nothing" test "$before" = "$(db_hash)"

at 2026-03-12T10:00:00Z
run 0 --as amira staff merge thomas --into tom
run 0 --as amira staff list
run 0 --as amira family show "$F"
run 0 --as amira action list "$F"
# What Thomas recorded is Tom's to see and work with.
run 0 --as tom family show "$G"
run 0 --as tom family list mine
# Thomas's account signs in no more, and is not merged twice.
run 1 --as thomas contact add "$G" --kind phone_call --summary "Rang."
run 1 --as "Thomas Brennan" contact add "$G" --kind phone_call --summary "Rang."
run 1 --as amira staff merge "$T2" --into tom
run 0 audit verify

finish
