#!/bin/sh
# Golden test: trust across sites (sync-design.md, "Trust"). A team made
# by the release before (two databases and their key files) upgrades: its
# sites chain and sign their changes, the changes made before included.
# A member holding the team key and a copy of the records forges the
# hub's next change (the administrator's passphrase) three ways; a site
# that knows the hub refuses each, its database unchanged, and then takes
# the hub's own next bundle. A family of the release before, made again
# under its id by a chained change or by one in the old encoding, is
# refused.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

release_before
ONETEAM_NOW=2026-03-12T11:00:00Z
export ONETEAM_NOW

# ops DB: the ids of the changes a database holds, and its local state.
ops() {
	sqlite3 "$1" "SELECT hex(id) FROM op ORDER BY id;"
}
state() {
	sqlite3 "$1" "SELECT hex(id) FROM op ORDER BY id; SELECT * FROM local;
	    SELECT hex(origin), hex(key) FROM site_key ORDER BY 1;
	    SELECT hex(origin), seq FROM head ORDER BY 1;
	    SELECT passhash FROM staff ORDER BY id;" | sha256sum
}

# The upgrade: the first bundle gives the hub its signing key.
check "the hub's key file is of the release before" \
    grep -qx 'oneteam team key 1' "$WORK/hub.db.key"
run 0 $HUB bundle export --for library-laptop -o "$WORK/h1.otb"
check "its key file now holds its signing key, its owner's only" sh -c \
    "grep -qx 'oneteam team key 2' '$WORK/hub.db.key' &&
    grep -q '^sign [0-9a-f]\{128\}$' '$WORK/hub.db.key' &&
    test \"\$(stat -c %a '$WORK/hub.db.key')\" = 600"
run 0 $HUB team show
run 0 $LAPTOP bundle import "$WORK/h1.otb"
run 0 $LAPTOP bundle export --for hub -o "$WORK/l1.otb"
run 0 $HUB bundle import "$WORK/l1.otb"
check "hub and laptop hold the same changes" sh -c \
    "test \"\$(sqlite3 '$WORK/hub.db' 'SELECT hex(id) FROM op ORDER BY id')\" = \
    \"\$(sqlite3 '$WORK/laptop.db' 'SELECT hex(id) FROM op ORDER BY id')\""

# A new site joins with a full bundle of the hub's, and holds it all,
# the changes from before signing included; a police officer joins the
# team, neither a coordinator nor an administrator.
run 0 $HUB --as amira staff add "Sam Lee" --role "police officer" \
    --agency police
run 0 $HUB bundle export --full -o "$WORK/full.otb"
run 0 $LAPTOP bundle import "$WORK/full.otb"
run 0 $SCHOOL init --name "Jo Price" --role "school nurse" \
    --agency "school nursing"
run 1 $SCHOOL team join "$WORK/full.otb" --passphrase-file "$WORK/pass"
run 0 $SCHOOL team join "$WORK/full.otb" --passphrase-file "$WORK/pass" \
    --before-admission
run 0 $SCHOOL bundle import "$WORK/full.otb"

# hub DB: what a database holds of the hub (its changes, key and head),
# and the passphrases.
hub() {
	sqlite3 "$1" "SELECT hex(id) FROM op WHERE hex(origin) = '$HUBSITE'
	    ORDER BY id;
	    SELECT hex(key) FROM site_key WHERE hex(origin) = '$HUBSITE';
	    SELECT seq FROM head WHERE hex(origin) = '$HUBSITE';
	    SELECT passhash FROM staff ORDER BY id;" | sha256sum
}
HUBSITE=$(sqlite3 "$WORK/hub.db" "SELECT hex(site) FROM local")

# The laptop's holder forges the hub's next change: the administrator's
# passphrase. Given the hub's key with the laptop's signature, not signed
# at all: the school refuses the bundle. Signed with the laptop's own key
# and relayed as the hub's: the school leaves the hub's part out, and
# takes nothing of it. (It opens the laptop's database with the laptop's
# configuration, as another would rename the site.)
for how in own-key site-key unsigned; do
	ONETEAM_CONFIG=$WORK/library-laptop.ini \
	    "$FORGE" "$WORK/laptop.db" hub "$WORK/forged-$how.otb" "$how" ||
	    echo "Bail out! forge $how"
	before=$(state "$WORK/school.db")
	hubbefore=$(hub "$WORK/school.db")
	if [ "$how" = own-key ]; then
		run 0 $SCHOOL bundle import "$WORK/forged-$how.otb"
		check "forged ($how): the school holds none of it" \
		    test "$hubbefore" = "$(hub "$WORK/school.db")"
	else
		run 1 $SCHOOL bundle import "$WORK/forged-$how.otb"
		check "forged ($how): the school is unchanged" \
		    test "$before" = "$(state "$WORK/school.db")"
	fi
done
# The laptop itself, which knows the hub, takes none of it either.
before=$(hub "$WORK/laptop.db")
run 0 $LAPTOP bundle import "$WORK/forged-own-key.otb"
check "the laptop holds none of it" test "$before" = "$(hub "$WORK/laptop.db")"

# The hub's number was not taken: its own next change reaches the school.
run 0 $HUB --as amira contact add F-2FBHQ --kind phone_call \
    --summary "Called back about the school run."
run 0 $HUB bundle export --full -o "$WORK/h2.otb"
run 0 $SCHOOL bundle import "$WORK/h2.otb"
check "the school holds the hub's every change" sh -c \
    "test -z \"\$(sqlite3 '$WORK/hub.db' 'SELECT hex(id) FROM op ORDER BY id' |
    grep -vxF \"\$(sqlite3 '$WORK/school.db' 'SELECT hex(id) FROM op')\")\""

# The laptop's holder makes the oldest family again under its id (made
# by the release before, so its id is not one its making gives), closed
# and led by the practitioner, dated in 1970: refused at every site. In
# the encoding from before chains, after the laptop's changes of the
# new, it is not taken for a change of the release before: the bundle is
# refused.
family() {
	sqlite3 "$1" "SELECT household || ' ' || status FROM family ORDER BY
	    hlc LIMIT 1"
}
run 0 $LAPTOP --as tom contact add F-2FBHQ --kind home_visit \
    --summary "Dropped the forms round."
run 0 $LAPTOP bundle export --full -o "$WORK/l2.otb"
run 0 $HUB bundle import "$WORK/l2.otb"
run 0 $SCHOOL bundle import "$WORK/l2.otb"
before=$(family "$WORK/hub.db")
ONETEAM_CONFIG=$WORK/library-laptop.ini \
    "$FORGE" "$WORK/laptop.db" library-laptop "$WORK/remake.otb" remake ||
    echo "Bail out! forge remake"
run 0 $HUB bundle import "$WORK/remake.otb"
check "the oldest family is as it was" test "$before" = \
    "$(family "$WORK/hub.db")"
run 0 $HUB check
ONETEAM_CONFIG=$WORK/library-laptop.ini \
    "$FORGE" "$WORK/laptop.db" library-laptop "$WORK/old.otb" old ||
    echo "Bail out! forge old"
before=$(state "$WORK/school.db")
run 1 $SCHOOL bundle import "$WORK/old.otb"
check "forged (old): the school is unchanged" \
    test "$before" = "$(state "$WORK/school.db")"


# Signed by its own site but beyond its author's authority: the laptop's
# holder sets the administrator's passphrase in the name of a member who
# is neither a coordinator nor an administrator. The signatures are good;
# the fold refuses it at the school as at every site, keeps it, and check
# lists it (made in the name of Sam Lee, as the laptop's own first
# member, Tom, manages its accounts).
ONETEAM_CONFIG=$WORK/library-laptop.ini \
    "$FORGE" "$WORK/laptop.db" library-laptop "$WORK/authority.otb" authority ||
    echo "Bail out! forge authority"
before=$(sqlite3 "$WORK/school.db" "SELECT passhash FROM staff WHERE admin = 1")
run 0 $SCHOOL bundle import "$WORK/authority.otb"
check "the administrator's passphrase is as it was" test "$before" = \
    "$(sqlite3 "$WORK/school.db" "SELECT passhash FROM staff WHERE admin = 1")"
check "the change is kept in the log" test "$(sqlite3 "$WORK/school.db" \
    "SELECT count(*) FROM refused")" = 1
run 0 $SCHOOL check

# A key file of the release before put back beside the hub, which has
# signed with its own since: refused, the key file left as it is.
cp "$WORK/hub.db.key" "$WORK/hub.key.saved"
cp "$srcdir/tests/data/v7-hub.key" "$WORK/hub.db.key"
chmod 600 "$WORK/hub.db.key"
run 1 $HUB bundle export --full -o "$WORK/h3.otb"
check "the old key file is not rewritten" \
    grep -qx 'oneteam team key 1' "$WORK/hub.db.key"
cp "$WORK/hub.key.saved" "$WORK/hub.db.key"

# The audit trail as evidence: the chains are whole; then a change is
# deleted from the middle of the hub's own log, and the last of the hub's
# changes from the school's copy (a cut, which the hub's signed head that
# the school holds shows).
run 0 $HUB audit verify
run 0 $SCHOOL audit verify
HUBID=$(sqlite3 "$WORK/hub.db" "SELECT hex(site) FROM local")
sqlite3 "$WORK/hub.db" "DELETE FROM op WHERE hex(origin) = '$HUBID' AND
    seq = 5"
run 5 $HUB audit verify
sqlite3 "$WORK/school.db" "DELETE FROM op WHERE hex(origin) = '$HUBID' AND
    seq = (SELECT max(seq) FROM op WHERE hex(origin) = '$HUBID')"
run 5 $SCHOOL audit verify

finish
