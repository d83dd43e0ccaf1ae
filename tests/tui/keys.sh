#!/bin/sh
# Every key the help lists for a screen does something there, at 80x24:
# for each screen, its own keys are read from its help (?), each pressed
# in turn on the screen, and the screen (or its message line) must change.
# The Family screen is walked on the tabs whose rows its keys act on, and
# the Huddle screen before and after the huddle starts.
# A key silently eaten (k on a family's tabs was once taken as "move up"
# before its binding) fails here. After each key, whatever it opened is
# left (Esc, q, or no to a question) until the screen is back.
. "$srcdir/tests/tui/lib.sh"
setup
demo 20
grace_family

start 80 24
signin "grace"

# title: the name of the screen in front (the title bar's first word).
title() {
	screen | sed -n '1{s/^ *//;s/ │.*//;p;}'
}

# help_keys SCREEN: the keys the help lists under SCREEN's heading, one
# a line as help shows them ("Enter", "s", "Shift-Tab").
help_keys() {
	keys '?'
	wait_for "Help │" || return 1
	# The screen's own keys may run past the first page: page on to
	# "Everywhere", which follows them.
	: > "$WORK/help"
	n=0
	while [ "$n" -lt 4 ]; do
		screen >> "$WORK/help"
		grep -q '^Everywhere' "$WORK/help" && break
		keys NPage
		sleep 0.3
		n=$((n + 1))
	done
	awk -v s="$1" '
	    $0 == s { on = 1; next }
	    $0 == "Everywhere" { on = 0 }
	    on && /^  [^ ]+  +[^ ]/ { sub(/^  /, ""); sub(/ .*/, "");
		if (!seen[$0]++) print }' "$WORK/help"
	keys q
	wait_for "$1 │"
}

# press LABEL: the key of a help label, sent to the pane.
press() {
	case $1 in
	Enter) keys Enter ;;
	Tab) keys Tab ;;
	Shift-Tab) keys BTab ;;
	Esc) keys Escape ;;
	F[0-9]*) keys "$1" ;;
	Ctrl-?) keys "C-$(printf '%s' "${1#Ctrl-}" | tr 'A-Z' 'a-z')" ;;
	^?) keys "C-$(printf '%s' "${1#^}" | tr 'A-Z' 'a-z')" ;;
	*) text "$1" ;;
	esac
}

# back SCREEN: leave what a key opened until SCREEN is in front again.
back() {
	n=0
	while [ "$n" -lt 8 ]; do
		screen > "$WORK/now"
		now=$(sed -n '1{s/^ *//;s/ │.*//;p;}' "$WORK/now")
		if tail -n 1 "$WORK/now" | grep -q '(y/n)'; then
			keys n
		elif sed -n 2p "$WORK/now" | grep -q '^Search:'; then
			keys Escape
		elif [ "$now" = "$1" ]; then
			return 0
		elif [ "$now" = Form ] || [ "$now" = Help ] ||
		    [ "$now" = Message ] || [ "$now" = "Team passphrase" ]; then
			keys Escape
		else
			keys q
		fi
		sleep 0.2
		n=$((n + 1))
	done
	return 1
}

# walk SCREEN: each key its help lists, pressed on it, changes what is
# shown.
walk() {
	help_keys "$1" > "$WORK/keys"
	check "the help lists keys of $1" test -s "$WORK/keys"
	while read -r k; do
		# A key no screen binds: the last message goes, so that one
		# said again is seen.
		keys F12
		sleep 0.2
		screen > "$WORK/before"
		press "$k"
		i=0 changed=1
		while [ "$i" -lt 40 ]; do
			screen > "$WORK/after"
			if ! cmp -s "$WORK/before" "$WORK/after"; then
				changed=0
				break
			fi
			sleep 0.05
			i=$((i + 1))
		done
		ok "$1: $k does something" $changed
		back "$1"
		check "$1: after $k, back at $1" test "$(title)" = "$1"
	done < "$WORK/keys"
}

# The locality's families: Grace leads none of her own.
keys 2
wait_for "[2 Locality]"
walk Families

keys /
text "$PART"
wait_for "$FAM"
keys Enter
wait_for "$FAM  $SURNAME"
walk Family
# Again on the tabs whose rows the keys act on (a person, a referral, an
# action), the cursor on the first.
for tab in 3 5 8; do
	keys "$tab" Down
	sleep 0.3
	walk Family
done
keys q
wait_for "The search is kept"
# q ends the search kept behind the family.
keys q
wait_for "[2 Locality]"

keys r
wait_for "Referrals │"
walk Referrals
keys q
wait_for "Families │"

keys d
wait_for "My day │"
walk "My day"
keys q
wait_for "Families │"

keys H
wait_for "Huddle │"
walk Huddle
# Started, the keys decide (each form left unsaved).
keys s
wait_for "(y/n)"
keys y
wait_for "Time left"
walk Huddle
keys q
wait_for "Families │"

keys A
wait_for "Audit │"
walk Audit
keys q
wait_for "Families │"

keys b
wait_for "Sync │"
walk Sync
finish
