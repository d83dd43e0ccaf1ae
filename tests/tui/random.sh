#!/bin/sh
# Random keys: for each of several seeds, thousands of keys from a weighted
# alphabet (letters, digits, Enter, Tab, Esc, arrows, pages, function keys,
# Backspace, / ? q) in batches. After each batch oneteam must still be
# running or have ended with status 0 (q then y leaves: it is started
# again); a crash, a non-zero status or a screen that no longer answers
# fails, with the seed and the batch to repeat it. Each seed ends with F10
# and y from wherever the keys left it, and a clean oneteam check.
#
# TUI_RANDOM_SEEDS=20 runs seeds 1 to 20 (3 by default);
# TUI_RANDOM_SEED=17 runs only seed 17 (or a list: "4 17"); TUI_RANDOM_KEYS
# sets the keys a seed (2000). A seed gives the same keys on every run with
# the same awk (srand(seed)); the timing of Esc against the key after it
# (Alt, or a function key's sequence) may differ.
. "$srcdir/tests/tui/lib.sh"
setup
demo 40

SEEDS=${TUI_RANDOM_SEED:-$(seq 1 "${TUI_RANDOM_SEEDS:-3}")}
NKEYS=${TUI_RANDOM_KEYS:-2000}
BATCH=50

# keys_of SEED N: N keys, one a line, as tmux send-keys names. F10 and
# Ctrl-C, which quit at once, are left out.
keys_of() {
	awk -v seed="$1" -v n="$2" 'BEGIN {
		srand(seed)
		# In a fixed order: a weight, then the keys that share it.
		t = "30 a b c d e f g h i j k l m n o p r s t u v w x y z|" \
		    "6 A B C D E F G H I J K L M N O P Q R S T U V W X Y Z|" \
		    "12 0 1 2 3 4 5 6 7 8 9|10 Enter|7 Escape|5 Tab|2 BTab|" \
		    "9 Up Down|4 Left Right|3 PPage NPage BSpace Space|" \
		    "2.5 Home End F1 / ?|4.5 F2|1 F5|3.5 q"
		ng = split(t, groups, "|")
		for (g = 1; g <= ng; g++) {
			m = split(groups[g], ks, " ")
			for (j = 2; j <= m; j++) {
				key[++nk] = ks[j]
				total += ks[1] / (m - 1)
				upto[nk] = total
			}
		}
		for (i = 0; i < n; i++) {
			r = rand() * total
			for (lo = 1; lo < nk && upto[lo] < r; lo++)
				;
			print key[lo]
		}
	}'
}

# begin: oneteam anew, signed in as Grace (the keys start at Families).
begin() {
	start 80 24 -- --as grace
	signin grace
}

# answers: oneteam still draws: at one column too few it says so, and at
# 80×24 the notice goes. The resize reaches it whatever it is doing.
answers() {
	resize 79 24
	wait_for "This terminal is 79×24" || return 1
	resize 80 24
	eventually shown_not "This terminal is 79×24"
}

# changed: the screen is not what $WORK/shown holds, or oneteam ended.
changed() {
	[ "$(status_now)" != alive ] || ! screen | cmp -s - "$WORK/shown"
}

# leave: F10 and y until oneteam ends, from wherever the keys left it (a
# form asks first; a question already asked takes the y). Its status.
leave() {
	lv=0
	while [ "$lv" -lt 8 ] && [ "$(status_now)" = alive ]; do
		screen > "$WORK/shown"
		if grep -qF "(y/n)" "$WORK/shown"; then
			keys y
		else
			keys F10
		fi
		eventually changed
		lv=$((lv + 1))
	done
	exited
}

for seed in $SEEDS; do
	keys_of "$seed" "$NKEYS" > "$WORK/keys"
	rm -f "$WORK/batch" "$WORK/before"
	begin
	restarts=0
	batch=0
	crashed=
	while :; do
		[ -f "$WORK/batch" ] && mv "$WORK/batch" "$WORK/before"
		sed -n "$((batch * BATCH + 1)),$(((batch + 1) * BATCH))p" \
		    "$WORK/keys" > "$WORK/batch"
		[ -s "$WORK/batch" ] || break
		# Words, not patterns ("?" is a key). tmux may say the pane is
		# dead if oneteam ended mid-batch.
		set -f
		keys $(cat "$WORK/batch") 2>/dev/null
		set +f
		batch=$((batch + 1))
		sleep 0.05	# pace: a batch at a time, not a flood
		state=$(status_now)
		case $state in
		alive) ;;
		0) restarts=$((restarts + 1)); begin ;;
		*) crashed="$state"; break ;;
		esac
	done
	if [ -n "$crashed" ]; then
		ok "seed $seed: oneteam ended with status $crashed by batch \
$batch (keys $(((batch - 1) * BATCH + 1))-$((batch * BATCH)) of the seed)" 1
		# It may have been keys of the batch before, still being read.
		[ -f "$WORK/before" ] &&
		    echo "# the batch before: $(tr '\n' ' ' < "$WORK/before")"
		echo "# the batch: $(tr '\n' ' ' < "$WORK/batch")"
		echo "# repeat with TUI_RANDOM_SEED=$seed"
	else
		ok "seed $seed: $NKEYS keys, no crash ($restarts times left \
with q y)" 0
		check "seed $seed: the screen still answers (a resize is drawn)" \
		    answers
		STATUS=$(leave)
		check "seed $seed: F10 and y leave with status 0 (got $STATUS)" \
		    test "$STATUS" = 0
	fi
	check "seed $seed: oneteam check is clean" \
	    sh -c "'$ONETEAM' --db '$DB' check > /dev/null"
done
finish
