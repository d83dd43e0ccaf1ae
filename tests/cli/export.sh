#!/bin/sh
# Golden test: exports for people outside the team. A summary goes with
# consent given, and is refused without it (none, refused, withdrawn)
# unless a safeguarding reason is given, which is printed in its footer
# and written on the audit trail; the CSV leaves out families without
# consent and says how many, quotes what needs quoting and defuses
# formulas; --safeguarding is never for a whole locality; files are new,
# readable by their owner only; a failed export leaves no file and no
# entry; need to know holds; bad arguments are one-line errors.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

# show FILE: the file into the transcript, CR shown as <CR>.
show() {
	printf '$ cat %s\n' "$1" >> "$TRANSCRIPT"
	awk '{ sub(/\r$/, "<CR>"); print }' "$1" >> "$TRANSCRIPT"
}

# trail F: who exported F and why, from audit who-viewed (its other
# entries, of changes and views, are for tests/cli/audit.sh).
trail() {
	printf '$ oneteam --format tsv audit who-viewed %s | (exports)\n' \
	    "$1" >> "$TRANSCRIPT"
	ot --as amira --format tsv audit who-viewed "$1" | awk -F '\t' \
	    '$3 == "export" || $3 == "break_glass" { print $1, $2, $3, $6 }' \
	    >> "$TRANSCRIPT"
}

# entries: the number of export entries on the audit trail.
entries() {
	sqlite3 "$DB" "SELECT count(*) FROM audit WHERE what = 'export'"
}

# family HOUSEHOLD [options]: add a family, its reference on stdout.
family() {
	ot --as amira --format tsv family add "$@"
}

# given F: consent given by Sara Khan on 1 March.
given() {
	ot --as amira consent record "$1" --state given --by "$2" \
	    --scope "school, health visiting and early help" --date 1/3/2026 \
	    --review 1/9/2026 > /dev/null
}

ot init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator > /dev/null
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
ot --as amira staff add "Eve North" --role "early help worker" \
    --agency "early help" --locality Northside > /dev/null

F=$(family "Khan family" --level 3 --postcode "E6 2AB" --lead tom \
    --next-review 10/4/2026 --needs "secure_housing, health")
ot --as amira person add "$F" "Zara Khan" --relationship child \
    --dob 2019-05-04 > /dev/null
ot --as amira person add "$F" "Sara Khan" --relationship mother \
    --dob 1990-02-01 > /dev/null
ot --as amira person add "$F" "Baby Khan" --relationship unborn_baby \
    --dob 2026-06-01 > /dev/null
given "$F" "Sara Khan (mother)"
ot --as amira story edit "$F" "Our family" --text "Sara lives with Zara \
and is expecting a baby in June. Zara's dad sees her at weekends." \
    > /dev/null
ot --as amira story edit "$F" voice \
    --text "$(printf 'I like my teacher.\nI do not like the shouting.')" \
    > /dev/null
ot --as amira referral raise "$F" --service camhs --reason "Low mood and \
not sleeping" --child Zara --basis consent > /dev/null
ot --as amira action add "$F" --what "Call the school about attendance" \
    --owner tom --due 16/3/2026 > /dev/null

G=$(family "Nowak family" --level 2 --postcode "E6 3CD")
H=$(family '=HYPERLINK("http://evil.example","click")' --level 2 \
    --postcode "+E6 4EF")
given "$H" "Ann Hyde"
J=$(family 'Smith, "the Nest"' --level 1 --postcode "E6 5GH" --lead amira)
given "$J" "Jo Smith"
K=$(family "Patel family" --level 2)
ot --as amira consent record "$K" --state refused --by "Raj Patel" \
    --date 2/3/2026 > /dev/null
W=$(family "Ward family" --level 2)
given "$W" "Lee Ward"
ot --as amira consent record "$W" --state withdrawn --by "Lee Ward" \
    --date 5/3/2026 > /dev/null
N=$(ot --as eve --format tsv family add "Ng family" --level 2 \
    --locality Northside)
ot --as eve consent record "$N" --state given --by "Mai Ng" \
    --scope "school" > /dev/null

# --- the summary -----------------------------------------------------------
run 0 export --help
run 0 help export
run 2 export
run 0 export summary --help
run 0 --as amira export summary "$F"

# Without consent: refused, naming the family, nothing recorded.
before=$(db_hash)
run 1 --as amira export summary "$G"
run 1 --as amira export summary "$K"
run 1 --as amira export summary "$W"
run 1 --as amira export summary "$G" --safeguarding "  "
check "a refused summary records nothing" test "$before" = "$(db_hash)"

# On safeguarding grounds: the reason in the footer and on the trail.
run 0 --as amira export summary "$G" --safeguarding "Zara's friend \
disclosed a burn from an iron; same-day call to the front door"
trail "$G"
# Consent given wins: no reason is needed nor written.
run 0 --as amira export summary "$J" --safeguarding "not needed"

# To a file: new, its owner's only, and said where.
mkdir "$WORK/files"
run 0 --as amira export summary "$F" -o "$WORK/files/khan.txt"
check "the summary file is readable by its owner only" \
    test "$(stat -c %a "$WORK/files/khan.txt")" = 600
check "the summary file is the summary printed" sh -c \
    "'$ONETEAM' --db '$DB' --as amira export summary '$F' | \
    cmp -s - '$WORK/files/khan.txt'"
check "no line of the summary is wider than 80" sh -c \
    "! awk 'length > 80' '$WORK/files/khan.txt' | grep -q ."

# A failed export: no file, no part of one, no entry on the trail.
before=$(entries)
run 1 --as amira export summary "$F" -o "$WORK/missing/khan.txt"
run 1 --as amira export summary "$F" -o "$WORK/files/khan.txt"
run 1 --as amira export summary "$F" -o "$DB"
check "a failed export records nothing" test "$before" = "$(entries)"
check "a failed export leaves no file" sh -c \
    "test ! -e '$WORK/missing' && test \$(ls '$WORK/files' | wc -l) = 1"

# Need to know: Eve works in Northside.
run 1 --as eve export summary "$F"
run 1 --as eve export summary "$G"
run 0 --as eve export summary "$F" --reason "Zara starts at a Northside \
school" -o "$WORK/files/eve.txt"
trail "$F"

# --- the CSV --------------------------------------------------------------
run 0 export families --help
run 0 --as amira export families -o "$WORK/files/riverside.csv"
show "$WORK/files/riverside.csv"
check "the CSV file is readable by its owner only" \
    test "$(stat -c %a "$WORK/files/riverside.csv")" = 600
check "the CSV on standard output is the file" sh -c \
    "'$ONETEAM' --db '$DB' --as amira export families 2> /dev/null | \
    cmp -s - '$WORK/files/riverside.csv'"
run 0 --as amira export families --family "$G" --family "$F" \
    --family "$K" --safeguarding "Zara disclosed a burn; strategy \
meeting" -o "$WORK/files/named.csv"
show "$WORK/files/named.csv"
# Named, none with consent, no safeguarding reason: refused, no file;
# named twice, once.
run 1 --as amira export families --family "$K" --family "$K" \
    -o "$WORK/files/none.csv"
check "a refused export leaves no file" test ! -e "$WORK/files/none.csv"
run 0 --as eve export families -o "$WORK/files/northside.csv"
show "$WORK/files/northside.csv"
run 1 --as eve export families --locality riverside
# Eve's reason is no way to learn how the Patels decided: not shared,
# nothing more said.
run 1 --as eve export summary "$K" --reason "curious"
run 1 --as eve export families --family "$K" --reason "curious"
trail "$K"
trail "$H"

# --- bad arguments -----------------------------------------------------------
before=$(db_hash)
run 1 --as amira export families --safeguarding "a child at risk"
run 1 --as amira export families --locality Riverside --family "$F"
run 2 --as amira export families "$F"
run 3 --as amira export families --locality Southside
# A refusal names the field at fault, here worded as its option.
run 1 --as eve export summary "$F" --reason "$(printf 'for the\nschool')"
run 3 --as amira export families --family F-ZZZZZ
run 2 --as amira export summary
run 2 --as amira export summary "$F" "$G"
run 2 --as amira export summary "$F" -o
run 2 --as amira export summary "$F" --colour
run 3 --as amira export summary F-ZZZZZ
run 1 export summary "$F"
run 1 --as nobody export summary "$F"
run 2 export everything
check "bad arguments record nothing" test "$before" = "$(db_hash)"
finish
