#!/bin/sh
# Names as people write them, and names as an attacker would: a household
# with escape sequences in its name is shown with the escapes visible and
# none of them reaches the terminal; names in Chinese (two columns a
# character), Arabic and Hebrew (right to left) and with combining accents
# (no column of their own) keep the columns of Families in line. NO_COLOR
# takes the colours away but not the meaning: a flagged family still says
# "!N".
. "$srcdir/tests/tui/lib.sh"
setup
demo 40

# A name with a colour change, a title change (OSC 0, ended by BEL) and
# nothing else, written as the terminal would be sent it.
EVIL=$(printf 'Evil\033[31mRed\033]0;pwned\007 family')
# As text_escape() in src/lib/text.c shows it.
EVIL_SHOWN='Evil\e[31mRed\e]0;pwned\x07 family'
CJK="王家 family"
ARABIC="عائلة حداد"
HEBREW="משפחת כהן"
COMBINING=$(printf 'Zoe\314\201 Nguye\314\202\314\203n')	# e + U+0301...

# add NAME: a family of Grace's, at level 3, through the command line;
# its reference on stdout.
add() {
	ot --as grace family add "$1" --level 3 --lead grace |
	    sed -n 's/^Recorded family \(F-[0-9A-Z]*\)\.$/\1/p'
}

PLAIN_REF=$(add "Plain family")
CJK_REF=$(add "$CJK")
ARABIC_REF=$(add "$ARABIC")
HEBREW_REF=$(add "$HEBREW")
COMBINING_REF=$(add "$COMBINING")
check "the command line takes the names (CJK, Arabic, Hebrew, combining)" \
    test -n "$PLAIN_REF" -a -n "$CJK_REF" -a -n "$ARABIC_REF" \
    -a -n "$HEBREW_REF" -a -n "$COMBINING_REF"

# The command line will not take a control character, so the name with
# escapes is put into the database behind its back: as a damaged file, an
# older version or (later) a bundle from another site could bring it.
ot --as grace family add "$EVIL" > /dev/null 2> "$WORK/err"
STATUS=$?
check "the command line refuses the escapes in a name (status $STATUS)" \
    sh -c "test $STATUS -ne 0 && grep -qF 'hidden control character (\\e)' \
    '$WORK/err'"
EVIL_REF=$(add "Evil placeholder")
HAVE_EVIL=no
if command -v sqlite3 > /dev/null; then
	hex=$(printf '%s' "$EVIL" | od -An -tx1 | tr -d ' \n')
	sqlite3 "$DB" "UPDATE family SET household = CAST(X'$hex' AS TEXT)
	    WHERE household = 'Evil placeholder';" && HAVE_EVIL=yes
fi

# evil_test DESCRIPTION COMMAND...: a test of the name with escapes, or a
# skip without sqlite3 to put it there.
evil_test() {
	if [ "$HAVE_EVIL" = yes ]; then
		"$@"
	else
		skip "$2" "no sqlite3 to put escapes into the database"
	fi
}

# aligned REF: the row of REF in Families has its level and lead
# professional under the headings "Lvl" and "Lead professional", and
# ends where the plain row ends.
aligned() {
	screen > "$WORK/aligned"
	head=$(sed -n 3p "$WORK/aligned")
	row=$(grep "^$1 " "$WORK/aligned")
	plain=$(grep "^$PLAIN_REF " "$WORK/aligned")
	[ -n "$row" ] && [ -n "$plain" ] || return 1
	[ "$(column_of "$row" " 3   Grace Okafor")" -eq \
	    $(($(column_of "$head" "Lvl") - 1)) ] || return 1
	[ "$(column_of "$row" "Grace Okafor")" -eq \
	    "$(column_of "$head" "Lead")" ] || return 1
	[ "$(printf '%s\n' "$row" | sed 's/ *$//' | width)" -eq \
	    "$(printf '%s\n' "$plain" | sed 's/ *$//' | width)" ]
}

# open REF: open the family of REF from the Families list.
open() {
	n=$(screen | sed -n '4,$p' | grep -n "^$1 " | cut -d: -f1)
	[ -n "$n" ] || return 1
	keys Home
	while [ "$n" -gt 1 ]; do
		keys Down
		n=$((n - 1))
	done
	keys Enter
}

start 120 30
wait_for "Who is using oneteam?"
TITLE=$(tmux -S "$SOCK" display-message -p -t t '#{pane_title}')
signin grace
expect "Families shows Grace's families" "[1 Mine]"
expect "the plain name is shown" "$PLAIN_REF Plain family"
expect "the Chinese name is shown" "$CJK"
expect "the Arabic name is shown, in the order it was written" "$ARABIC"
expect "the Hebrew name is shown, in the order it was written" "$HEBREW"
expect "the name with combining accents is shown, accents and all" \
    "$COMBINING"
evil_test expect "the name with escapes is shown with them escaped" \
    "$EVIL_SHOWN"
evil_test check "the OSC in the name did not set the title ($TITLE)" \
    test "$(tmux -S "$SOCK" display-message -p -t t '#{pane_title}')" = \
    "$TITLE"
# No attribute changes inside the name: the \e[31m was not obeyed.
evil_test check "the name with escapes is drawn in one look, not turned red" \
    eval 'tmux -S "$SOCK" capture-pane -p -e -t t | grep -qF "$EVIL_SHOWN"'
for ref in $CJK_REF $ARABIC_REF $HEBREW_REF $COMBINING_REF; do
	check "$ref: its level and lead under their headings, its row as long" \
	    aligned "$ref"
done
evil_test check "the row with escapes: level and lead under their headings" \
    aligned "$EVIL_REF"
check "nothing is drawn past the edge" test "$(screen | width)" -le 120

# The same at 80 columns, where the names are cut to fit the column.
resize 80 24
expect_that "at 80×24 the list is drawn again" \
    eval 'test "$(screen | wc -l)" -eq 24 && screen | grep -q "^$PLAIN_REF "'
for ref in $CJK_REF $ARABIC_REF $HEBREW_REF $COMBINING_REF; do
	check "80×24: $ref in line with the plain row" aligned "$ref"
done
evil_test check "80×24: the row with escapes in line with the plain row" \
    aligned "$EVIL_REF"
evil_test check "80×24: the name with escapes is cut as escaped text" \
    eval 'screen | grep -qF "$EVIL_REF Evil\\e[31mRe"'
check "80×24: nothing is drawn past the edge" test "$(screen | width)" -le 80
resize 120 30
expect_that "back at 120×30" \
    eval 'test "$(screen | wc -l)" -eq 30 && aligned "$CJK_REF"'

# The Family screen: the name in its header, the line below in its place.
# header REF NAME: open REF, see "REF  NAME" on the second line and the
# level on the third, then go back.
header() {
	open "$1"
	wait_for "Level 3 · open"
	line 2 | grep -qxF "$1  $2" &&
	    line 3 | grep -q '^Level 3 · open · lead: Grace Okafor' &&
	    test "$(screen | width)" -le 120
	hs=$?
	keys q
	wait_for "[1 Mine]"
	return $hs
}
check "the Family screen shows the Chinese name" header "$CJK_REF" "$CJK"
check "the Family screen shows the Arabic name" header "$ARABIC_REF" "$ARABIC"
check "the Family screen shows the Hebrew name" header "$HEBREW_REF" "$HEBREW"
check "the Family screen shows the name with combining accents" \
    header "$COMBINING_REF" "$COMBINING"
evil_test check "the Family screen shows the name with escapes escaped" \
    header "$EVIL_REF" "$EVIL_SHOWN"
evil_test check "the title of the terminal is still not set" \
    test "$(tmux -S "$SOCK" display-message -p -t t '#{pane_title}')" = \
    "$TITLE"

# The search shows the names too.
if [ "$HAVE_EVIL" = yes ]; then
	keys /
	text "Evil"
	expect "the search finds the name with escapes and shows it escaped" \
	    "$EVIL_REF Evil\\e[31mRed\\e]0;pwn"
	keys Escape
	expect "Esc ends the search" "[1 Mine]"
else
	skip "the search shows the name with escapes escaped" "no sqlite3"
	skip "Esc ends the search" "no sqlite3"
fi

# NO_COLOR: no colour at all, the meaning kept. The colour SGR parameters
# are 30-38, 40-48, 90-97 and 100-107 (39 and 49 are "the default").
# colours: the colour parameters of the SGR sequences on the screen now.
colours() {
	tmux -S "$SOCK" capture-pane -p -e -t t |
	    grep -o "$(printf '\033')\\[[0-9;]*m" | tr -d '\033[m' |
	    tr ';' '\n' | grep -E '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$' | sort -u
}

# flag_marked: a row of the Flagged view shows "!N" under "Flags".
flag_marked() {
	screen > "$WORK/flags"
	head=$(sed -n 3p "$WORK/flags")
	row=$(grep '^F-' "$WORK/flags" | sed -n 2p)
	[ "$(column_of "$row" " !")" -eq $(($(column_of "$head" Flags) - 1)) ]
}

start 120 30
signin grace
keys 3
expect "with colour: the Flagged view" "[3 Flagged]"
check "with colour: the check sees the colours ($(colours | tr '\n' ' '))" \
    test -n "$(colours)"
start 120 30 NO_COLOR=1
signin grace
keys 3
expect "NO_COLOR=1: the Flagged view" "[3 Flagged]"
check "NO_COLOR=1: no colour on the screen ($(colours | tr '\n' ' '))" \
    test -z "$(colours)"
check "NO_COLOR=1: the cursor is still shown, in reverse" \
    eval 'tmux -S "$SOCK" capture-pane -p -e -t t |
    grep -q "$(printf "\033")\[\([0-9;]*;\)*7[;m]"'
check "NO_COLOR=1: a flagged family still says !N under Flags" flag_marked
keys Enter
expect "NO_COLOR=1: its Family screen says it has a red flag" "red flag"
check "NO_COLOR=1: still no colour on the Family screen" test -z "$(colours)"
finish
