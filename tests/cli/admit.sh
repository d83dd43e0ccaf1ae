#!/bin/sh
# Golden test: a team made now has a root, the site that made it, and
# admits every other site by its key's fingerprint, read out at that site
# (team admit, an administrator's). Until then a site's changes are held,
# everywhere alike: kept, relayed, not applied, and peers says so. A
# practitioner cannot admit, by the command nor by a forged change. A lost
# laptop is revoked (team revoke): its later changes, and a copy's, are
# refused at every site and listed by check.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

for s in laptop school rogue clinic; do
	printf '[site]\nname = %s\nlocality = Riverside\n' "$s" \
	    > "$WORK/$s.ini"
done
LAPTOP="--db $WORK/laptop.db --config $WORK/laptop.ini"
SCHOOL="--db $WORK/school.db --config $WORK/school.ini"
ROGUE="--db $WORK/rogue.db --config $WORK/rogue.ini"
CLINIC="--db $WORK/clinic.db --config $WORK/clinic.ini"
printf 'a long team passphrase\n' > "$WORK/pass"

# state DB: every change held and every change refused, in order.
state() {
	sqlite3 "$1" "SELECT hex(id) FROM op ORDER BY id; SELECT hex(op),
	    gate FROM refused ORDER BY op" | sha256sum
}

ot init --name "Amira Khan" --role "locality coordinator" \
    --agency "early help" --coordinator > /dev/null
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
run 0 team create --kdf interactive --passphrase-file "$WORK/pass"
ot bundle export --full -o "$WORK/a1.otb" > /dev/null

# The laptop joins and works while apart.
"$ONETEAM" $LAPTOP init > /dev/null
run 0 $LAPTOP team join "$WORK/a1.otb" --passphrase-file "$WORK/pass"
run 0 $LAPTOP bundle import "$WORK/a1.otb"
run 0 $LAPTOP peers
run 0 $LAPTOP --as tom contact add "$F" --kind home_visit \
    --summary "Met at the library."
run 0 $LAPTOP bundle export --for test-site -o "$WORK/l1.otb"

# At the office its changes are held until it is admitted.
run 0 bundle import "$WORK/l1.otb"
run 0 peers
run 0 --as amira chronology "$F"
before=$(state "$DB")
run 1 --as tom team admit "$(print_of $LAPTOP)" --name laptop
run 1 --as amira team admit "AAAA BBBB CCCC DDDD EEEE FFFF" --name laptop
run 1 --as amira team admit "$(print_of --db "$DB")" --name laptop
run 1 --as amira team admit "$(print_of $LAPTOP)" --name test-site
run 1 --as amira team admit "$(print_of $LAPTOP)x" --name laptop
check "a refused admission writes nothing" test "$before" = "$(state "$DB")"
run 0 --as amira team admit "$(print_of $LAPTOP)" --name laptop
run 0 peers
run 0 --as amira chronology "$F"
run 0 check
ot bundle export --full -o "$WORK/a2.otb" > /dev/null

# A school joins with the first bundle: the laptop's changes come before
# the admission does, are held, and are taken when it comes.
"$ONETEAM" $SCHOOL init > /dev/null
run 0 $SCHOOL team join "$WORK/a1.otb" --passphrase-file "$WORK/pass"
run 0 $SCHOOL bundle import "$WORK/a1.otb" "$WORK/l1.otb"
run 0 $SCHOOL --as amira chronology "$F"
run 0 $SCHOOL bundle import "$WORK/a2.otb"
run 0 $SCHOOL --as amira chronology "$F"
run 0 $SCHOOL check

# A rogue site joined with the passphrase and was never admitted: its
# first member, an administrator by init, is held with the rest.
run 0 $ROGUE init --name "Mallory Stone" --role "early help worker" \
    --agency "early help"
run 0 $ROGUE team join "$WORK/a2.otb" --passphrase-file "$WORK/pass"
run 0 $ROGUE bundle import "$WORK/a2.otb"
run 0 $ROGUE bundle export --for test-site -o "$WORK/r1.otb"
run 0 bundle import "$WORK/r1.otb"
run 0 --as amira staff list
# The school is admitted too, and a practitioner there, holding the team
# key, forges the rogue's admission: the office keeps the change, applies
# nothing, and lists it.
run 0 $SCHOOL bundle import "$WORK/r1.otb"
"$ONETEAM" $SCHOOL bundle export --for test-site -o "$WORK/s1.otb" \
    > /dev/null
ot bundle import "$WORK/s1.otb" > /dev/null
run 0 --as amira team admit "$(print_of $SCHOOL)" --name school
ONETEAM_CONFIG=$WORK/school.ini \
    "$FORGE" "$WORK/school.db" rogue "$WORK/forged.otb" admission ||
    echo "Bail out! forge admission"
run 0 bundle import "$WORK/forged.otb"
run 0 check
run 0 peers
run 0 --as amira staff list

# The laptop is lost. Revoked at the office, by an administrator: what it
# made before is kept; what the thief makes after, at it or at a copy of
# its database (a new site id, the same key), is refused everywhere.
run 1 --as tom team revoke laptop
run 3 --as amira team revoke nowhere
run 0 --as amira team revoke laptop
run 1 --as amira team revoke laptop
run 0 $LAPTOP --as tom contact add "$F" --kind phone_call \
    --summary "Written by whoever has the laptop now."
run 0 $LAPTOP bundle export --for test-site -o "$WORK/l2.otb"
cp "$WORK/laptop.db" "$WORK/copy.db"
cp "$WORK/laptop.db.key" "$WORK/copy.db.key"
rm -f "$WORK/laptop.db-wal" "$WORK/laptop.db-shm"
COPY="--db $WORK/copy.db --config $WORK/laptop.ini"
"$ONETEAM" $COPY --as tom contact add "$F" --kind phone_call \
    --summary "Written at a copy of the laptop." > /dev/null 2>&1
run 0 $COPY bundle export --for test-site -o "$WORK/c1.otb"
run 0 bundle import "$WORK/l2.otb" "$WORK/c1.otb"
run 0 check
run 0 peers
run 0 --as amira chronology "$F"
# A clinic joining now takes the thief's bundle before the office's: the
# laptop's changes held, then its first taken and its later refused.
ot bundle export --full -o "$WORK/a3.otb" > /dev/null
"$ONETEAM" $CLINIC init > /dev/null
"$ONETEAM" $CLINIC team join "$WORK/a1.otb" --passphrase-file "$WORK/pass" \
    > /dev/null
run 0 $CLINIC bundle import "$WORK/a1.otb" "$WORK/l2.otb"
run 0 $CLINIC --as amira chronology "$F"
run 0 $CLINIC bundle import "$WORK/a3.otb"
run 0 $CLINIC --as amira chronology "$F"
run 0 $CLINIC check
finish
