#!/bin/sh
# Golden test: what the holder of a laptop of a team made by the release
# before could do around its root (team root), replayed (tests/cli/
# append writes the forged changes). The hub is made root before the
# laptop's key was heard there:
# - the laptop's holder adds, in the old encoding, a making of the
#   oldest family under its id: held, for a site admitted by its id
#   alone is taken only as far as the root held its changes;
# - another claims the laptop's id with a key of its own: held too, and
#   the laptop, refused as claimed, is admitted from its own bundle and
#   taken, what was made in its name dropped;
# - a school that took a history of the laptop's of the holder's making
#   before the root (numbered as the root's) takes it only as an
#   admitted site's (no first administrator made by no one, no family
#   taken over) and audit verify reports it; a bundle bringing such a
#   history to a site that has the root's is refused; a shorter one,
#   after the root, takes over nothing either.
. "${srcdir:-.}/tests/cli/lib.sh"
: "${APPEND:?set APPEND to the append test helper (tests/cli/append)}"
setup

release_before
printf 'amira has a long one now\n' > "$WORK/amira"
printf 'jo has a long one too\n' > "$WORK/jo"
ONETEAM_NOW=2026-03-12T11:00:00Z
export ONETEAM_NOW

# family DB: the oldest family as a database holds it.
family() {
	sqlite3 "$1" "SELECT household || ' ' || status FROM family ORDER BY
	    hlc LIMIT 1"
}
staff() {
	sqlite3 "$1" "SELECT group_concat(name, ', ') FROM (SELECT name FROM
	    staff ORDER BY name)"
}
# forge DB OUT CHANGE...: a forged bundle of DB's site (env as append's).
forge() {
	ONETEAM_CONFIG=$WORK/library-laptop.ini "$APPEND" "$@" ||
	    echo "Bail out! append $2"
}

# The laptop upgrades (its key file gets its signing key), not heard by
# the hub yet. The school joins before the root, sends the hub its own
# changes, then takes from the laptop's holder a history of the laptop's
# of his making, numbered as the hub holds the laptop's: an
# administrator made by no one, the oldest family made again, and more.
"$ONETEAM" $HUB bundle export --full -o "$WORK/h0.otb" > /dev/null
"$ONETEAM" $LAPTOP bundle import "$WORK/h0.otb" > /dev/null
ONETEAM_PASSPHRASE_FILE=$WORK/jo "$ONETEAM" $SCHOOL init --name "Jo Price" \
    --role "school nurse" --agency "school nursing" \
    --passphrase-file "$WORK/jo" > /dev/null
"$ONETEAM" $SCHOOL team join "$WORK/h0.otb" --passphrase-file "$WORK/pass" \
    --before-admission > /dev/null
"$ONETEAM" $SCHOOL bundle import "$WORK/h0.otb" > /dev/null
"$ONETEAM" $SCHOOL bundle export --full -o "$WORK/s0.otb" > /dev/null
run 0 $HUB bundle import "$WORK/s0.otb"
BASE=0 forge "$WORK/laptop.db" "$WORK/fork.otb" \
    "staffnew:1773306000:Eve Stone:eve chose this one" \
    "famnew:1773306001:Amira Khan:Taken family" \
    "staffnew:1773306002:Eve Two:eve chose this one" \
    "staffnew:1773306003:Eve Three:eve chose this one" \
    "staffnew:1773306004:Eve Four:eve chose this one" \
    "staffnew:1773306005:Eve Five:eve chose this one" \
    "staffnew:1773306006:Eve Six:eve chose this one"
run 0 $SCHOOL bundle import "$WORK/fork.otb"

# The hub is made root: the laptop is listed with no key heard.
run 0 $HUB --as amira staff passwd "Amira Khan" --passphrase-file \
    "$WORK/amira"
ONETEAM_PASSPHRASE_FILE=$WORK/amira
export ONETEAM_PASSPHRASE_FILE
run 0 $HUB --as amira team root

# Another claims the laptop's id with a key of his own, and makes the
# oldest family again after the laptop's last change the hub holds:
# held. The laptop's holder's own change after it: refused, the key
# first heard for the id being the claimer's.
before=$(family "$WORK/hub.db")
KEY=fresh BASE=7 forge "$WORK/laptop.db" "$WORK/claim.otb" \
    "famnew:1773306001:Amira Khan:Taken family"
run 0 $HUB bundle import "$WORK/claim.otb"
check "the oldest family is as it was" test "$before" = \
    "$(family "$WORK/hub.db")"
BASE=7 forge "$WORK/laptop.db" "$WORK/more.otb" \
    "famset:1773306001:Amira Khan:Taken family"
run 1 $HUB bundle import "$WORK/more.otb"

# The laptop's own bundle: refused as claimed; admitted from it, taken,
# and what was made in its name dropped.
ONETEAM_NOW=2026-03-12T12:00:00Z "$ONETEAM" $LAPTOP bundle export --full \
    -o "$WORK/l1.otb" > /dev/null
run 1 $HUB bundle import "$WORK/l1.otb"
run 0 $HUB --as amira team admit "$(print_of $LAPTOP)" --name \
    library-laptop --from "$WORK/l1.otb"
run 0 $HUB bundle import "$WORK/l1.otb"
check "the laptop's own are taken, what was made in its name not" test \
    "$(family "$WORK/hub.db")|$(staff "$WORK/hub.db")" = \
    "Khan family open|Amira Khan, Jo Price, Tom Brennan"
run 0 $HUB check
run 0 $HUB audit verify

# The school takes the root: the history of the laptop's it holds is not
# the one the root holds, and is taken only as an admitted site's;
# audit verify says so. A bundle that brings the root's is refused.
"$ONETEAM" $HUB bundle export --for library-laptop -o "$WORK/h1.otb" \
    > /dev/null
run 0 $SCHOOL bundle import "$WORK/h1.otb"
ONETEAM_PASSPHRASE_FILE=$WORK/jo
run 0 $SCHOOL --as jo team root "$(print_of $HUB)"
check "no one made by no one at the laptop, no family taken over" test \
    "$(family "$WORK/school.db")|$(staff "$WORK/school.db")" = \
    "Khan family open|Amira Khan, Jo Price"
run 0 $SCHOOL check
run 5 $SCHOOL audit verify
"$ONETEAM" $HUB bundle export --full -o "$WORK/h2.otb" > /dev/null
check "a bundle that brings the root's history is refused" sh -c \
    "! '$ONETEAM' $SCHOOL bundle import '$WORK/h2.otb' 2> /dev/null"

# A site that took the root first, then a history of the laptop's of his
# making shorter than the root's (the change the root's admission pins
# not among it): taken only as an admitted site's.
OTHER="--db $WORK/other.db --config $WORK/other.ini"
site_inis other
"$ONETEAM" $OTHER init > /dev/null
"$ONETEAM" $OTHER team join "$WORK/h0.otb" --passphrase-file "$WORK/pass" \
    --before-admission > /dev/null
"$ONETEAM" $OTHER bundle import "$WORK/h0.otb" "$WORK/h1.otb" > /dev/null
ONETEAM_PASSPHRASE_FILE=$WORK/amira
run 0 $OTHER --as amira team root "$(print_of $HUB)"
BASE=0 forge "$WORK/laptop.db" "$WORK/short.otb" \
    "staffnew:1773306000:Eve Stone:eve chose this one" \
    "famnew:1773306001:Amira Khan:Taken family"
run 0 $OTHER bundle import "$WORK/short.otb"
check "a shorter history takes over nothing" test \
    "$(family "$WORK/other.db")|$(staff "$WORK/other.db")" = \
    "Khan family open|Amira Khan, Jo Price"

finish
