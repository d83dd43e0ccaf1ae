#!/bin/sh
# Golden test: who keeps whose account. An administrator keeps every
# account; a coordinator only those of their own locality's members:
# Cara, Riverside's coordinator, sets Tom's passphrase and adds a member
# to Riverside, but does not set Northside's Eve's, disable her, or add
# one to Northside; Nadia, Northside's coordinator, sets Eve's and not
# Tom's. Amira, the administrator, sets anyone's. An administrator's
# account only an administrator keeps: Cara, though of Amira's locality,
# does not set her passphrase, disable or merge her, or make another
# administrator; Amira does each.
. "${srcdir:-.}/tests/cli/lib.sh"
setup
office_amira
for who in cara nadia tom eve pat new; do
	printf '%s has a long passphrase\n' "$who" > "$WORK/$who"
done
run 0 --as amira staff add "Cara Mills" --role "locality coordinator" \
    --agency "early help" --coordinator --passphrase-file "$WORK/cara"
run 0 --as amira staff add "Nadia Osei" --role "locality coordinator" \
    --agency "early help" --locality Northside --coordinator \
    --passphrase-file "$WORK/nadia"
run 0 --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/tom"
run 0 --as amira staff add "Eve North" --role "school nurse" \
    --agency "school nursing" --locality Northside \
    --passphrase-file "$WORK/eve"

ONETEAM_PASSPHRASE_FILE=$WORK/cara
run 0 --as cara staff passwd tom --passphrase-file "$WORK/new"
run 1 --as cara staff passwd eve --passphrase-file "$WORK/new"
run 1 --as cara staff disable eve
run 1 --as cara staff add "Ola Nowak" --role "school nurse" \
    --agency "school nursing" --locality Northside
run 0 --as cara staff add "Ola Nowak" --role "school nurse" \
    --agency "school nursing"
run 1 --as cara staff passwd amira --passphrase-file "$WORK/new"
run 1 --as cara staff disable amira
run 1 --as cara staff merge amira --into cara
run 1 --as cara staff add "Pat Quinn" --role "locality coordinator" \
    --agency "early help" --administrator
ONETEAM_PASSPHRASE_FILE=$WORK/nadia
run 0 --as nadia staff passwd eve --passphrase-file "$WORK/new"
run 1 --as nadia staff passwd tom --passphrase-file "$WORK/eve"
ONETEAM_PASSPHRASE_FILE=$WORK/amira
run 0 --as amira staff passwd eve --passphrase-file "$WORK/eve"
run 0 --as amira staff add "Pat Quinn" --role "locality coordinator" \
    --agency "early help" --administrator --passphrase-file "$WORK/pat"
run 0 --as amira staff passwd pat --passphrase-file "$WORK/new"
run 0 --as amira staff disable pat
run 0 --as amira staff list
check "nothing refused was recorded: Eve's passphrase is hers" sh -c \
    "ONETEAM_PASSPHRASE_FILE='$WORK/eve' '$ONETEAM' --db '$DB' --as eve \
    staff list > /dev/null"
check "no one of Northside was added by Cara" sh -c \
    "test \"\$('$ONETEAM' --db '$DB' --as amira --format tsv staff list |
    grep -c 'Ola Nowak')\" -eq 1"
run 0 check
finish
