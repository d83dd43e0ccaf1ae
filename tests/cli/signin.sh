#!/bin/sh
# Golden test: passphrases of staff from the command line. init and staff
# add take one from a file; staff passwd sets one's own, or a coordinator
# anyone's; short, missing and mismatched ones are refused and change
# nothing; only the Argon2id hash is kept, nowhere the passphrase.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

printf 'kettle on by nine\n' > "$WORK/grace"
printf 'tom has a long one\n' > "$WORK/tom"
printf 'short\n' > "$WORK/short"
: > "$WORK/empty"
run 2 init --role "locality coordinator" --passphrase-file "$WORK/grace"
run 0 init --name "Grace Okafor" --role "locality coordinator" \
    --agency "early help" --coordinator --passphrase-file "$WORK/grace"
run 0 --as grace staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/tom"
run 0 --as grace staff add "Amira Khan" --role "health visitor" \
    --agency "health visiting"
before=$(db_hash)
run 1 --as grace staff add "Eve North" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/short"
run 2 --as grace staff add "Eve North" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/empty"
run 2 --as grace staff add "Eve North" --role "early help worker" \
    --agency "early help" --passphrase-file "$WORK/missing"
run 1 --as tom staff passwd amira --passphrase-file "$WORK/tom"
run 1 --as grace staff passwd nobody --passphrase-file "$WORK/tom"
run 2 --as grace staff passwd
check "refused changes leave the database as it was" \
    test "$before" = "$(db_hash)"
run 0 --as tom staff passwd tom --passphrase-file "$WORK/grace"
run 0 --as grace staff passwd amira < "$WORK/tom"
check "the hashes are Argon2id" sh -c "test \$(sqlite3 '$DB' \
    \"SELECT count(*) FROM staff WHERE passhash LIKE '\\\$argon2id\\\$%'\") = 3"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
check "no passphrase is in the database" sh -c "! grep -q -a \
    -e 'kettle on by nine' -e 'tom has a long one' '$DB'"
# Managing accounts: a coordinator's or an administrator's; only an
# administrator makes another (Grace, init's first, is both).
run 1 --as tom staff add "Uma Patel" --role "early help worker" \
    --agency "early help"
run 1 --as tom staff add "Uma Patel" --role "early help worker" \
    --agency "early help" --administrator
run 0 --as grace staff add "Uma Patel" --role "early help worker" \
    --agency "early help" --administrator
run 0 --as uma staff add "Vic Lane" --role "early help worker" \
    --agency "early help"
# Disabling: not one's own; then no sign-in, no work.
run 2 --as grace staff disable
run 1 --as tom staff disable amira
run 1 --as grace staff disable grace
run 0 --as grace staff disable tom
run 1 --as tom family list
run 0 --format tsv staff list
run 0 staff passwd --help
finish
