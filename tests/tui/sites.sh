#!/bin/sh
# Sites from the screens, with no command line between: at the office a
# coordinator makes the team (its passphrase typed twice, a slip refused)
# and writes a full bundle to a USB stick chosen on the Sync screen; a
# new laptop, with nobody on it yet, looks at the bundle on the stick
# (who sent it, what it brings), joins the team with it and imports it,
# and its people sign in; its bundle back is looked at and imported at
# the office, where its changes are held until the coordinator admits it
# by the fingerprint read out at the laptop, then taken. Each step is
# checked through the command line; at 80 columns a site's name is not
# cut to 8 characters.
. "$srcdir/tests/tui/lib.sh"
setup
demo 6
# row_shows RE: a line of the screen now matches RE.
row_shows() {
	screen | grep -qE -- "$1"
}
STICK=$WORK/stick
mkdir -p "$STICK" "$WORK/bundles"
site_ini "$WORK/laptop.ini" riverside-library
"$ONETEAM" --db "$WORK/laptop.db" --config "$WORK/laptop.ini" init \
    > /dev/null
LAPTOP="--db $WORK/laptop.db --config $WORK/laptop.ini"

start 80 24
signin grace
keys b
expect "b opens the Sync screen, which says there is no team yet" \
    "in no team yet"
keys n
expect "n asks for a new team's passphrase" "A new team: its passphrase"
text "a long team passphrase"
keys Enter
expect "then asks for it again" "Type the team passphrase again"
text "a long team passphrasX"
keys Enter
expect "two that differ are refused" "The two passphrases differ"
text "a long team passphrase"
keys Enter
text "a long team passphrase"
keys Enter
expect "typed twice alike, the team is made" "Made a new team"
expect "and the screen shows this site's fingerprint" "its fingerprint:"
check "the team is made: the command line shows it" \
    sh -c "'$ONETEAM' --db '$DB' team show | grep -q 'site: *office'"
keys d
expect "d asks for the folder bundles are exchanged in" "Or another folder"
expect "offering this site's own" "this site's bundle folder"
keys Tab
text "$STICK"
keys F2
expect "the stick is chosen" "Bundles are exchanged in $STICK"
keys F
expect "F writes a full bundle" "Wrote"
check "on the stick" sh -c "ls '$STICK' | grep -q '^office-for-everyone-'"
keys F10 y
exited > /dev/null

# The laptop: nobody on it yet.
DB=$WORK/laptop.db start 80 24 ONETEAM_CONFIG=$WORK/laptop.ini
expect "a site with nobody on it says so" \
    "Nobody has an account at this site yet"
keys Enter
expect "Enter opens the Sync screen" "in no team yet"
keys C
expect "nobody signed in, the Conflicts queue is not opened" \
    "Nobody is signed in"
keys q
expect "q goes back to the sign-in, not out of oneteam" \
    "Nobody has an account at this site yet"
keys Enter
expect "and Enter to the Sync screen again" "in no team yet"
keys d Tab
text "$STICK"
keys F2
expect "the stick chosen, its bundle is listed" "from office"
keys Enter
expect "Enter looks at the bundle first: who sent it" "From: office"
expect "before joining, it says how" "j joins the team"
keys j
expect "j asks for the team passphrase" "Join the team of office's bundle"
text "a long team passphrasX"
keys Enter
expect "a wrong one is refused" "not the passphrase of the team"
text "a long team passphrase"
keys Enter
expect "the right one joins" "Joined the team"
expect "the look says what an import would take" "An import would take it"
expect "by kind of record" "member of staff"
keys i
expect "i imports it, and the people who came with it sign in" \
    "Sign in now"
check "the laptop is of the team and holds the office's families" \
    sh -c "'$ONETEAM' $LAPTOP --as grace family list all |
    grep -q 'F-'"
signin grace
keys b
expect "the laptop's Sync screen lists the office" "office"
expect_that "the laptop's name is whole at 80 columns, in its own row" \
    row_shows '^riverside-library +[0-9]+ +this site *$'
keys Down x
expect "x on the office's row writes a bundle for it" "Wrote"
keys F10 y
exited > /dev/null
PRINT=$("$ONETEAM" $LAPTOP --format tsv team show |
    sed -n 's/^fingerprint\t//p')

# Back at the office: the laptop's bundle, looked at and imported.
start 80 24
signin grace
keys b d Tab
text "$STICK"
keys F2
expect "the office's Sync screen lists the laptop's bundle on the stick" \
    "from riverside-library"
keys G
keys Enter
expect "looked at, it comes from the laptop" "From: riverside-library"
keys i
expect "imported" "Imported 1 bundle"
expect "the laptop's changes are held until it is admitted" \
    "no: not admitted"
check "held: the command line says so too" \
    sh -c "'$ONETEAM' --db '$DB' peers | grep -q 'not admitted'"
keys g Down A
expect "A on the laptop's row opens the admission, its name offered" \
    "Admit a site to the team"
text "AAAA BBBB CCCC DDDD EEEE FFFF"
keys F2
expect "a fingerprint of no bundle imported is refused" \
    "no bundle of a site with fingerprint"
keys Home C-k
text "$PRINT"
keys F2
expect "the right fingerprint admits it" "Admitted \"riverside-library\""
check "admitted: the command line no longer holds its changes" \
    sh -c "! '$ONETEAM' --db '$DB' peers | grep -q 'not admitted'"
keys g Down R
expect "R asks before revoking the site under the cursor" \
    "Revoke riverside-library?"
keys y
expect "and says which it revoked" "Revoked riverside-library."
check "revoked: the command line says so" \
    sh -c "'$ONETEAM' --db '$DB' peers | grep -q 'revoked'"
keys F10 y
STATUS=$(exited)
check "leaves with status 0 (got $STATUS)" test "$STATUS" = 0
finish
