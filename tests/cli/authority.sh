#!/bin/sh
# Golden test: resolving a conflict is setting a field, under the rule of
# the command that sets it (authority.c). Two sites change a colleague's
# passphrase, a family's lead and its postcode while apart; a
# practitioner can neither see nor choose a passphrase's hash, nor keep
# a lead a coordinator decides; a merged value is checked as the field
# is; setting a new passphrase ends a passphrase's conflict.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

cat > "$WORK/laptop.ini" <<INI
[site]
name = library-laptop
locality = Riverside
INI
LAPTOP="--db $WORK/laptop.db --config $WORK/laptop.ini"
printf 'a long team passphrase\n' > "$WORK/pass"
printf 'eve at the office\n' > "$WORK/eve1"
printf 'eve at the library\n' > "$WORK/eve2"
printf 'eve anew, after\n' > "$WORK/eve3"

printf 'amira keeps a long one\n' > "$WORK/amira"
ONETEAM_PASSPHRASE_FILE=$WORK/amira
export ONETEAM_PASSPHRASE_FILE
ot init --name "Amira Khan" --role "locality coordinator" \
    --agency "early help" --coordinator --passphrase-file "$WORK/amira" \
    > /dev/null
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
ot --as amira staff add "Eve North" --role "school nurse" \
    --agency "school nursing" > /dev/null
F=$(ot --as amira --format tsv family add "Khan family" --level 2 \
    --postcode "AB1 2CD")
ot team create --kdf interactive --passphrase-file "$WORK/pass" > /dev/null
ot bundle export --full -o "$WORK/a.otb" > /dev/null
"$ONETEAM" $LAPTOP init > /dev/null
"$ONETEAM" $LAPTOP team join "$WORK/a.otb" --passphrase-file "$WORK/pass" \
    > /dev/null
"$ONETEAM" $LAPTOP bundle import "$WORK/a.otb" > /dev/null
# The laptop admitted, by its fingerprint, from its first bundle.
"$ONETEAM" $LAPTOP bundle export --for test-site -o "$WORK/l0.otb" \
    > /dev/null
ot bundle import "$WORK/l0.otb" > /dev/null
ot --as amira team admit "$(print_of $LAPTOP)" --name library-laptop \
    > /dev/null

# While apart: Eve's passphrase, the lead and the postcode, at each site.
run 0 --as amira staff passwd eve --passphrase-file "$WORK/eve1"
run 0 --as amira family set "$F" --lead amira
run 0 --as amira family set "$F" --postcode "AB1 9ZZ"
run 0 --as amira family set "$F" --address "1 Mill Lane"
ONETEAM_NOW=2026-03-12T10:00:00Z
run 0 $LAPTOP --as amira staff passwd eve --passphrase-file "$WORK/eve2"
run 0 $LAPTOP --as amira family set "$F" --lead tom
run 0 $LAPTOP --as amira family set "$F" --postcode "EF3 4GH"
run 0 $LAPTOP --as amira family set "$F" --address "1 Mill Lane, Flat 2"
"$ONETEAM" $LAPTOP bundle export --for test-site -o "$WORK/b.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:30:00Z
run 0 bundle import "$WORK/b.otb"

# No hash is shown, to anyone; none is chosen, nor typed in.
run 0 --as amira conflicts list
check "no passphrase's hash is shown" sh -c \
    "! '$ONETEAM' --db '$DB' --as amira --format tsv conflicts list |
    grep -q argon2"
E=$(ot --as amira --format tsv staff list | awk -F '\t' \
    '$2 == "Eve North" { print $1 }')
before=$(db_hash)
run 1 --as tom conflicts resolve "$E" passhash --take 1
run 1 --as tom conflicts resolve "$E" passhash \
    --value '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA'
run 1 --as amira conflicts resolve "$E" passhash --take 2
# The lead is a coordinator's to decide, in the queue as in family set.
run 1 --as tom conflicts resolve "$F" lead --take 1
# A merged postcode is not words: one of the values is kept.
run 1 --as amira conflicts resolve "$F" postcode --value "banana"
# A merged text is written, not blank: keeping one says what is meant.
run 1 --as tom conflicts resolve "$F" address --value "  "
check "nothing refused changed the database" test "$before" = "$(db_hash)"
run 0 --as tom conflicts resolve "$F" address --value "Flat 2, 1 Mill Lane"

run 0 --as amira conflicts resolve "$F" lead --take 2
run 0 --as amira conflicts resolve "$F" postcode --take 1
# A new passphrase, set as ever, ends the passphrase's conflict.
run 0 --as amira staff passwd eve --passphrase-file "$WORK/eve3"
run 0 --as amira conflicts list
run 0 --as amira family show "$F"
finish
