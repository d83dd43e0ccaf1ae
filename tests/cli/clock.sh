#!/bin/sh
# Golden test: clocks hold nothing hostage. A laptop 23 hours fast and a
# school 2 hours slow exchange through the hub (whose clock is right):
# after one full exchange every site holds every change and shows it, and
# the imports and peers say whose clock is out. A change made a year ahead
# (a laptop whose clock was wrong, then set right) is taken at once too.
. "${srcdir:-.}/tests/cli/lib.sh"
setup
site_inis hub library-laptop school
HUB="--db $WORK/hub.db --config $WORK/hub.ini"
LAPTOP="--db $WORK/laptop.db --config $WORK/library-laptop.ini"
SCHOOL="--db $WORK/school.db --config $WORK/school.ini"
printf 'a long team passphrase\n' > "$WORK/pass"
printf 'amira keeps a long one\n' > "$WORK/amira"
ONETEAM_PASSPHRASE_FILE=$WORK/amira
export ONETEAM_PASSPHRASE_FILE
T=2026-03-12T09:30:00Z
T2=2026-03-12T09:45:00Z
FAST=2026-03-13T08:30:00Z
SLOW=2026-03-12T07:30:00Z

ONETEAM_NOW=$T run 0 $HUB init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator --passphrase-file "$WORK/amira"
F=$(ONETEAM_NOW=$T "$ONETEAM" $HUB --as amira --format tsv family add \
    "Khan family" --level 2)
ONETEAM_NOW=$T "$ONETEAM" $HUB team create --kdf interactive \
    --passphrase-file "$WORK/pass" > /dev/null
ONETEAM_NOW=$T "$ONETEAM" $HUB bundle export --full -o "$WORK/h0.otb" \
    > /dev/null
# join NAME OPTS...: the site joins, sends its bundle, and is admitted.
join() {
	name=$1
	shift
	ONETEAM_NOW=$T "$ONETEAM" "$@" init > /dev/null
	ONETEAM_NOW=$T "$ONETEAM" "$@" team join "$WORK/h0.otb" \
	    --passphrase-file "$WORK/pass" > /dev/null
	ONETEAM_NOW=$T "$ONETEAM" "$@" bundle import "$WORK/h0.otb" > /dev/null
	ONETEAM_NOW=$T "$ONETEAM" "$@" bundle export --full \
	    -o "$WORK/$name.otb" > /dev/null
	ONETEAM_NOW=$T "$ONETEAM" $HUB bundle import "$WORK/$name.otb" \
	    > /dev/null
	ONETEAM_NOW=$T "$ONETEAM" $HUB --as amira team admit \
	    "$(ONETEAM_NOW=$T print_of "$@")" --name "$name" > /dev/null
}
join library-laptop $LAPTOP
join school $SCHOOL

# The laptop, 23 hours fast, records a visit; the hub takes it and says so.
ONETEAM_NOW=$FAST run 0 $LAPTOP --as amira contact add "$F" \
    --kind home_visit --summary "Visited, laptop 23 hours fast."
ONETEAM_NOW=$FAST "$ONETEAM" $LAPTOP bundle export --full -o "$WORK/l1.otb" \
    > /dev/null
ONETEAM_NOW=$T run 0 $HUB bundle import "$WORK/l1.otb"
ONETEAM_NOW=$T2 run 0 $HUB --as amira contact add "$F" --kind phone_call \
    --summary "Rang from the hub."
ONETEAM_NOW=$T "$ONETEAM" $HUB bundle export --full -o "$WORK/h1.otb" \
    > /dev/null
# The school, 2 hours slow, takes all of it (a day ahead of its clock: once
# held back for a day), records, and the hub and laptop take that.
ONETEAM_NOW=$SLOW run 0 $SCHOOL bundle import "$WORK/h1.otb"
ONETEAM_NOW=$SLOW run 0 $SCHOOL --as amira chronology "$F"
ONETEAM_NOW=$SLOW run 0 $SCHOOL --as amira contact add "$F" \
    --kind phone_call --summary "Rang from the school, 2 hours slow."
ONETEAM_NOW=$SLOW "$ONETEAM" $SCHOOL bundle export --full \
    -o "$WORK/s1.otb" > /dev/null
ONETEAM_NOW=$T run 0 $HUB bundle import "$WORK/s1.otb"
ONETEAM_NOW=$T "$ONETEAM" $HUB bundle export --full -o "$WORK/h2.otb" \
    > /dev/null
ONETEAM_NOW=$FAST run 0 $LAPTOP bundle import "$WORK/h2.otb"
ONETEAM_NOW=$SLOW run 0 $SCHOOL bundle import "$WORK/h2.otb"
for s in HUB LAPTOP SCHOOL; do
	eval "opts=\$$s"
	ONETEAM_NOW=$T run 0 $opts --as amira chronology "$F"
done
check "all three show the same chronology" sh -c "
    for o in '$HUB' '$LAPTOP' '$SCHOOL'; do
        ONETEAM_NOW=$T '$ONETEAM' \$o --as amira chronology '$F' 2> /dev/null
    done | sort | uniq -c | grep -v '^ *3 ' | grep -q . && exit 1; exit 0"
ONETEAM_NOW=$T run 0 $HUB peers
# The sites that joined made no locality of their own: the team has one.
check "one Riverside at every site" sh -c "
    for d in hub laptop school; do
        sqlite3 '$WORK/'\$d.db 'SELECT count(*) FROM locality'
    done | uniq | grep -qx 1"

# A year ahead, then set right: taken at once, said so.
ONETEAM_NOW=2027-03-12T09:30:00Z run 0 $LAPTOP --as amira contact add "$F" \
    --kind phone_call --summary "Rang, the laptop's clock a year out."
ONETEAM_NOW=$FAST "$ONETEAM" $LAPTOP bundle export --full -o "$WORK/l2.otb" \
    > /dev/null
ONETEAM_NOW=$T run 0 $HUB bundle import "$WORK/l2.otb"
ONETEAM_NOW=$T run 0 $HUB --as amira chronology "$F"

# Two visits at the same minute, recorded at two sites and taken in
# opposite orders: every site lists them in the same order.
ONETEAM_NOW=$T2 "$ONETEAM" $LAPTOP --as amira contact add "$F" \
    --kind phone_call --at "2026-03-12 12:00" --summary "Same minute, laptop." \
    > /dev/null
ONETEAM_NOW=$T2 "$ONETEAM" $SCHOOL --as amira contact add "$F" \
    --kind phone_call --at "2026-03-12 12:00" --summary "Same minute, school." \
    > /dev/null
ONETEAM_NOW=$T2 "$ONETEAM" $LAPTOP bundle export --full -o "$WORK/l3.otb" \
    > /dev/null
ONETEAM_NOW=$T2 "$ONETEAM" $SCHOOL bundle export --full -o "$WORK/s3.otb" \
    > /dev/null
for b in l3 s3; do
	ONETEAM_NOW=$T2 "$ONETEAM" $HUB bundle import "$WORK/$b.otb" > /dev/null
done
ONETEAM_NOW=$T2 "$ONETEAM" $SCHOOL bundle import "$WORK/l3.otb" > /dev/null
ONETEAM_NOW=$T2 "$ONETEAM" $LAPTOP bundle import "$WORK/s3.otb" > /dev/null
check "same-minute events are listed alike everywhere" sh -c "
    for o in '$HUB' '$LAPTOP' '$SCHOOL'; do
        ONETEAM_NOW=$T2 '$ONETEAM' \$o --as amira chronology '$F' 2> /dev/null |
            grep 'Same minute' | sha256sum
    done | uniq | wc -l | grep -qx 1"

# A clock put back by a flat battery (to 2000, or before 1970) records
# nothing: it would date, and show, the change years before it was made
# (and before 1970 no change could be carried at all).
before=$(db_hash "$WORK/laptop.db")
ONETEAM_NOW=2000-01-01T00:05:00Z run 1 $LAPTOP --as amira contact add "$F" \
    --kind phone_call --summary "Rang with the clock reset"
ONETEAM_NOW=-86400 run 1 $LAPTOP --as amira contact add "$F" \
    --kind phone_call --summary "Rang with the clock before 1970"
check "a clock put back records nothing" \
    test "$before" = "$(db_hash "$WORK/laptop.db")"
finish
