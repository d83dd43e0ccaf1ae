#!/bin/sh
# Golden test: the path back for a site whose history forked. The office's
# database and its high-water mark are put back from last week's backup
# together (a backup tool that restores the whole folder), so nothing can
# tell, and it records a visit under a number it had used. The hub refuses
# its bundle, it refuses the hub's; `oneteam site recover` makes its
# changes since the fork again under a new site id, and after one more
# exchange both hold everything, nothing lost.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

office_amira
run 0 --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help"
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
hub_joins

# Last week's backup, of the database and the folder's mark.
sqlite3 "$DB" ".backup '$WORK/backup.db'"
cp "$WORK/oneteam.db.mark" "$WORK/backup.mark"
ONETEAM_NOW=2026-03-12T09:40:00Z run 0 --as amira contact add "$F" \
    --kind phone_call --summary "Rang before the backup was put back."
ot bundle export --full -o "$WORK/a2.otb" > /dev/null
run 0 $HUB bundle import "$WORK/a2.otb"

# Put back, mark and all: nothing tells, and a visit and a new family are
# recorded under the numbers used.
cp "$WORK/backup.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
cp "$WORK/backup.mark" "$WORK/oneteam.db.mark"
ONETEAM_NOW=2026-03-12T10:00:00Z run 0 --as amira contact add "$F" \
    --kind home_visit --summary "Visited after the backup was put back."
G=$(ONETEAM_NOW=2026-03-12T10:05:00Z ot --as amira --format tsv family add \
    "Nowak family" --level 1)
ONETEAM_NOW=2026-03-12T10:07:00Z run 0 --as amira person add "$G" \
    "Ania Nowak" --relationship child
ONETEAM_NOW=2026-03-12T10:08:00Z run 0 --as amira staff add "Sara Lee" \
    --role "family support worker" --agency "early help"
ONETEAM_NOW=2026-03-12T10:10:00Z run 0 --as sara contact add "$G" \
    --kind home_visit --seen "Ania Nowak" --summary "Saw Ania at home."
ot bundle export --full -o "$WORK/a3.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:15:00Z run 1 $HUB bundle import "$WORK/a3.otb"
"$ONETEAM" $HUB bundle export --full -o "$WORK/h1.otb" > /dev/null
# (Where the change comes in that bundle depends on the sites' ids.)
check "the office refuses the hub's bundle, and says what to do" sh -c \
    "! ONETEAM_NOW=2026-03-12T10:15:00Z '$ONETEAM' --db '$DB' bundle import \
    '$WORK/h1.otb' 2> '$WORK/err' &&
    grep -q 'changes from number 11 again.*oneteam site recover' '$WORK/err'"

# The path back: nothing to recover at the hub; at the office, not by Tom
# (Amira signed the member added and the family's level: only she can
# make them again), and nothing changes; then her, its changes since the
# fork made again.
ONETEAM_NOW=2026-03-12T10:20:00Z run 1 $HUB --as amira site recover
before=$(db_hash)
ONETEAM_NOW=2026-03-12T10:20:00Z run 1 --as tom site recover
check "a refused recover changes nothing" test "$before" = "$(db_hash)"
ONETEAM_NOW=2026-03-12T10:20:00Z run 0 --as amira site recover
ONETEAM_NOW=2026-03-12T10:20:00Z run 1 --as amira site recover
ot bundle export --full -o "$WORK/a4.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:25:00Z run 0 $HUB bundle import "$WORK/a4.otb"
"$ONETEAM" $HUB bundle export --full -o "$WORK/h2.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:30:00Z run 0 bundle import "$WORK/h2.otb"
ONETEAM_NOW=2026-03-12T10:30:00Z run 0 --as amira chronology "$F"
# The Nowak family made again, under the reference recover named.
G2=$(ONETEAM_NOW=2026-03-12T10:30:00Z ot --as amira --format tsv family list |
    awk -F'\t' '/Nowak/ { print $1 }')
check "the family made after the fork has a new reference" \
    test -n "$G2" -a "$G2" != "$G"
ONETEAM_NOW=2026-03-12T10:30:00Z run 0 --as amira chronology "$G2"
ONETEAM_NOW=2026-03-12T10:30:00Z run 0 $HUB --as amira chronology "$F"
ONETEAM_NOW=2026-03-12T10:30:00Z run 0 $HUB --as amira family list
ONETEAM_NOW=2026-03-12T10:30:00Z run 0 check
# The hub knows the office under two ids now, one key: a bundle for it by
# name goes to the one it last heard from.
ONETEAM_NOW=2026-03-12T10:30:00Z run 0 $HUB bundle export --for test-site \
    -o "$WORK/h3.otb"
ONETEAM_NOW=2026-03-12T10:31:00Z run 0 bundle import "$WORK/h3.otb"
# A second exchange takes round the trail of the first; then the trail
# is whole at both, the recovery on it.
ot bundle export --full -o "$WORK/a5.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:35:00Z "$ONETEAM" $HUB bundle import \
    "$WORK/a5.otb" > /dev/null
ONETEAM_NOW=2026-03-12T10:35:00Z run 0 audit verify
ONETEAM_NOW=2026-03-12T10:35:00Z run 0 $HUB audit verify
ONETEAM_NOW=2026-03-12T10:35:00Z run 0 --as amira audit by amira --since \
    2026-03-12

# It happens again: the backup of this morning put back, mark and all;
# a family made under a number used; the hub refuses; recover, for a
# script this time (tsv), names the family's new reference.
sqlite3 "$DB" ".backup '$WORK/backup2.db'"
cp "$WORK/oneteam.db.mark" "$WORK/backup2.mark"
ONETEAM_NOW=2026-03-12T11:00:00Z run 0 --as amira contact add "$F" \
    --kind phone_call --summary "Rang before the second restore."
ot bundle export --full -o "$WORK/a6.otb" > /dev/null
ONETEAM_NOW=2026-03-12T11:00:00Z "$ONETEAM" $HUB bundle import \
    "$WORK/a6.otb" > /dev/null
cp "$WORK/backup2.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
cp "$WORK/backup2.mark" "$WORK/oneteam.db.mark"
H=$(ONETEAM_NOW=2026-03-12T11:05:00Z ot --as amira --format tsv family add \
    "Okafor family" --level 1)
ot bundle export --full -o "$WORK/a7.otb" > /dev/null
# (Where the change comes in each bundle depends on the sites' ids.)
check "the hub refuses the office's bundle again" sh -c \
    "! ONETEAM_NOW=2026-03-12T11:10:00Z '$ONETEAM' $HUB bundle import \
    '$WORK/a7.otb' 2> '$WORK/err' &&
    grep -q 'made two different changes numbered 19' '$WORK/err'"
"$ONETEAM" $HUB bundle export --full -o "$WORK/h4.otb" > /dev/null
check "the office refuses the hub's bundle again" sh -c \
    "! ONETEAM_NOW=2026-03-12T11:10:00Z '$ONETEAM' --db '$DB' bundle import \
    '$WORK/h4.otb' 2> '$WORK/err' &&
    grep -q 'changes from number 19 again.*oneteam site recover' '$WORK/err'"
ONETEAM_NOW=2026-03-12T11:15:00Z ot --as amira --format tsv site recover \
    > "$WORK/recover.tsv"
ot bundle export --full -o "$WORK/a8.otb" > /dev/null
ONETEAM_NOW=2026-03-12T11:20:00Z run 0 $HUB bundle import "$WORK/a8.otb"
H2=$(ONETEAM_NOW=2026-03-12T11:20:00Z ot $HUB --as amira --format tsv \
    family list | awk -F'\t' '/Okafor/ { print $1 }')
check "a second recover makes the family again under a new reference" \
    test -n "$H2" -a "$H2" != "$H"
check "recover in tsv names the family's new reference" \
    grep -q "^family	$H	$H2\$" "$WORK/recover.tsv"
check "recover in tsv says what it made again, and nothing more" sh -c \
    "grep -q '^made_again	2\$' '$WORK/recover.tsv' && \
    ! grep -q 'Import a bundle' '$WORK/recover.tsv'"
"$ONETEAM" $HUB bundle export --full -o "$WORK/h5.otb" > /dev/null
ONETEAM_NOW=2026-03-12T11:25:00Z "$ONETEAM" --db "$DB" bundle import \
    "$WORK/h5.otb" > /dev/null
ot bundle export --full -o "$WORK/a9.otb" > /dev/null
ONETEAM_NOW=2026-03-12T11:25:00Z "$ONETEAM" $HUB bundle import \
    "$WORK/a9.otb" > /dev/null
ONETEAM_NOW=2026-03-12T11:30:00Z run 0 audit verify
ONETEAM_NOW=2026-03-12T11:30:00Z run 0 $HUB audit verify
finish
