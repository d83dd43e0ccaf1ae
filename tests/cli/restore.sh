#!/bin/sh
# Golden test: a site's database put back from a backup. Put back by hand
# (cp over the file), the first command afterwards, a look at a family,
# finds it behind its high-water mark before it writes anything, and the
# site takes a new id: its next changes travel to the hub, and the hub's
# bundle brings back what it sent after the backup. `oneteam restore`
# does it all, refusing what is not a backup of this site, and keeps the
# database it replaces.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

office_amira
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
hub_joins

# The backup, as the README says to make it; then a contact the hub takes.
sqlite3 "$DB" ".backup '$WORK/backup.db'"
check "the high-water mark is kept beside the key" test -f "$WORK/oneteam.db.mark"
ONETEAM_NOW=2026-03-12T09:40:00Z run 0 --as amira contact add "$F" \
    --kind phone_call --summary "Rang after the backup."
ot bundle export --full -o "$WORK/a2.otb" > /dev/null
run 0 $HUB bundle import "$WORK/a2.otb"

# Put back over the file by hand. The first look says so.
cp "$WORK/backup.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
ONETEAM_NOW=2026-03-12T10:00:00Z run 0 --as amira family show "$F"
ONETEAM_NOW=2026-03-12T10:00:00Z run 0 --as amira family show "$F"
ONETEAM_NOW=2026-03-12T10:05:00Z run 0 --as amira contact add "$F" \
    --kind home_visit --summary "Visited after the restore."
ot bundle export --full -o "$WORK/a3.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:10:00Z run 0 $HUB bundle import "$WORK/a3.otb"
ONETEAM_NOW=2026-03-12T10:10:00Z run 0 $HUB --as amira chronology "$F"
# The hub's bundle brings back the contact made after the backup.
"$ONETEAM" $HUB bundle export --full -o "$WORK/h1.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:15:00Z run 0 bundle import "$WORK/h1.otb"
ONETEAM_NOW=2026-03-12T10:15:00Z run 0 --as amira chronology "$F"
ONETEAM_NOW=2026-03-12T10:15:00Z run 0 audit verify

# oneteam restore refuses what is not a backup of this site, changing
# nothing.
before=$(db_hash)
run 2 restore
run 1 restore "$WORK/missing.db"
printf 'not a database at all\n' > "$WORK/junk.db"
run 1 restore "$WORK/junk.db"
run 1 restore "$WORK/hub.db"
check "a refused restore changes nothing" test "$before" = "$(db_hash)"
check "nor keeps a copy" sh -c "! ls '$WORK' | grep -q before-restore"

# And puts back a backup of this site, keeping what it replaces.
ONETEAM_NOW=2026-03-12T11:00:00Z run 0 restore "$WORK/backup.db"
check "the database it replaced is kept" \
    test "$before" = "$(db_hash "$DB.before-restore-2026-03-12-110000")"
ONETEAM_NOW=2026-03-12T11:05:00Z run 0 --as amira contact add "$F" \
    --kind phone_call --summary "Rang after the second restore."
ot bundle export --full -o "$WORK/a4.otb" > /dev/null
ONETEAM_NOW=2026-03-12T11:10:00Z run 0 $HUB bundle import "$WORK/a4.otb"
"$ONETEAM" $HUB bundle export --full -o "$WORK/h2.otb" > /dev/null
ONETEAM_NOW=2026-03-12T11:15:00Z run 0 bundle import "$WORK/h2.otb"
ONETEAM_NOW=2026-03-12T11:15:00Z run 0 --as amira chronology "$F"

# A damaged database is what a restore is for; the same day's second
# restore keeps the first's copy as it was.
kept=$(sha256sum < "$DB.before-restore-2026-03-12-110000")
printf 'ZZZZZZZZZZZZZZZZ' | dd of="$DB" conv=notrunc 2> /dev/null
ONETEAM_NOW=2026-03-12T11:20:00Z run 0 --format json restore "$WORK/backup.db"
check "the first restore's copy is untouched" \
    test "$kept" = "$(sha256sum < "$DB.before-restore-2026-03-12-110000")"
check "the damaged database is kept too" \
    test -f "$DB.before-restore-2026-03-12-112000"
ONETEAM_NOW=2026-03-12T11:25:00Z run 0 --as amira chronology "$F"
# A mark that is not one is said once, and written afresh.
printf 'not a mark\n' > "$WORK/oneteam.db.mark"
ONETEAM_NOW=2026-03-12T11:26:00Z run 0 --as amira family show "$F"
ONETEAM_NOW=2026-03-12T11:27:00Z run 0 --as amira family show "$F"
check "the mark is written afresh" grep -q '^oneteam-mark 1$' \
    "$WORK/oneteam.db.mark"
# A mark's clock that cannot be right (past what a clock holds, or far
# past this machine's) is passed over: the site put back records at its
# own time, not before all history nor after everyone's for good.
for bad in 9223372036854775808 -1 99999999999999999999999 \
    268857822412800000; do
	sqlite3 "$DB" ".backup '$WORK/backup2.db'"
	ONETEAM_NOW=2026-03-12T11:28:00Z ot --as amira contact add "$F" \
	    --kind phone_call --summary "Before the mark's clock $bad." \
	    > /dev/null
	sed -i "s/^hlc .*/hlc $bad/" "$WORK/oneteam.db.mark"
	cp "$WORK/backup2.db" "$DB"
	rm -f "$DB-wal" "$DB-shm"
	ONETEAM_NOW=2026-03-12T11:29:00Z ot --as amira contact add "$F" \
	    --kind home_visit --summary "After the mark's clock $bad." \
	    > /dev/null 2>&1
	check "a mark's clock of $bad is passed over" test "$(sqlite3 "$DB" \
	    "SELECT hlc >> 16 BETWEEN 1773300000000 AND 1773400000000 FROM \
	    op WHERE seq = (SELECT max(seq) FROM op o WHERE o.origin = \
	    op.origin) ORDER BY rowid DESC LIMIT 1")" = 1
done
check "the mark's clock is written first, whatever the sites after it" \
    sh -c "sed -n 2p '$WORK/oneteam.db.mark' | grep -q '^hlc '"
# Another site's backup is refused even over a database that is gone: the
# mark says which sites this one has been.
rm -f "$DB" "$DB-wal" "$DB-shm"
ONETEAM_NOW=2026-03-12T11:30:00Z run 1 restore "$WORK/hub.db"
finish
