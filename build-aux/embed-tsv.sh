#!/bin/sh
#
# embed-tsv.sh OUTPUT FILE...
#
# Turn the reference lists share/oneteam/*.tsv into the C source OUTPUT
# (src/core/refdata-builtin.c), so that oneteam runs with no data files
# installed. Each file becomes a NULL-terminated array of its lines, put in
# the slot of enum ref_list named after the file (red-flags.tsv goes to
# REF_RED_FLAGS), so the order of the arguments does not matter. Every list
# must be given exactly once.
#
# The output is pure ASCII: backslash, double quote, question mark (no
# trigraphs) and tab are escaped, and any other byte outside printable ASCII
# (UTF-8 included) becomes a three-digit octal escape. refdata.c joins the
# lines and parses them with the same parser as a council's own file.
#
# A line array is used rather than one string a file because ISO C only
# promises string literals of 4095 bytes (gcc -Wpedantic says so).

set -e

LISTS="roles agencies contact-kinds red-flags needs levels services
involvement end-reasons relationships bank-holidays"

die()
{
	echo "embed-tsv.sh: $*" >&2
	exit 1
}

[ $# -ge 1 ] || die "usage: embed-tsv.sh output file..."
out=$1
shift

# Check that every argument is a known list and no list is given twice.
for f in "$@"; do
	base=${f##*/}
	found=
	for l in $LISTS; do
		[ "$base" = "$l.tsv" ] && found=$l
	done
	[ -n "$found" ] || die "$f: not a reference list (expected one of:" \
	    $LISTS")"
	[ -r "$f" ] || die "$f: cannot read"
done

# Find the one file for list $1 among the arguments that follow it.
file_for()
{
	want=$1.tsv
	shift
	match=
	for f in "$@"; do
		if [ "${f##*/}" = "$want" ]; then
			[ -z "$match" ] ||
			    die "$want given twice: $match and $f"
			match=$f
		fi
	done
	[ -n "$match" ] || die "$want is missing"
	echo "$match"
}

case $out in
*/*)	mkdir -p "${out%/*}" ;;
esac
tmp=$out.tmp$$
trap 'rm -f "$tmp"' EXIT INT TERM HUP

{
	echo "/*"
	echo " * Generated from share/oneteam/NAME.tsv by embed-tsv.sh."
	echo " * Do not edit: change the .tsv files instead."
	echo " */"
	echo "#include <stddef.h>"
	echo
	echo "#include \"refdata-builtin.h\""
} >"$tmp"

for l in $LISTS; do
	f=$(file_for "$l" "$@") || exit 1
	var=$(echo "$l" | tr - _)
	LC_ALL=C awk -v var="$var" '
	BEGIN {
		for (i = 1; i < 256; i++)
			ord[sprintf("%c", i)] = i
		printf "\nstatic const char *const builtin_%s[] = {\n", var
	}
	function esc(s,    r, i, n, c) {
		r = ""
		n = length(s)
		for (i = 1; i <= n; i++) {
			c = substr(s, i, 1)
			if (c == "\\")
				r = r "\\\\"
			else if (c == "\"")
				r = r "\\\""
			else if (c == "?")
				r = r "\\?"
			else if (c == "\t")
				r = r "\\t"
			else if (ord[c] < 32 || ord[c] > 126)
				r = r sprintf("\\%03o", ord[c])
			else
				r = r c
		}
		return r
	}
	{
		printf "\t\"%s\",\n", esc($0)
	}
	END {
		printf "\tNULL\n};\n"
	}' "$f" >>"$tmp"
done

{
	echo
	echo "const char *const *const refdata_builtin[REF_NLISTS] = {"
	for l in $LISTS; do
		var=$(echo "$l" | tr - _)
		enum=REF_$(echo "$var" | tr '[:lower:]' '[:upper:]')
		echo "	[$enum] = builtin_$var,"
	done
	echo "};"
} >>"$tmp"

mv "$tmp" "$out"
trap - EXIT INT TERM HUP
