# Shared by the golden tests of the command line (tests/cli/*.sh).
#
# A test script sources this file, calls setup, then runs commands with
# `run EXPECTED_EXIT oneteam-arguments...`. Each run is one TAP test (the
# exit code), and its command, output and exit code are appended to a
# transcript. `finish` compares the transcript with tests/cli/NAME.expected
# (one more TAP test) and prints the plan. References (F-7K2QM) are random,
# so the transcript numbers them in order of appearance (<F1>, <F2>).
# UPDATE_GOLDEN=1 rewrites the expected file instead of comparing.
#
# Environment pinned here: the clock (ONETEAM_NOW), the time zone, the
# locale, and a configuration file of our own.

set -u
: "${ONETEAM:?set ONETEAM to the oneteam binary}"
: "${srcdir:=.}"
TESTS_RUN=0
TESTS_FAILED=0

setup() {
	NAME=$(basename "$0" .sh)
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/oneteam-$NAME.XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
	DB=$WORK/oneteam.db
	TRANSCRIPT=$WORK/transcript
	: > "$TRANSCRIPT"
	cat > "$WORK/oneteam.ini" <<-INI
	[site]
	name = test-site
	locality = Riverside
	[bundles]
	directory = $WORK/bundles
	INI
	ONETEAM_CONFIG=$WORK/oneteam.ini
	ONETEAM_NOW=${ONETEAM_NOW:-2026-03-12T09:30:00Z}
	TZ=Europe/London
	LC_ALL=C.UTF-8
	export ONETEAM_CONFIG ONETEAM_NOW TZ LC_ALL
	unset ONETEAM_STAFF ONETEAM_SESSION ONETEAM_PASSPHRASE_FILE \
	    XDG_CONFIG_HOME
}

# site_inis NAME...: a configuration file for each site, $WORK/NAME.ini,
# naming it, in Riverside.
site_inis() {
	for s in "$@"; do
		printf '[site]\nname = %s\nlocality = Riverside\n' "$s" \
		    > "$WORK/$s.ini"
	done
}

# release_before: a team made by the release before, as upgraded sites
# find it: the hub's and the library laptop's databases and key files
# (hub.db, laptop.db and their .key beside them), the team's passphrase
# in pass, and the options that open them and a school's to come ($HUB,
# $LAPTOP, $SCHOOL), each with its configuration.
release_before() {
	site_inis hub library-laptop school
	HUB="--db $WORK/hub.db --config $WORK/hub.ini"
	LAPTOP="--db $WORK/laptop.db --config $WORK/library-laptop.ini"
	SCHOOL="--db $WORK/school.db --config $WORK/school.ini"
	sqlite3 "$WORK/hub.db" < "$srcdir/tests/data/v7-hub.sql"
	sqlite3 "$WORK/laptop.db" < "$srcdir/tests/data/v7-laptop.sql"
	cp "$srcdir/tests/data/v7-hub.key" "$WORK/hub.db.key"
	cp "$srcdir/tests/data/v7-laptop.key" "$WORK/laptop.db.key"
	chmod 600 "$WORK/hub.db.key" "$WORK/laptop.db.key"
	printf 'a long team passphrase\n' > "$WORK/pass"
}

# office_amira: this site made with Amira Khan, a coordinator whose
# passphrase ($WORK/amira) signs her changes; the team's in $WORK/pass.
office_amira() {
	printf 'a long team passphrase\n' > "$WORK/pass"
	printf 'amira keeps a long one\n' > "$WORK/amira"
	ONETEAM_PASSPHRASE_FILE=$WORK/amira
	export ONETEAM_PASSPHRASE_FILE
	run 0 init --name "Amira Khan" --role "health visitor" \
	    --agency "health visiting" --coordinator \
	    --passphrase-file "$WORK/amira"
}

# hub_joins: the team made at this site, and a hub ($HUB, not admitted)
# joined with its bundle $WORK/a1.otb.
hub_joins() {
	site_inis hub
	HUB="--db $WORK/hub.db --config $WORK/hub.ini"
	run 0 team create --kdf interactive --passphrase-file "$WORK/pass"
	ot bundle export --full -o "$WORK/a1.otb" > /dev/null
	"$ONETEAM" $HUB init > /dev/null
	"$ONETEAM" $HUB team join "$WORK/a1.otb" \
	    --passphrase-file "$WORK/pass" > /dev/null
	run 0 $HUB bundle import "$WORK/a1.otb"
}

# school_joins: a third site, the school, joins from the hub's bundle
# and is admitted at the office; $SCHOOL its options, sch runs oneteam
# there.
school_joins() {
	site_inis school
	SCHOOL="--db $WORK/school.db --config $WORK/school.ini"
	sch init > /dev/null
	"$ONETEAM" $HUB bundle export --full -o "$WORK/hs.otb" > /dev/null
	sch team join "$WORK/hs.otb" --passphrase-file "$WORK/pass" > /dev/null
	sch bundle import "$WORK/hs.otb" > /dev/null
	sch bundle export --full -o "$WORK/s0.otb" > /dev/null
	ot bundle import "$WORK/s0.otb" > /dev/null
	ot --as amira team admit "$(print_of $SCHOOL)" --name school \
	    > /dev/null
}
sch() { "$ONETEAM" $SCHOOL "$@"; }

# records_of OPTIONS...: the families and each one's chronology there, as
# Amira reads them (tsv), to compare sites.
records_of() {
	"$ONETEAM" "$@" --as amira --format tsv family list all
	for f in $("$ONETEAM" "$@" --as amira --format tsv family list all |
	    awk -F'\t' 'NR > 1 { print $1 }'); do
		"$ONETEAM" "$@" --as amira --format tsv chronology "$f"
	done
}

# as_other CMD...: CMD as another user than the files' owner, so that a
# file's mode holds (root may write anything: as root, CMD runs as nobody).
as_other() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	else
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	fi
}

# ot ARGS: oneteam on the test database, output as is (for capturing refs).
ot() {
	"$ONETEAM" --db "$DB" "$@"
}

# print_of OPTS...: the fingerprint of the site the options open, as an
# administrator reads it out to admit the site (team admit).
print_of() {
	"$ONETEAM" "$@" --format tsv team show | sed -n 's/^fingerprint\t//p'
}

# run EXIT ARGS: one TAP test that oneteam ARGS exits with EXIT; the
# command, its stdout and stderr and the exit code go to the transcript.
run() {
	want=$1
	shift
	TESTS_RUN=$((TESTS_RUN + 1))
	printf '$ oneteam' >> "$TRANSCRIPT"
	printf ' %s' "$@" >> "$TRANSCRIPT"
	printf '\n' >> "$TRANSCRIPT"
	"$ONETEAM" --db "$DB" "$@" > "$WORK/out" 2> "$WORK/err"
	got=$?
	cat "$WORK/out" >> "$TRANSCRIPT"
	sed 's/^/stderr: /' "$WORK/err" >> "$TRANSCRIPT"
	printf '[exit %s]\n' "$got" >> "$TRANSCRIPT"
	if [ "$got" -eq "$want" ]; then
		echo "ok $TESTS_RUN - oneteam $*"
	else
		echo "not ok $TESTS_RUN - oneteam $* (exit $got, wanted $want)"
		sed 's/^/# /' "$WORK/err"
		TESTS_FAILED=$((TESTS_FAILED + 1))
	fi
}

# check DESCRIPTION COMMAND...: a TAP test that a shell command succeeds.
check() {
	what=$1
	shift
	TESTS_RUN=$((TESTS_RUN + 1))
	if "$@"; then
		echo "ok $TESTS_RUN - $what"
	else
		echo "not ok $TESTS_RUN - $what"
		TESTS_FAILED=$((TESTS_FAILED + 1))
	fi
}

# The database's content (the test's, or the one named), to prove a
# refused change changed nothing.
db_hash() {
	sqlite3 "${1:-$DB}" "SELECT hex(id) FROM op ORDER BY id;
	    SELECT * FROM local;" | sha256sum
}

# Number references in order of first appearance, so transcripts do not
# depend on random ids.
normalise() {
	sed -e "s|$WORK|<WORK>|g" \
	    -e 's/ONETEAM_SESSION=[0-9a-f]\{64\}/ONETEAM_SESSION=<SESSION>/g' |
	    awk '
	{
		out = ""
		line = $0
		b = "[0-9A-HJKMNP-TV-Z]"
		# Fingerprints of site keys (six fours): <PRINT1>, by appearance.
		q = b b b b
		while (match(line, q " " q " " q " " q " " q " " q)) {
			ref = substr(line, RSTART, RLENGTH)
			if (!(ref in seen))
				seen[ref] = "<PRINT" ++nprints ">"
			out = out substr(line, 1, RSTART - 1) seen[ref]
			line = substr(line, RSTART + RLENGTH)
		}
		line = out line
		out = ""
		while (match(line, "(RF|RE|FE|SP|ST|HI|HD|AU|AD|[FPCRASEH])-" b b b b b b "*")) {
			ref = substr(line, RSTART, RLENGTH)
			split(ref, part, "-")
			if (!(ref in seen)) {
				count[part[1]]++
				seen[ref] = "<" part[1] count[part[1]] ">"
			}
			out = out substr(line, 1, RSTART - 1) seen[ref]
			line = substr(line, RSTART + RLENGTH)
		}
		print ids(out line)
	}
	# Site, team and bundle ids (8 or 26 characters of base32, shown in
	# capitals) are random too: <ID1>, <ID2>, by appearance.
	function ids(s,    out, run, c, i) {
		out = ""
		run = ""
		for (i = 1; i <= length(s) + 1; i++) {
			c = substr(s, i, 1)
			if (c != "" && c ~ /[0-9A-Z]/) {
				run = run c
				continue
			}
			out = out id(run) c
			run = ""
		}
		return out
	}
	function id(t) {
		if ((length(t) != 8 && length(t) != 26) || t ~ /[ILOU]/)
			return t
		if (!(t in idseen))
			idseen[t] = "<ID" ++nids ">"
		return idseen[t]
	}'
}

finish() {
	expected=$srcdir/tests/cli/$NAME.expected
	normalise < "$TRANSCRIPT" > "$WORK/actual"
	TESTS_RUN=$((TESTS_RUN + 1))
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$WORK/actual" "$expected"
		echo "ok $TESTS_RUN - transcript written to $expected"
	elif diff -u "$expected" "$WORK/actual" > "$WORK/diff" 2>&1; then
		echo "ok $TESTS_RUN - transcript matches $NAME.expected"
	else
		echo "not ok $TESTS_RUN - transcript differs from $NAME.expected"
		sed 's/^/# /' "$WORK/diff"
		TESTS_FAILED=$((TESTS_FAILED + 1))
	fi
	echo "1..$TESTS_RUN"
	[ "$TESTS_FAILED" -eq 0 ]
}
