#!/bin/sh
# Golden test: a team made by the release before (two databases and their
# key files) takes a root. Until then every site is taken, a key holder's
# own site too; an administrator makes the hub the team's root (once she
# has a passphrase, so a key, to sign it with), and every site the hub
# holds changes of is admitted as it was: what each made stands. Each
# other site takes the hub for root by its fingerprint, as it would admit
# a site. A site that joins after is held until admitted. The school's
# administrator made the school a root too, apart: the school takes the
# hub's instead, and all agree.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

site_inis newcomer
release_before
printf 'amira has a long one now\n' > "$WORK/amira"
printf 'jo has a long one too\n' > "$WORK/jo"
NEWCOMER="--db $WORK/newcomer.db --config $WORK/newcomer.ini"
ONETEAM_NOW=2026-03-12T11:00:00Z
export ONETEAM_NOW

# records DB: the families and staff as a database holds them.
records() {
	sqlite3 "$1" "SELECT household, status, level FROM family ORDER BY 1;
	    SELECT name, admin, coordinator, active FROM staff ORDER BY 1"
}
# root DB: the site a database takes for the team's root.
root() {
	sqlite3 "$1" "SELECT hex(root) FROM team"
}

# The upgrade, and a school that joins before any root, as sites of such
# a team do: every site takes every other's changes.
"$ONETEAM" $HUB bundle export --full -o "$WORK/h1.otb" > /dev/null
"$ONETEAM" $LAPTOP bundle import "$WORK/h1.otb" > /dev/null
"$ONETEAM" $LAPTOP bundle export --full -o "$WORK/l1.otb" > /dev/null
"$ONETEAM" $HUB bundle import "$WORK/l1.otb" > /dev/null
ONETEAM_PASSPHRASE_FILE=$WORK/jo "$ONETEAM" $SCHOOL init --name "Jo Price" \
    --role "school nurse" --agency "school nursing" \
    --passphrase-file "$WORK/jo" > /dev/null
"$ONETEAM" $SCHOOL team join "$WORK/h1.otb" --passphrase-file "$WORK/pass" \
    --before-admission > /dev/null
"$ONETEAM" $SCHOOL bundle import "$WORK/h1.otb" "$WORK/l1.otb" > /dev/null
"$ONETEAM" $SCHOOL bundle export --full -o "$WORK/s1.otb" > /dev/null
run 0 $HUB bundle import "$WORK/s1.otb"
run 0 $HUB peers

# Only an administrator makes the root, and only with a key.
run 1 $HUB --as tom team root
run 1 $HUB --as amira team root
run 0 $HUB --as amira staff passwd "Amira Khan" --passphrase-file "$WORK/amira"
ONETEAM_PASSPHRASE_FILE=$WORK/amira
export ONETEAM_PASSPHRASE_FILE
before=$(records "$WORK/hub.db")
run 0 $HUB --as amira team root
check "the hub's records are as they were" \
    test "$before" = "$(records "$WORK/hub.db")"
run 1 $HUB --as amira team root
run 0 $HUB peers
run 0 $HUB check

# The school's administrator, who has not heard of it, makes the school
# a root too.
ONETEAM_NOW=2026-03-12T11:20:00Z ONETEAM_PASSPHRASE_FILE=$WORK/jo \
    "$ONETEAM" $SCHOOL --as jo team root > /dev/null ||
    echo "Bail out! the school's root"
"$ONETEAM" $SCHOOL bundle export --full -o "$WORK/s2.otb" > /dev/null

# A site that joins now is held until it is admitted.
"$ONETEAM" $HUB bundle export --full -o "$WORK/h1b.otb" > /dev/null
"$ONETEAM" $NEWCOMER init > /dev/null
"$ONETEAM" $NEWCOMER team join "$WORK/h1b.otb" --passphrase-file \
    "$WORK/pass" --before-admission > /dev/null
"$ONETEAM" $NEWCOMER bundle import "$WORK/h1b.otb" > /dev/null
run 0 $NEWCOMER --as tom contact add F-2FBHQ --kind phone_call \
    --summary "Rang from the newcomer."
"$ONETEAM" $NEWCOMER bundle export --full -o "$WORK/n1.otb" > /dev/null
run 0 $HUB bundle import "$WORK/n1.otb"

# Every site takes the hub for root, by its fingerprint, as an
# administrator who signs (Tom has no passphrase: anyone at the laptop
# could act as him); the school, made root apart, too. Amira has set a
# new passphrase since she made the root: it stands, signed with her key
# of then.
run 0 $HUB bundle import "$WORK/s2.otb"
printf 'amira has another one now\n' > "$WORK/amira2"
run 0 $HUB --as amira staff passwd "Amira Khan" --passphrase-file \
    "$WORK/amira2"
ONETEAM_PASSPHRASE_FILE=$WORK/amira2
"$ONETEAM" $HUB bundle export --full -o "$WORK/h2.otb" > /dev/null
run 0 $LAPTOP bundle import "$WORK/h2.otb"
run 0 $SCHOOL bundle import "$WORK/h2.otb"
run 0 $LAPTOP peers
run 0 $SCHOOL peers
run 1 $LAPTOP --as tom team root "$(print_of $HUB)"
run 1 $LAPTOP --as amira team root "$(print_of $LAPTOP)"
run 1 $LAPTOP --as amira team root "$(print_of $NEWCOMER)"
run 0 $LAPTOP --as amira team root "$(print_of $HUB)"
run 1 $LAPTOP --as amira team root "$(print_of $HUB)"
ONETEAM_PASSPHRASE_FILE=$WORK/jo
run 0 $SCHOOL --as jo team root "$(print_of $HUB)"
for s in laptop school; do
	check "the $s holds the hub's records" \
	    test "$(records "$WORK/hub.db")" = "$(records "$WORK/$s.db")"
	check "the $s takes the hub for root" \
	    test "$(root "$WORK/hub.db")" = "$(root "$WORK/$s.db")"
done
run 0 $SCHOOL peers
run 0 $SCHOOL check
"$ONETEAM" $SCHOOL bundle export --full -o "$WORK/s3.otb" > /dev/null
run 0 $LAPTOP bundle import "$WORK/s3.otb"
run 0 $LAPTOP peers
run 0 $LAPTOP check
check "the newcomer's contact is held" test "$(sqlite3 "$WORK/hub.db" \
    "SELECT count(*) FROM contact WHERE summary LIKE 'Rang%'")" = 0
ONETEAM_PASSPHRASE_FILE=$WORK/amira2
run 0 $HUB --as amira team admit "$(print_of $NEWCOMER)" --name newcomer
check "and taken once admitted" test "$(sqlite3 "$WORK/hub.db" \
    "SELECT count(*) FROM contact WHERE summary LIKE 'Rang%'")" = 1

finish
