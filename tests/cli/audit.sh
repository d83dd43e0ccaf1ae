#!/bin/sh
# Golden test: the audit trail from the command line. Showing a family
# and its chronology are views recorded by whoever said who they are
# (nobody is refused); who-viewed and by list them newest first; a
# bundle written is recorded; a family outside one's work is opened only
# with a reason, which is recorded, and listed for the coordinators and
# administrators alone (break-glass); verify passes a whole trail and
# names the entry edited or deleted behind oneteam's back; no passphrase
# is in the trail. (Sign-ins: tests/unit/test-audit.c and signin.sh.)
. "${srcdir:-.}/tests/cli/lib.sh"
setup

# at TIME: the clock of the commands that follow.
at() {
	ONETEAM_NOW=$1
	export ONETEAM_NOW
}

printf 'kettle on by nine\n' > "$WORK/amira"
printf 'a long team passphrase\n' > "$WORK/team"
run 0 init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator --passphrase-file "$WORK/amira"
# Amira proves her name with her passphrase (oneteam signin would too).
ONETEAM_PASSPHRASE_FILE=$WORK/amira
export ONETEAM_PASSPHRASE_FILE
run 0 --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help"
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
G=$(ot --as amira --format tsv family add "Nowak family" --level 3)
run 0 audit verify

# Views: by the one at work; nobody is shown a family without saying who.
at 2026-03-12T10:00:00Z
run 0 --as amira family show "$F"
at 2026-03-12T11:00:00Z
run 0 --as tom chronology "$F"
at 2026-03-13T09:00:00Z
run 1 family show "$F"
ot --as tom --format json family show "$G" > /dev/null
at 2026-03-13T09:30:00Z
ot --as amira chronology "$G" > /dev/null
before=$(db_hash)
run 1 --as nobody family show "$F"
run 3 --as amira family show F-ZZZZZ
check "a refused view records nothing" test "$before" = "$(db_hash)"

# Need to know: Eve works in Northside; a Riverside family is not hers
# to see unless she says why, and the reason is on the trail.
at 2026-03-13T10:00:00Z
ot --as amira staff add "Eve North" --role "early help worker" \
    --agency "early help" --locality Northside > /dev/null
before=$(db_hash)
run 1 --as eve family show "$F"
run 1 --as eve chronology "$F"
run 1 --as eve family show "$F" --reason ""
check "a refused look records nothing" test "$before" = "$(db_hash)"
run 0 --as eve chronology "$F" --reason "Mum moved to Northside; new referral"
H=$(ot --as eve --format tsv family add "Ng family" --level 2 \
    --locality Northside)
run 0 --as eve family show "$H"

run 0 --as amira audit who-viewed "$F"
run 0 --as amira --format tsv audit who-viewed "$F"
run 0 --as amira audit by tom
run 0 --as amira audit by amira --since 13/3
run 0 --as amira --format json audit by amira --since "2026-03-13 09:15"
run 0 --as amira audit by tom --since 14/3
run 2 --as amira audit by amira --since "next tuesday"
run 1 --as amira audit by nobody
run 3 --as amira audit who-viewed F-ZZZZZ
run 2 --as amira audit who-viewed
# The trail is the coordinators' and administrators' to read; each member
# of staff reads their own.
run 1 audit who-viewed "$F"
run 1 --as tom audit who-viewed "$F"
run 1 --as tom audit by amira
run 0 --as tom audit by tom --since 13/3

# A bundle written is on the trail, with the file and its changes.
run 0 team create --kdf interactive --passphrase-file "$WORK/team"
run 0 --as amira bundle export --full -o "$WORK/a.otb"
run 0 --as amira audit by amira --since 13/3
run 0 audit verify
sqlite3 "$DB" "SELECT * FROM audit" > "$WORK/rows"
check "no passphrase is in the audit trail" sh -c "! grep -q \
    -e 'kettle on by nine' -e 'a long team passphrase' '$WORK/rows'"
# Nor in the database file or the bundle, and no team key either, as
# text or as bytes (oneteam keeps no log: what it says goes to stderr).
key=$(awk '$1 == "key" { print $2 }' "$DB.key")
check "the key file holds the team key" test "${#key}" -eq 64
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
for f in "$DB" "$WORK/a.otb"; do
	check "no passphrase nor team key in $(basename "$f")" sh -c "
	    ! grep -q -a -e 'kettle on by nine' -e 'a long team passphrase' \
	    -e '$key' '$f' && ! od -An -tx1 -v '$f' | tr -d ' \n' |
	    grep -q '$key'"
done

# Behind oneteam's back: an entry edited, then one deleted.
was=$(sqlite3 "$DB" "SELECT detail FROM audit WHERE seq = 2")
sqlite3 "$DB" "UPDATE audit SET detail = 'nothing to see' WHERE seq = 2"
run 5 audit verify
sqlite3 "$DB" "UPDATE audit SET detail = '$was' WHERE seq = 2"
run 0 audit verify
sqlite3 "$DB" "DELETE FROM audit WHERE seq = 3"
run 5 audit verify
run 0 audit verify --help

# The glass broken, for the coordinators and administrators only: Eve's
# reason, not her views nor anyone else's; --since bounds it.
at 2026-03-14T09:00:00Z
ot --as amira staff add "Ola Admin" --role "early help worker" \
    --agency "early help" --administrator > /dev/null
ot --as eve family show "$G" --reason "Sister of a Northside child" \
    > /dev/null
run 0 --as amira audit break-glass
run 0 --as ola --format tsv audit break-glass --since 14/3
run 0 --as amira --format json audit break-glass --since "2026-03-13 10:30"
run 0 --as amira audit break-glass --since 15/3
run 1 --as tom audit break-glass
run 1 --as eve audit break-glass
run 1 audit break-glass
run 2 --as amira audit break-glass --since "next tuesday"
run 2 --as amira audit break-glass "$F"
finish
