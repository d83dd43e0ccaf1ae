#!/bin/sh
# Golden test: who made a change only some may make is proven by their
# own key, which their passphrase gives them (signin.h), not only by the
# site it came from. Amira, the coordinator, works at the office and at
# the laptop, signed in by passphrase or by a session: her changes are
# signed by her and taken everywhere. When she has set a new passphrase
# at the office, a change she makes at the laptop with the old one,
# later by the clock, is refused at both, alike. The laptop's holder, a
# practitioner with the team key and the laptop's key file, sets her
# passphrase in her name, unsigned and signed with a key of his own
# making, and makes himself an administrator in her name, dated before
# she had a passphrase, when she had no key (tests/cli/forge): every site
# keeps the change, applies nothing, and lists it.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

for s in laptop school clinic; do
	printf '[site]\nname = %s\nlocality = Riverside\n' "$s" \
	    > "$WORK/$s.ini"
done
LAPTOP="--db $WORK/laptop.db --config $WORK/laptop.ini"
SCHOOL="--db $WORK/school.db --config $WORK/school.ini"
CLINIC="--db $WORK/clinic.db --config $WORK/clinic.ini"
printf 'a long team passphrase\n' > "$WORK/pass"
printf 'amira has a long one\n' > "$WORK/amira"
printf 'amira has a new one now\n' > "$WORK/amira-new"
printf 'tom has a long one too\n' > "$WORK/tom"

# signed DB: how many changes their authors signed (version 5; 3 before).
signed() {
	sqlite3 "$1" "SELECT count(*) FROM op WHERE unicode(enc) IN (3, 5)"
}
# passhash DB: Amira's passphrase, as the record keeps it.
passhash() {
	sqlite3 "$1" "SELECT passhash FROM staff WHERE name = 'Amira Khan'"
}
# refused DB: the changes refused, and why, in order.
refused() {
	sqlite3 "$1" "SELECT hex(op), why FROM refused ORDER BY op"
}

ONETEAM_PASSPHRASE_FILE=$WORK/amira
export ONETEAM_PASSPHRASE_FILE
ot init --name "Amira Khan" --role "locality coordinator" \
    --agency "early help" --coordinator --passphrase-file "$WORK/amira" \
    > /dev/null
run 0 --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/tom"
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
run 0 team create --kdf interactive --passphrase-file "$WORK/pass"
check "a member she adds, and his passphrase, are signed by her" \
    test "$(signed "$DB")" = 2

# By a session too: its token holds her key, sealed.
eval "$(ot signin amira --passphrase-file "$WORK/amira" 2> /dev/null)"
run 0 staff add "Sam Lee" --role "police officer" --agency police
unset ONETEAM_SESSION
check "by a session, signed by her" test "$(signed "$DB")" = 3
ot bundle export --full -o "$WORK/a1.otb" > /dev/null

# The laptop joins and is admitted; Amira steps the family up there.
"$ONETEAM" $LAPTOP init > /dev/null
run 0 $LAPTOP team join "$WORK/a1.otb" --passphrase-file "$WORK/pass"
run 0 $LAPTOP bundle import "$WORK/a1.otb"
ONETEAM_NOW=2026-03-12T10:00:00Z
run 0 $LAPTOP --as amira family set "$F" --level 3 \
    --reason "Dad's drinking is worse."
run 0 $LAPTOP bundle export --for test-site -o "$WORK/l1.otb"
run 0 bundle import "$WORK/l1.otb"
run 0 --as amira team admit "$(print_of $LAPTOP)" --name laptop
run 0 --as amira family show "$F"
check "her change at the laptop is taken at the office" test -z \
    "$(refused "$DB")"

# A new passphrase at the office; the laptop, apart, does not know it,
# and Amira, later by the clock, changes the lead there with the old one.
ONETEAM_NOW=2026-03-12T11:00:00Z
run 0 --as amira staff passwd amira --passphrase-file "$WORK/amira-new"
ot bundle export --full -o "$WORK/a2.otb" > /dev/null
ONETEAM_NOW=2026-03-12T12:00:00Z
run 0 $LAPTOP --as amira family set "$F" --lead tom
run 0 $LAPTOP bundle export --for test-site -o "$WORK/l2.otb"
run 0 bundle import "$WORK/l2.otb"
run 0 $LAPTOP bundle import "$WORK/a2.otb"
ONETEAM_PASSPHRASE_FILE=$WORK/amira-new
run 0 --as amira family show "$F"
run 0 $LAPTOP --as amira family show "$F"
check "both refuse it, alike" test "$(refused "$DB")" = \
    "$(refused "$WORK/laptop.db")"
check "and one change is refused" test "$(refused "$DB" | wc -l)" = 1
run 0 check

# The laptop's holder sets her passphrase in her name, unsigned: the
# office, holding the laptop's every change, keeps it, applies nothing,
# and lists it.
run 0 $LAPTOP bundle export --for test-site -o "$WORK/l3.otb"
run 0 bundle import "$WORK/l3.otb"
ot bundle export --full -o "$WORK/a3.otb" > /dev/null
before=$(passhash "$DB")
ONETEAM_CONFIG=$WORK/laptop.ini \
    "$FORGE" "$WORK/laptop.db" laptop "$WORK/in-name.otb" in-name ||
    echo "Bail out! forge in-name"
run 0 bundle import "$WORK/in-name.otb"
check "(in her name) her passphrase is as it was" \
    test "$before" = "$(passhash "$DB")"
run 0 check
# Signed with a key of his own making: a school refuses it the same.
"$ONETEAM" $SCHOOL init > /dev/null
run 0 $SCHOOL team join "$WORK/a3.otb" --passphrase-file "$WORK/pass"
run 0 $SCHOOL bundle import "$WORK/a3.otb"
ONETEAM_CONFIG=$WORK/laptop.ini \
    "$FORGE" "$WORK/laptop.db" laptop "$WORK/wrong-key.otb" wrong-key ||
    echo "Bail out! forge wrong-key"
run 0 $SCHOOL bundle import "$WORK/wrong-key.otb"
check "(another key) her passphrase is as it was" \
    test "$before" = "$(passhash "$WORK/school.db")"
run 0 $SCHOOL check
# Dated before her passphrase, when she had no key: a site's work is
# judged no earlier than its admission, and a clinic refuses it too.
"$ONETEAM" $CLINIC init > /dev/null
run 0 $CLINIC team join "$WORK/a3.otb" --passphrase-file "$WORK/pass"
run 0 $CLINIC bundle import "$WORK/a3.otb"
ONETEAM_CONFIG=$WORK/laptop.ini \
    "$FORGE" "$WORK/laptop.db" laptop "$WORK/backdated.otb" backdated ||
    echo "Bail out! forge backdated"
run 0 $CLINIC bundle import "$WORK/backdated.otb"
check "(dated before her key) Tom is no administrator" test "$(sqlite3 \
    "$WORK/clinic.db" "SELECT admin FROM staff WHERE name = 'Tom Brennan'")" = 0
run 0 $CLINIC check

finish
