#!/bin/sh
# The installed oneteam has no test inputs (include/oneteam/hook.h): a
# colleague at a shared terminal who sets ONETEAM_NOW to a time of their
# choosing records at the real time all the same, and one who sets
# ONETEAM_FAULT has an export and an import done as any other. The
# program the other tests run (tests/oneteam-test) honours both, and
# the first checks here prove that it does, so that the others can
# fail. TAP, no transcript: the real time is in the output.
. "${srcdir:-.}/tests/cli/lib.sh"
setup
: "${ONETEAM_INSTALLED:?set ONETEAM_INSTALLED to the installed oneteam}"
printf 'a long team passphrase\n' > "$WORK/pass"
unset ONETEAM_NOW

# at SUMMARY: the moment of the family's contact so summarised (UTC).
at() {
	"$ONETEAM" --db "$DB" --as grace --format tsv contact list "$F" |
	    awk -F'\t' -v s="$1" '$0 ~ s { print $3 }'
}

"$ONETEAM" --db "$DB" init --name "Grace Okafor" --role \
    "locality coordinator" --agency "early help" --coordinator > /dev/null
F=$("$ONETEAM" --db "$DB" --as grace --format tsv family add "Khan family")
"$ONETEAM" --db "$DB" team create --kdf interactive \
    --passphrase-file "$WORK/pass" > /dev/null

# The clock: the tests' program takes it; the installed one does not.
ONETEAM_NOW=2025-06-01T09:00:00Z "$ONETEAM" --db "$DB" --as grace \
    contact add "$F" --kind phone_call --summary "By the tests'." > /dev/null
ONETEAM_NOW=2025-06-01T09:00:00Z "$ONETEAM_INSTALLED" --db "$DB" --as grace \
    contact add "$F" --kind phone_call --summary "By the installed." \
    > /dev/null
check "the tests' oneteam records at ONETEAM_NOW" \
    test "$(at "By the tests")" = 2025-06-01T09:00:00Z
got=$(at "By the installed")
check "the installed oneteam ignores ONETEAM_NOW ($got)" \
    test -n "$got" -a "$(date -u -d "$got" +%Y)" = "$(date -u +%Y)"

# A fault: the tests' program stops the export; the installed one exports.
check "the tests' oneteam stops at ONETEAM_FAULT" sh -c \
    "! ONETEAM_FAULT=export-file '$ONETEAM' --db '$DB' bundle export --full \
    -o '$WORK/a.otb' 2> '$WORK/err' && grep -q ONETEAM_FAULT '$WORK/err'"
check "the installed oneteam ignores ONETEAM_FAULT" sh -c \
    "ONETEAM_FAULT=export-file '$ONETEAM_INSTALLED' --db '$DB' bundle export \
    --full -o '$WORK/b.otb' > /dev/null && test -s '$WORK/b.otb'"
echo "1..$TESTS_RUN"
[ "$TESTS_FAILED" -eq 0 ]
