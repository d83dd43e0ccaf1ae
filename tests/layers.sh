#!/bin/sh
# The layers the build can see: each library may call only those below it,
# read from the symbols nm finds in the built libraries (run in the build
# directory, after make). From the bottom:
#   liblib.a < libstore.a < libcore.a < libsync.a < libcli.a, libtui.a
#   < main.c
# The command line and the screens stand side by side: neither may call
# the other; main.c alone knows both. A symbol a library leaves undefined
# and a library above it (or beside it) defines is an upward call: each
# is named, with both libraries. TAP: one test a layer, one that no
# file of the lower layers is over 800 lines, and one that the front ends
# read records only through the core's public readers, which take a view.
NM=${NM:-nm}
# main.c is the object automake makes of it for oneteam (oneteam_CFLAGS).
LAYERS="1:liblib.a 2:libstore.a 3:libcore.a 4:libsync.a 5:libcli.a
5:libtui.a 6:src/oneteam-main.o"

if ! command -v "$NM" > /dev/null 2>&1; then
	echo "1..0 # SKIP no nm to read the libraries with"
	exit 0
fi
n=0
for l in $LAYERS; do
	n=$((n + 1))
done
echo "1..$((n + 2))"

tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
for l in $LAYERS; do
	rank=${l%%:*}
	file=${l#*:}
	if [ ! -f "$file" ]; then
		echo "M $rank $file" >> "$tmp"
		continue
	fi
	# POSIX form: "lib.a[member.o]: name type ..." or "file.o: name type".
	"$NM" -A -P -g --defined-only "$file" |
	    awk -v r="$rank" -v f="$file" '{ print "D", r, f, $2 }' >> "$tmp"
	"$NM" -A -P -u "$file" |
	    awk -v r="$rank" -v f="$file" '{
		m = $1
		sub(/:$/, "", m)
		sub(/^[^[]*\[/, "", m)
		sub(/\]$/, "", m)
		print "U", r, f, $2, m }' >> "$tmp"
done

# Read twice: every definition first, then what each layer calls.
awk -v layers="$LAYERS" '
NR == FNR && $1 == "D" { rank[$4] = $2; lib[$4] = $3; next }
NR == FNR { next }
$1 == "M" { missing[$3] = 1; next }
$1 == "U" && ($4 in rank) {
	r = rank[$4]
	if (r > $2 || (r == $2 && lib[$4] != $3)) {
		bad[$3] = bad[$3] sprintf("# %s (%s) calls %s, defined " \
		    "in %s %s\n", $3, $5, $4, lib[$4],
		    r > $2 ? "above it" : "beside it")
	}
}
END {
	n = split(layers, l, /[ \n]+/)
	t = 0
	for (i = 1; i <= n; i++) {
		if (l[i] == "")
			continue
		f = l[i]; sub(/^[0-9]+:/, "", f)
		t++
		if (f in missing)
			printf "not ok %d - %s is built\n", t, f
		else if (f in bad) {
			printf "not ok %d - %s calls only the layers below it\n",
			    t, f
			printf "%s", bad[f]
		} else
			printf "ok %d - %s calls only the layers below it\n",
			    t, f
	}
}' "$tmp" "$tmp"

# And the files of the lower layers stay small enough to read whole: a
# function's name leads to its file, and no file holds several modules.
big=$(for f in "$srcdir"/src/lib/*.c "$srcdir"/src/store/*.c \
    "$srcdir"/src/core/*.c "$srcdir"/src/sync/*.c; do
	[ "$(wc -l < "$f")" -gt 800 ] && echo "${f#"$srcdir"/}"
done)
if [ -z "$big" ]; then
	echo "ok $((n + 1)) - no file of lib, store, core or sync is over 800 lines"
else
	echo "not ok $((n + 1)) - no file of lib, store, core or sync is over 800 lines"
	for f in $big; do
		echo "# $f: $(wc -l < "$srcdir/$f") lines"
	done
fi

# The front ends read a family's records only through the core's public
# readers, which take a view (access.h): never the core's own readers
# (read-private.h: *_core, person_find_in_family, access_record), nor the
# store's queries or SQLite, which would read a family with no look on
# the audit trail. A declaration copied into a front end would compile;
# the libraries say what it calls.
peek=$(for f in libcli.a libtui.a; do
	[ -f "$f" ] || continue
	"$NM" -A -P -g --defined-only "$f" | awk '{ print "D", $2 }'
	"$NM" -A -P -u "$f" | awk -v f="$f" '{ print "U", $2, f }'
done | awk '
$1 == "D" { mine[$2] = 1; next }
$2 ~ /^(query_|sqlite3_)|_core$|^person_find_in_family$|^access_record$/ &&
    !($2 in mine) { print $3 ": " $2 }' | sort -u)
if [ -z "$peek" ]; then
	echo "ok $((n + 2)) - the front ends read records only through views"
else
	echo "not ok $((n + 2)) - the front ends read records only through views"
	echo "$peek" | sed 's/^/# calls /'
fi

