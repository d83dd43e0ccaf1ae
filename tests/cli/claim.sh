#!/bin/sh
# Golden test: a site's id is bound to the key its admission names. A
# clinic is admitted at the office; before the school has seen the
# clinic's key, the laptop's holder sends the school a bundle that claims
# the clinic's id with a chain signed by the laptop's key (tests/cli/
# claim): an administrator made by no one, who then makes the laptop's
# practitioner an administrator and sets the administrator's passphrase.
# The school applies none of it; when the clinic's own changes come, with
# the key its admission names, the school drops what was made in its name
# and takes them, and the office takes the school's bundles as before.
# And a site that comes with a first member of its own (init --name, an
# administrator there) brings no one when it is admitted: staff made by
# no one are taken only from the team's root.
. "${srcdir:-.}/tests/cli/lib.sh"
: "${CLAIM:?set CLAIM to the claim test helper (tests/cli/claim)}"
setup

for s in laptop school clinic second third fourth; do
	printf '[site]\nname = %s\nlocality = Riverside\n' "$s" \
	    > "$WORK/$s.ini"
done
LAPTOP="--db $WORK/laptop.db --config $WORK/laptop.ini"
SCHOOL="--db $WORK/school.db --config $WORK/school.ini"
CLINIC="--db $WORK/clinic.db --config $WORK/clinic.ini"
SECOND="--db $WORK/second.db --config $WORK/second.ini"
THIRD="--db $WORK/third.db --config $WORK/third.ini"
FOURTH="--db $WORK/fourth.db --config $WORK/fourth.ini"
printf 'a long team passphrase\n' > "$WORK/pass"
printf 'amira has a long one\n' > "$WORK/amira"
printf 'tom has a long one too\n' > "$WORK/tom"

# staff DB: who is there, and who is an administrator.
staff() {
	sqlite3 "$1" "SELECT name, admin FROM staff ORDER BY name"
}
passhash() {
	sqlite3 "$1" "SELECT passhash FROM staff WHERE name = 'Amira Khan'"
}

ONETEAM_PASSPHRASE_FILE=$WORK/amira
export ONETEAM_PASSPHRASE_FILE
ot init --name "Amira Khan" --role "locality coordinator" \
    --agency "early help" --coordinator --passphrase-file "$WORK/amira" \
    > /dev/null
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/tom" > /dev/null
ot team create --kdf interactive --passphrase-file "$WORK/pass" > /dev/null
ot bundle export --full -o "$WORK/a1.otb" > /dev/null
for s in LAPTOP SCHOOL; do
	eval "site=\$$s"
	"$ONETEAM" $site init > /dev/null
	"$ONETEAM" $site team join "$WORK/a1.otb" \
	    --passphrase-file "$WORK/pass" > /dev/null
	"$ONETEAM" $site bundle import "$WORK/a1.otb" > /dev/null
	"$ONETEAM" $site bundle export --for test-site -o "$WORK/$s.otb" \
	    > /dev/null
	ot bundle import "$WORK/$s.otb" > /dev/null
done
run 0 --as amira team admit "$(print_of $LAPTOP)" --name laptop
run 0 --as amira team admit "$(print_of $SCHOOL)" --name school
ot bundle export --full -o "$WORK/a2.otb" > /dev/null
"$ONETEAM" $LAPTOP bundle import "$WORK/a2.otb" > /dev/null
"$ONETEAM" $SCHOOL bundle import "$WORK/a2.otb" > /dev/null

# The clinic joins and is admitted; the laptop hears of it first.
ONETEAM_NOW=2026-03-12T10:00:00Z
"$ONETEAM" $CLINIC init > /dev/null
"$ONETEAM" $CLINIC team join "$WORK/a2.otb" --passphrase-file "$WORK/pass" \
    > /dev/null
"$ONETEAM" $CLINIC bundle import "$WORK/a2.otb" > /dev/null
"$ONETEAM" $CLINIC bundle export --for test-site -o "$WORK/c1.otb" > /dev/null
ot bundle import "$WORK/c1.otb" > /dev/null
run 0 --as amira team admit "$(print_of $CLINIC)" --name clinic
ot bundle export --full -o "$WORK/a3.otb" > /dev/null
"$ONETEAM" $LAPTOP bundle import "$WORK/a3.otb" > /dev/null

# The laptop's holder claims the clinic's id at the school.
before=$(passhash "$WORK/school.db")
ONETEAM_CONFIG=$WORK/laptop.ini "$CLAIM" "$WORK/laptop.db" clinic \
    "$WORK/claim.otb" || echo "Bail out! claim"
run 0 $SCHOOL bundle import "$WORK/claim.otb"
check "no one is made, and no one an administrator" test "$(staff \
    "$WORK/school.db")" = "$(printf 'Amira Khan|1\nTom Brennan|0')"
check "the administrator's passphrase is as it was" \
    test "$before" = "$(passhash "$WORK/school.db")"
run 0 $SCHOOL peers
# Until then the school relays the claim: the office, which knows the
# clinic's key, leaves that part out and takes the rest.
run 0 $SCHOOL bundle export --for test-site -o "$WORK/s1.otb"
run 0 bundle import "$WORK/s1.otb"
# The clinic's own changes come, with its key: the school puts it right.
run 0 $CLINIC bundle import "$WORK/a3.otb"
run 0 $CLINIC bundle export --for school -o "$WORK/c2.otb"
run 0 $SCHOOL bundle import "$WORK/c2.otb"
check "what was made in the clinic's name is gone" test "$(sqlite3 \
    "$WORK/school.db" "SELECT count(*) FROM staff WHERE name LIKE 'Eve%'")" = 0
run 0 $SCHOOL check
run 0 $SCHOOL bundle export --for test-site -o "$WORK/s2.otb"
run 0 bundle import "$WORK/s2.otb"
run 0 check

# The laptop's holder makes the newest family again under its id (closed,
# led by himself, dated in 1970): the office keeps the making its id
# names, refuses the other, and takes the laptop's and the school's
# bundles as before.
ot --as amira family add "Okafor family" --level 2 > /dev/null
ot bundle export --full -o "$WORK/a4.otb" > /dev/null
"$ONETEAM" $LAPTOP bundle import "$WORK/a4.otb" > /dev/null
ONETEAM_CONFIG=$WORK/laptop.ini "$CLAIM" "$WORK/laptop.db" laptop \
    "$WORK/remake.otb" remake || echo "Bail out! claim remake"
run 0 $SCHOOL bundle import "$WORK/remake.otb"
run 0 $SCHOOL bundle import "$WORK/a4.otb"
check "the school keeps the family as the office made it" test "$(sqlite3 \
    "$WORK/school.db" "SELECT household || ' ' || status FROM family WHERE
    household LIKE 'Okafor%' OR household LIKE 'Taken%'")" = "Okafor family open"
run 0 bundle import "$WORK/remake.otb"
run 0 check
# Where the forged making comes first, it is refused all the same: a
# change of a chain makes only the id its place gives.
CLAIM_ALONE=1 ONETEAM_CONFIG=$WORK/laptop.ini "$CLAIM" "$WORK/laptop.db" \
    laptop "$WORK/alone.otb" remake || echo "Bail out! claim alone"
"$ONETEAM" $THIRD init > /dev/null
"$ONETEAM" $THIRD team join "$WORK/a3.otb" --passphrase-file "$WORK/pass" \
    > /dev/null
"$ONETEAM" $THIRD bundle import "$WORK/a3.otb" "$WORK/LAPTOP.otb" > /dev/null
run 0 $THIRD bundle import "$WORK/alone.otb"
check "the forged making, alone, is refused" test "$(sqlite3 \
    "$WORK/third.db" "SELECT count(*) FROM family WHERE household LIKE \
    'Taken%'")" = 0
run 0 $THIRD bundle import "$WORK/a4.otb"
check "then the true one comes, and the family is as it made it" \
    test "$(sqlite3 "$WORK/third.db" "SELECT household || ' ' || status
    FROM family WHERE household LIKE 'Okafor%' OR household LIKE
    'Taken%'")" = "Okafor family open"

# And Amira's own record made again by the practitioner, dated in 1970,
# at the clinic: she stays, and so does all she did.
CLAIM_ALONE=1 ONETEAM_CONFIG=$WORK/laptop.ini "$CLAIM" "$WORK/laptop.db" \
    laptop "$WORK/restaff.otb" restaff || echo "Bail out! claim restaff"
run 0 $CLINIC bundle import "$WORK/restaff.otb"
check "Amira is still the administrator, Tom still not" test "$(staff \
    "$WORK/clinic.db")" = "$(printf 'Amira Khan|1\nTom Brennan|0')"
run 0 $CLINIC --as amira staff list

# A second laptop made with a first member of its own, an administrator
# there, is admitted: its member is not taken, here or anywhere.
"$ONETEAM" $SECOND init --name "Mallory Stone" --role "early help worker" \
    --agency "early help" > /dev/null
"$ONETEAM" $SECOND team join "$WORK/a3.otb" --passphrase-file "$WORK/pass" \
    > /dev/null
"$ONETEAM" $SECOND bundle import "$WORK/a3.otb" > /dev/null
"$ONETEAM" $SECOND bundle export --for test-site -o "$WORK/m1.otb" > /dev/null
run 0 bundle import "$WORK/m1.otb"
run 0 --as amira team admit "$(print_of $SECOND)" --name second
check "the second laptop's own member is not taken" test "$(staff "$DB")" = \
    "$(printf 'Amira Khan|1\nTom Brennan|0')"
run 0 check

# A site that joins is claimed at the office before its own bundles come
# (the second laptop's holder saw its first bundle first): the office refuses the
# site's own bundle, and says how to admit it from that bundle, which
# puts its key right; what was made in its name goes.
"$ONETEAM" $FOURTH init > /dev/null
"$ONETEAM" $FOURTH team join "$WORK/a3.otb" --passphrase-file "$WORK/pass" \
    > /dev/null
"$ONETEAM" $FOURTH bundle import "$WORK/a3.otb" > /dev/null
"$ONETEAM" $FOURTH bundle export --for test-site -o "$WORK/f1.otb" > /dev/null
"$ONETEAM" $SECOND bundle import "$WORK/f1.otb" > /dev/null
ONETEAM_CONFIG=$WORK/second.ini "$CLAIM" "$WORK/second.db" fourth \
    "$WORK/lock.otb" || echo "Bail out! claim fourth"
run 0 bundle import "$WORK/lock.otb"
run 1 bundle import "$WORK/f1.otb"
run 1 --as amira team admit "$(print_of $SECOND)" --name fourth \
    --from "$WORK/f1.otb"
run 0 --as amira team admit "$(print_of $FOURTH)" --name fourth \
    --from "$WORK/f1.otb"
run 0 bundle import "$WORK/f1.otb"
check "no one is made at the office in the fourth's name" test "$(staff \
    "$DB")" = "$(printf 'Amira Khan|1\nTom Brennan|0')"
run 0 peers
run 0 check

finish
