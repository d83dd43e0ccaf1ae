#!/bin/sh
# The screens at the smallest size they take (80×24), at a large one
# (200×60) and as the terminal is resized between them: the title with the
# clock at its right end on the first line, the key bar on the next to
# last, every column of Families there, the household taking the width
# there is, nothing drawn past the edge and no row of the list broken over
# two lines. A terminal too small, or standard input or output that is not
# a terminal, is refused with one line that says why.
. "$srcdir/tests/tui/lib.sh"
setup
demo 40

# The clock of the title as ONETEAM_NOW shows it.
CLOCK=09:00
# Under 100 columns some are narrower, their titles short, the dates
# without their year, so that the household has room.
COLUMNS_ALL="Ref Household Lvl Lead_professional Last_contact Refs Flags
Next_review"
COLUMNS_NARROW="Ref Household Lvl Lead Contact Refs Flags Review"

# layout COLS LINES: the Families screen fills a terminal of that size as
# it should: the title on the first line, the key bar on the next to last,
# every column, nothing wider than the terminal, the rows whole. Quiet:
# its status says; the caller waits on it.
layout() {
	lc=$1
	ll=$2
	screen > "$WORK/layout" 2>/dev/null || return 1
	[ "$(wc -l < "$WORK/layout")" -eq "$ll" ] || return 1
	sed -n 1p "$WORK/layout" | grep -q '^ Families │ ' || return 1
	sed -n "$((ll - 1))p" "$WORK/layout" | grep -qF '? help' || return 1
	# Nothing wider than the terminal (a line drawn past the edge would
	# wrap onto the next and push the rest down, so look at all of them).
	[ "$(width < "$WORK/layout")" -le "$lc" ] || return 1
	head=$(sed -n 3p "$WORK/layout")
	cols=$COLUMNS_ALL
	[ "$lc" -lt 100 ] && cols=$COLUMNS_NARROW
	for lcol in $cols; do
		case $head in
		*"$(echo "$lcol" | tr _ ' ')"*) ;;
		*) return 1 ;;
		esac
	done
	rows_whole "$ll"
}

# A row of the list, to its end: the reference first, then after the
# household the other columns, the refs, the flags and the next review.
ROW='^F-[0-9A-Z]{5} .* [0-9]+ +(-|![0-9]+) +'
ROW_END='(-|!?[0-9]{1,2} [A-Z][a-z]{2}( [0-9]{4})?)$'

# rows_whole LINES: every row of the list is one line with all of its
# columns, the next review ending it under its heading; "N of M" below.
rows_whole() {
	rl=$1
	total=$(sed -n "$((rl - 2))p" "$WORK/layout" |
	    sed -n 's/^[0-9][0-9]* of \([0-9][0-9]*\) *$/\1/p')
	[ -n "$total" ] || return 1
	seen=$((rl - 6))
	[ "$total" -lt "$seen" ] && seen=$total
	review=$(column_of "$(sed -n 3p "$WORK/layout")" "Next review")
	[ "$review" -lt 0 ] &&
	    review=$(column_of "$(sed -n 3p "$WORK/layout")" "Review")
	sed -n "4,$((3 + seen))p" "$WORK/layout" | sed 's/ *$//' \
	    > "$WORK/rows"
	[ "$(grep -Ec "$ROW$ROW_END" "$WORK/rows")" -eq "$seen" ] || return 1
	grep -Eo "$ROW_END" "$WORK/rows" | awk '{ print length($0) }' \
	    > "$WORK/values"
	widths < "$WORK/rows" | paste - "$WORK/values" |
	    awk -v at="$review" '$1 != at + $2 { bad = 1 } END { exit bad }'
}

# clock_right: the title ends with the clock, at the right edge.
clock_right() {
	line 1 | grep -q "^ .* $CLOCK\$"
}

# lvl_at: the column at which "Lvl" (the one after the household) starts.
lvl_at() {
	column_of "$(line 3)" "Lvl"
}

# The largest view, so the list fills the screen.
start 200 60
signin grace
keys 2
expect "the Locality view is shown" "[2 Locality]"
expect_that "200×60: title, key bar, every column, the rows whole" \
    layout 200 60
expect_that "200×60: the clock ends the title" clock_right
WIDE=$(lvl_at)
check "200×60: no household is cut short (no …) in the list" \
    eval '! grep -qF "…" "$WORK/rows"'

resize 80 24
expect_that "shrunk to 80×24: the layout follows" layout 80 24
expect_that "80×24: the clock ends the title" clock_right
NARROW=$(lvl_at)
check "the household column is wider at 200 than at 80 ($WIDE > $NARROW)" \
    test "$WIDE" -gt "$NARROW"
check "at 80 the household column still has room (Lvl at $NARROW ≥ 20)" \
    test "$NARROW" -ge 20

resize 200 60
expect_that "grown back to 200×60: the layout follows" layout 200 60
expect_that "200×60 again: the clock ends the title" clock_right
check "the household column is as wide as before ($(lvl_at) = $WIDE)" \
    test "$(lvl_at)" = "$WIDE"

# The Family screen is drawn to the size too, and follows a resize.
keys Enter
expect "Enter opens a family" " Family │"
resize 80 24
expect_that "the Family screen follows to 80×24" \
    eval 'test "$(screen | wc -l)" -eq 24 && screen | sed -n 23p |
    grep -qF "? help"'
expect_that "the Family screen at 80×24: the clock ends the title" clock_right
check "the Family screen at 80×24: nothing past the edge" \
    test "$(screen | width)" -le 80
keys q
expect "back to Families" "[2 Locality]"
expect_that "Families at 80×24 after the Family screen" layout 80 24

# Too small while running: a notice, then the screen comes back.
resize 70 20
expect "shrunk to 70×20: the too-small notice" \
    "This terminal is 70×20: oneteam needs at least 80×24"
check "the notice is within the width" test "$(screen | width)" -le 70
check "the notice says how to leave (press q), not cut off" \
    eval 'screen | grep -qF "press q to leave"'
resize 80 23
expect "one line too few (80×23) is too small as well" \
    "This terminal is 80×23"
resize 80 24
expect_that "grown back to 80×24: the screen is restored" layout 80 24
expect "and the view is the one that was shown" "[2 Locality]"
resize 79 24
expect "one column too few (79×24) is too small" "This terminal is 79×24"
keys q
STATUS=$(exited)
check "q while too small leaves, with status 0 (got $STATUS)" \
    test "$STATUS" = 0

# Too small at the start: refused, one line on stderr, non-zero status.
for size in 70x20 79x24 80x23; do
	start "${size%x*}" "${size#*x}"
	STATUS=$(exited)
	check "started at $size: refused with a non-zero status (got $STATUS)" \
	    sh -c "test '$STATUS' != 0 && test '$STATUS' != timeout"
	expect "started at $size: the pane says why" "oneteam: the terminal is \
${size%x*}×${size#*x}; the screens need at least 80×24"
	check "started at $size: that one line and nothing else" \
	    test "$(screen | grep -c .)" -eq 1
done

# Standard input or output not a terminal: refused, not drawn on.
TERM=screen "$ONETEAM" --db "$DB" < /dev/null > "$WORK/out" 2> "$WORK/err"
STATUS=$?
check "standard input not a terminal: a non-zero status (got $STATUS)" \
    test "$STATUS" -ne 0
check "standard input not a terminal: one line on stderr that says so" \
    sh -c "test \$(wc -l < '$WORK/err') -eq 1 &&
    grep -q '^oneteam: .*terminal' '$WORK/err'"
check "standard input not a terminal: nothing on stdout" \
    test ! -s "$WORK/out"
start 80 24 -- "> $WORK/out"
STATUS=$(exited)
check "standard output not a terminal: a non-zero status (got $STATUS)" \
    sh -c "test '$STATUS' != 0 && test '$STATUS' != timeout"
expect "standard output not a terminal: the pane says so" \
    "oneteam: the screens need a terminal"
check "standard output not a terminal: nothing written to it" \
    test ! -s "$WORK/out"
finish
