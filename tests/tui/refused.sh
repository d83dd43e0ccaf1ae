#!/bin/sh
# The changes every site refused, on the Conflicts screen. A laptop's
# holder, with the team key, writes a bundle holding a change well signed
# by the laptop and by its author but beyond its author's role (the
# administrator's passphrase, set by a practitioner: tests/cli/forge); the
# office imports it, and the fold refuses it. The office's check lists it;
# so does the Conflicts screen at 80x24, below the queue's one conflict,
# with what, why, who (its escape shown, never sent), where and when,
# within the edge; the line at the top counts it, the queue's keys still
# work, and Enter on the refused change says there is nothing to keep.
# (With nothing refused the screen shows no such section: sync.sh.)
. "$srcdir/tests/tui/lib.sh"
: "${FORGE:?set FORGE to the forge test helper (tests/cli/forge)}"
setup
demo 20
laptop "$WORK/full.otb"
# One conflict, so that the refused change is seen below the queue.
FAM=$(ot --as grace \
    --format tsv family list all | awk -F'\t' 'NR == 2 { print $1 }')
ot --as grace family set "$FAM" --household "Office name" > /dev/null
ONETEAM_NOW=2026-11-23T09:30:00Z "$ONETEAM" $LAPTOP --as grace \
    family set "$FAM" --household "Laptop name" > /dev/null
"$ONETEAM" $LAPTOP bundle export --for office -o "$WORK/laptop.otb" \
    > /dev/null
ot bundle import "$WORK/laptop.otb" > /dev/null
# Then the laptop's holder forges the change, and the office takes it in.
ONETEAM_CONFIG=$WORK/laptop.ini FORGE_PASSPHRASE="riverside demo" \
    "$FORGE" "$WORK/laptop.db" laptop "$WORK/forged.otb" authority ||
    echo "Bail out! forge authority"
ot bundle import "$WORK/forged.otb" > /dev/null
ot check > "$WORK/check"
check "check lists the refused change" \
    grep -q '^[0-9].*laptop .*passhash of member of staff S-' "$WORK/check"
# Its author, as check names it, is the practitioner the forge chose.
WHO=$(awk '/^when/ { getline; sub(/^.*laptop  /, ""); sub(/  .*/, "");
    print; exit }' "$WORK/check")
check "check names its author ($WHO)" test -n "$WHO"
# Then the author's name as an attacker would write it, put straight into
# the office's table of staff (as tests/tui/text.sh does a household's):
# the screen shows its escape, never sends it.
SHOWN=$WHO
if command -v sqlite3 > /dev/null; then
	hex() { printf "$1" "$2" | od -An -tx1 | tr -d ' \n'; }
	sqlite3 "$DB" "UPDATE staff SET name = CAST(X'$(hex '\033[31m%s' \
	    "$WHO")' AS TEXT) WHERE name = CAST(X'$(hex %s "$WHO")' AS TEXT)"
	SHOWN="\\e[31m$WHO"
fi

start 80 24 ONETEAM_NOW=2026-11-23T10:00:00Z
signin grace
keys C
expect "C opens the Conflicts queue" " Conflicts │"
expect "the top line counts the conflict and the refused change" \
    "1 conflict to resolve, 1 change refused (below)"
expect "the conflict comes first" "1 shown   Laptop name"
expect "below it, the section of refused changes" \
    "Refused changes (kept, not applied, the same at every site)"
expect "what it would have set" "passhash of member of staff S-"
expect "and why it was refused" "only an administrator sets another"
expect_that "refused, not applied, by its author, at its site, and when" \
    eval 'screen | grep -F "$SHOWN" |
    grep -Eq "^refused +[(]not applied[)] +.+ +laptop, 23 Nov 2026"'
check "at 80x24 nothing is past the edge" test "$(screen | width)" -le 80
keys G Enter
expect "Enter on the refused change says there is nothing to keep" \
    "A refused change is kept as it came"
keys g Down Down Enter
expect "Enter on a value still asks before keeping it" \
    "Keep \"Office name\" as household"
keys y
expect "kept: the conflict is resolved" "Resolved household"
expect "the refused change stays, and the line says so" \
    "No conflicts to resolve, 1 change refused (below)"
expect "still listed" "Refused changes (kept, not applied"
resize 120 30
expect_that "wider, its reason is whole on one line" eval \
    'screen | grep -qF "passhash of member of staff S-" &&
    screen | grep -F "passhash of member of staff S-" |
    grep -qF "another'"'"'s passphrase"'
keys ?
expect "the help says what the section is" "every site refused"
keys q q
expect "back to Families" "[1 Mine]"
keys F10 y
STATUS=$(exited)
check "leaves with status 0 (got $STATUS)" test "$STATUS" = 0
finish
