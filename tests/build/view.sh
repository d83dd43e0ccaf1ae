#!/bin/sh
# Looking at a family is a capability the compiler enforces: a front end
# that reads one family's records by the family's bare id, reads one of
# its records by the record's id alone, asks a list for it by id, or makes
# a view by hand does not compile (tests/build/bare-id.c, a case each);
# reading by a view made by access_view() does. And no front
# end (src/cli, src/tui) includes the core's readers by id. TAP.
srcdir=${srcdir:-.}
CC=${CC:-cc}
SRC=$srcdir/tests/build/bare-id.c
OUT=${TMPDIR:-/tmp}/oneteam-view.$$
trap 'rm -f "$OUT"' EXIT

# build CASE: compile the case, its messages in $OUT; 0 if it compiled.
build() {
	$CC -std=c11 -Werror=incompatible-pointer-types -fsyntax-only \
	    -I"$srcdir/include" -DCASE="$1" "$SRC" > "$OUT" 2>&1
}

n=0
echo "1..16"
# ok_if CONDITION DESCRIPTION
ok_if() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		sed 's/^/# /' "$OUT"
	fi
}

build 0
ok_if $? "reading a family by a view compiles"

i=1
for what in family_get person_list consent_current contact_list story_get \
    chronology flag_list "referral_filter family" "forged view" \
    referral_get flag_get action_get person_get contact_get; do
	if build $i; then
		r=1
	else
		# Refused for the view, not for some other fault of the file.
		case $what in
		"referral_filter family") pat="family" ;;
		"forged view") pat="forged" ;;
		*) pat="$what|family_view" ;;
		esac
		grep -Eq "$pat" "$OUT"
		r=$?
	fi
	ok_if $r "a front end cannot read by a bare id or a forged view: $what"
	i=$((i + 1))
done

grep -rlE '#include "(\.\./core/)?read-private\.h"|struct family_view \{' \
    "$srcdir/src/cli" "$srcdir/src/tui" > "$OUT" 2>&1
[ -s "$OUT" ]
ok_if $((1 - $?)) "no front end includes the core's readers by id"
