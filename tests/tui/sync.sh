#!/bin/sh
# The Sync and Conflicts screens: an office and a laptop both rename a
# household while apart; at the office the Sync screen lists the laptop's
# bundle as new, imports it (the title then counts the conflict, the
# family says so), the Conflicts queue shows both values with who, where
# and when, and keeping the office's resolves it, as the command line
# confirms; so does keeping the office's acceptance of a referral the
# laptop heard was declined. A full bundle made from the screen lands in the bundle
# directory, and each bundle read or written there is on the audit trail.
# A site not admitted is shown as such.
. "$srcdir/tests/tui/lib.sh"
setup
demo 20
BUNDLES=$WORK/bundles
mkdir -p "$BUNDLES"
laptop "$BUNDLES/office-full.otb"
FAM=$(ot --as grace \
    --format tsv family list all | awk -F'\t' 'NR == 2 { print $1 }')
ot --as grace family set "$FAM" --household "Office name" \
    --postcode "AB1 2CD" > /dev/null
# The laptop's change is the later: it is the one shown until resolved.
ONETEAM_NOW=2026-11-23T09:30:00Z "$ONETEAM" $LAPTOP --as grace \
    family set "$FAM" --household "Laptop name" --postcode "EF3 4GH" \
    > /dev/null
# A referral the service accepted, as the office heard, and declined, as
# the laptop heard: a move its statuses do not allow together.
REF=$(ot --as grace --format tsv referral list | awk -F'\t' '
    $7 == "sent" || $7 == "acknowledged" { print $1; exit }')
ot --as grace referral update "$REF" --status accepted > /dev/null
ONETEAM_NOW=2026-11-23T09:30:00Z "$ONETEAM" $LAPTOP --as grace \
    referral update "$REF" --status declined \
    --outcome "Not for this service" > /dev/null
"$ONETEAM" $LAPTOP bundle export --for office -o "$BUNDLES/laptop.otb" \
    > /dev/null
# A school joined too, and its first bundle is in, but no administrator
# has admitted it: its changes are held, and the Sync screen says so.
site_ini "$WORK/school.ini" school
SCHOOL="--db $WORK/school.db --config $WORK/school.ini"
"$ONETEAM" $SCHOOL init > /dev/null
"$ONETEAM" $SCHOOL team join "$BUNDLES/office-full.otb" \
    --passphrase-file "$WORK/pass" > /dev/null
"$ONETEAM" $SCHOOL bundle import "$BUNDLES/office-full.otb" > /dev/null
"$ONETEAM" $SCHOOL bundle export --for office -o "$WORK/school.otb" \
    > /dev/null
ot bundle import "$WORK/school.otb" > /dev/null

start 120 30 ONETEAM_NOW=2026-11-23T10:00:00Z
signin grace
expect_not "the laptop's admission was an exchange: the title says so" \
    "never synced"
keys b
expect "b opens the Sync screen" " Sync │"
expect "it lists the laptop's bundle as not imported" "NEW: not imported yet"
expect "and this site's own bundle as made here" "made here"
expect_that "and this site among the sites, by its name" \
    eval 'screen | grep -qE "^office +[0-9]+ +this site *\$"'
expect "a site not admitted is not in step, and why" "no: not admitted"
keys x
expect "x on this site's own row says to choose another" \
    "That is this site"
keys I
expect "I imports the new bundles (the laptop's) and says what came" \
    "Imported 1 bundle"
expect "and what arose" "conflicts arose"
expect "the title counts the conflicts" "3 conflicts"
expect "the laptop is now a site heard from" "laptop"
keys Down x
expect "x on the laptop's row makes a bundle for it" "Wrote"
check "named for both sites, in the bundle directory" \
    sh -c "ls '$BUNDLES' | grep -q '^office-for-laptop-.*[.]otb$'"
check "the import from the screen is on the audit trail" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv audit by grace |
    grep -q 'bundle_import	.*laptop[.]otb (bundle '"
check "and so is the bundle the screen wrote" \
    sh -c "'$ONETEAM' --db '$DB' --as grace --format tsv audit by grace |
    grep -q 'bundle_export	.*office-for-laptop-'"
check "the import is in the database" \
    sh -c "'$ONETEAM' --db '$DB' --as grace \
    conflicts list | grep -q 'Laptop name'"
keys C
expect "C opens the Conflicts queue" " Conflicts │"
expect "both values are listed, the later one shown" "1 shown   Laptop name"
expect "with the site and time of each" "office, 23 Nov 2026 09:00"
keys Down Down Enter
expect "Enter asks before keeping the value under the cursor" \
    "Keep \"Office name\" as household"
keys y
expect "kept: the conflict is resolved" "Resolved household"
# A postcode is kept from its values, never written anew: the queue says
# so before any form opens (the core's rule, authority.h).
keys g Down m
expect "m on a postcode says it is kept, not merged" \
    "postcode is not a text written in words"
keys Enter
expect "Enter asks before keeping the postcode" "Keep \"EF3 4GH\""
keys y
expect "kept: the postcode is resolved" "Resolved postcode"
# The referral: its statuses, the laptop's decline shown; keeping the
# office's acceptance records a change that settles it.
expect "the referral's statuses are listed, the later shown" \
    "1 shown   declined"
keys g Down Down Enter
expect "Enter asks before keeping the status under the cursor" \
    "Keep \"accepted\" as status of $REF"
keys y
expect "kept: the referral's conflict is resolved" "Resolved status"
expect "and the queue is empty" "No conflicts to resolve"
expect_not "with nothing refused, nothing is said of refused changes" \
    "efused"
check "resolved in the database: the office's name is the household" \
    sh -c "'$ONETEAM' --db '$DB' --as grace family show '$FAM' |
    grep -q 'Household: *Office name'"
check "the referral is accepted, its history says how" \
    sh -c "'$ONETEAM' --db '$DB' --as grace referral show '$REF' |
    grep -q 'Status: *accepted' && '$ONETEAM' --db '$DB' --as grace \
    referral show '$REF' | grep -q 'Conflict settled: kept accepted'"
check "no conflict is left" \
    sh -c "'$ONETEAM' --db '$DB' --as grace \
    conflicts list | grep -q 'No conflicts'"
keys q
expect "back to the Sync screen" " Sync │"
keys F
expect "F makes a full bundle in the bundle directory" "Wrote"
check "the file is there, readable by its owner only" \
    sh -c "ls '$BUNDLES' | grep -q 'office-for-everyone-' &&
    test \"\$(stat -c %a '$BUNDLES'/office-for-everyone-*)\" = 600"
keys F12 F
expect "F again in the same second writes a second file" "-2.otb"
check "beside the first, not over it" \
    test "$(ls "$BUNDLES" | grep -c 'office-for-everyone-')" = 2
keys q
expect "back to Families" "[1 Mine]"
keys F10 y
STATUS=$(exited)
check "leaves with status 0 (got $STATUS)" test "$STATUS" = 0
finish
