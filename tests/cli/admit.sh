#!/bin/sh
# Golden test: a team made now has a root, the site that made it, and
# admits every other site by its key's fingerprint, read out at that site
# (team admit, an administrator's). Until then a site's changes are held,
# everywhere alike: kept, relayed, not applied, and peers says so. A
# practitioner cannot admit, by the command nor by a forged change. A lost
# laptop is revoked (team revoke): its later changes, and a copy's, are
# refused at every site and listed by check; and a new team key (team
# rekey) shuts its key file out of the bundles made since. The office,
# put back from a backup under a new id, is still the root.
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

printf 'amira keeps a long one\n' > "$WORK/amira"
ONETEAM_PASSPHRASE_FILE=$WORK/amira
export ONETEAM_PASSPHRASE_FILE
ot init --name "Amira Khan" --role "locality coordinator" \
    --agency "early help" --coordinator --passphrase-file "$WORK/amira" \
    > /dev/null
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
ot --as amira staff add "Cara Mills" --role "early help worker" \
    --agency "early help" --coordinator > /dev/null
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
# Amira, at the laptop, adds Dev, a coordinator, who makes himself the
# family's lead there: before the laptop's admission, both; judged where
# it is admitted, the second stands on the first. She sets Cara's
# passphrase there too, to one the laptop's holder knows.
run 0 $LAPTOP --as amira staff add "Dev Shah" --role "early help worker" \
    --agency "early help" --coordinator
run 0 $LAPTOP --as dev family set "$F" --lead dev
printf 'the laptop holder knows this\n' > "$WORK/evil"
printf 'cara set this one at the office\n' > "$WORK/cara"
run 0 $LAPTOP --as amira staff passwd "Cara Mills" --passphrase-file \
    "$WORK/evil"
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
# Told it is known, Amira sets Cara's passphrase again at the office,
# before she admits the laptop: what the laptop's holder signs as Cara
# after is refused; what Cara signs at the office is taken.
run 0 --as amira staff passwd "Cara Mills" --passphrase-file "$WORK/cara"
run 0 --as amira team admit "$(print_of $LAPTOP)" --name laptop
run 0 peers
run 0 --as amira chronology "$F"
check "Dev leads the family, made at the laptop first" test \
    "$(sqlite3 "$DB" "SELECT s.name FROM family f JOIN staff s ON s.id =
    f.lead")" = "Dev Shah"
ONETEAM_PASSPHRASE_FILE=$WORK/evil
run 0 $LAPTOP --as cara family set "$F" --level 4 --reason "Worse"
"$ONETEAM" $LAPTOP bundle export --for test-site -o "$WORK/l1b.otb" \
    > /dev/null
run 0 bundle import "$WORK/l1b.otb"
ONETEAM_PASSPHRASE_FILE=$WORK/cara
ONETEAM_NOW=2026-03-12T09:40:00Z
run 0 --as cara family set "$F" --level 3 --reason "Better"
ONETEAM_NOW=2026-03-12T09:30:00Z
ONETEAM_PASSPHRASE_FILE=$WORK/amira
check "the level is Cara's at the office, not the laptop holder's" test \
    "$(sqlite3 "$DB" "SELECT level FROM family")" = 3
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

# The laptop is lost. Revoked at the office, the site that made the team
# (one site revokes, so two cannot revoke each other), by an
# administrator: what it
# made before is kept; what the thief makes after, at it or at a copy of
# its database (a new site id, the same key), is refused everywhere.
run 1 --as tom team revoke laptop
run 3 --as amira team revoke nowhere
run 1 $SCHOOL --as amira team revoke laptop
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

# The laptop's key file also reads bundles: an administrator makes a new
# team key from a new passphrase. The clinic takes it with the new
# passphrase and a bundle of the office's; the thief's bundles, sealed
# with the old key, are refused, and the office is as it was.
printf 'a new passphrase, told in person\n' > "$WORK/pass2"
run 1 --as tom team rekey --kdf interactive --passphrase-file "$WORK/pass2"
printf 'short\n' > "$WORK/short"
run 1 --as amira team rekey --kdf interactive --passphrase-file "$WORK/short"
run 0 --as amira team rekey --kdf interactive --passphrase-file "$WORK/pass2"
ot bundle export --full -o "$WORK/a4.otb" > /dev/null
run 1 $CLINIC bundle import "$WORK/a4.otb"
run 1 $CLINIC team join "$WORK/a4.otb" --passphrase-file "$WORK/pass"
run 0 $CLINIC team join "$WORK/a4.otb" --passphrase-file "$WORK/pass2"
run 1 $CLINIC team join "$WORK/a4.otb" --passphrase-file "$WORK/pass2"
run 0 $CLINIC bundle import "$WORK/a4.otb"
# The old key is never taken back, whoever has its passphrase.
run 1 $CLINIC team join "$WORK/a1.otb" --passphrase-file "$WORK/pass"
"$ONETEAM" $COPY --as tom contact add "$F" --kind phone_call \
    --summary "Written at the copy, after the new key." > /dev/null 2>&1
run 0 $COPY bundle export --for test-site -o "$WORK/c2.otb"
before=$(state "$DB")
run 1 bundle import "$WORK/c2.otb"
check "the old key's bundle leaves the office as it was" \
    test "$before" = "$(state "$DB")"

# The office's database put back from a backup in another file takes a
# new site id, and keeps its key: it is still the team's root, whose
# changes every site takes; it cannot be revoked.
sqlite3 "$DB" ".backup '$WORK/office2.db'"
cp "$DB.key" "$WORK/office2.db.key"
OFFICE2="--db $WORK/office2.db"
"$ONETEAM" $OFFICE2 --as amira contact add "$F" --kind phone_call \
    --summary "Rang from the office put back." > /dev/null 2>&1
run 0 $OFFICE2 bundle export --full -o "$WORK/o2.otb"
run 0 $CLINIC bundle import "$WORK/o2.otb"
run 0 $CLINIC peers
run 0 $CLINIC --as amira chronology "$F"
ROOT=$(ot --format tsv peers | awk -F'\t' '/this site/ { print $1 }')
run 1 $CLINIC --as amira team revoke "$ROOT"

# The clinic is put back from a backup over its own file, with its
# high-water mark (a backup tool that puts back the whole folder, so the
# clinic cannot tell), and makes another change under a number it had
# used: the office refuses the bundle, and keeps both as proof for audit
# verify to report.
sqlite3 "$WORK/clinic.db" ".backup '$WORK/clinic.bak'"
cp "$WORK/clinic.db.mark" "$WORK/clinic.bak.mark"
"$ONETEAM" $CLINIC --as amira contact add "$F" --kind phone_call \
    --summary "Before the backup was put back." > /dev/null
"$ONETEAM" $CLINIC bundle export --for "$ROOT" -o "$WORK/k1.otb" > /dev/null
run 0 bundle import "$WORK/k1.otb"
sqlite3 "$WORK/clinic.db" ".restore '$WORK/clinic.bak'"
cp "$WORK/clinic.bak.mark" "$WORK/clinic.db.mark"
"$ONETEAM" $CLINIC --as amira contact add "$F" --kind phone_call \
    --summary "After the backup was put back." > /dev/null
"$ONETEAM" $CLINIC bundle export --for "$ROOT" -o "$WORK/k2.otb" > /dev/null
# (Where the change comes in that bundle depends on the sites' ids.)
check "the office refuses the second change numbered as the first" sh -c \
    "! '$ONETEAM' --db '$DB' bundle import '$WORK/k2.otb' 2> '$WORK/err' &&
    grep -q 'made two different changes numbered [0-9]' '$WORK/err'"
run 5 --as amira audit verify
# The log folded again in its order comes to the same: admissions,
# revocations and held changes included.
before=$(state "$DB")
run 0 check --repair
run 0 check
check "a repair changes no change held nor refused" \
    test "$before" = "$(state "$DB")"
finish
