#!/bin/sh
# The protected install (README, oneteam(1) SECURITY), tried as a
# colleague at a shared terminal would: an ordinary user, not in the
# install's group, who can run oneteam and nothing more. They cannot open
# the database, key file or bundle directory, nor list them; oneteam
# reads its records for them and writes what they ask; what it writes to
# a file they named is theirs; --config, ONETEAM_CONFIG, the XDG
# configuration, ONETEAM_NOW and a database of their own are ignored or
# refused; a file they name that leads into the install's directory is
# opened with their rights, so not at all; only the machine's
# administrator makes or puts back the database; and the running screens
# cannot be looked into (/proc/PID/fd, environ). TAP, no transcript.
#
# Needs root (to make the user and the group, and to set the group on
# the program). Two ways in:
# - make check: ONETEAM_PROTECTED is tests/oneteam-protected, built with
#   PROTECTED_DIR and PROTECTED_CONFIG under the build tree; this script
#   installs it set-group-id there itself, in the group oneteamtest.
# - after build-aux/protected-setup (.ci/run): PROTECTED_INSTALLED=yes,
#   ONETEAM_PROTECTED the installed program, PROTECTED_GROUP its group,
#   and the directory and configuration the setup made.
set -u
: "${ONETEAM_PROTECTED:?set ONETEAM_PROTECTED to the protected oneteam}"
: "${PROTECTED_DIR:?set PROTECTED_DIR to its directory}"
: "${PROTECTED_CONFIG:?set PROTECTED_CONFIG to its configuration file}"
TESTS_RUN=0
TESTS_FAILED=0
TESTER=oneteam-tester
WAIT=${TUI_WAIT:-20}

if [ "$(id -u)" != 0 ] || ! command -v setpriv > /dev/null ||
    ! command -v useradd > /dev/null || ! command -v sqlite3 > /dev/null; then
	echo "1..0 # SKIP needs root, setpriv, useradd and sqlite3"
	exit 0
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/oneteam-protected.XXXXXX")
chmod 755 "$WORK"
trap 'as_user tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
unset ONETEAM_CONFIG ONETEAM_NOW ONETEAM_STAFF ONETEAM_SESSION \
    ONETEAM_PASSPHRASE_FILE XDG_CONFIG_HOME XDG_DATA_HOME NO_COLOR
LC_ALL=C.UTF-8
export LC_ALL

# The ordinary user, in none of the install's groups.
id "$TESTER" > /dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$TESTER" || exit 1
mkdir "$WORK/home"
chown "$TESTER" "$WORK/home"
H=$WORK/home
SOCK=$H/tmux.sock

# as_user COMMAND...: the command as the tester, their home $H. SHELL
# too: without it tmux runs its panes in the tester's login shell, which
# is nologin (CI runs with SHELL unset).
as_user() {
	env HOME="$H" SHELL=/bin/sh setpriv --reuid="$TESTER" --regid="$(id -g "$TESTER")" \
	    --init-groups -- "$@"
}

ok() {
	TESTS_RUN=$((TESTS_RUN + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $TESTS_RUN - $1"
	else
		echo "not ok $TESTS_RUN - $1"
		TESTS_FAILED=$((TESTS_FAILED + 1))
		[ -s "$WORK/err" ] && sed 's/^/# err: /' "$WORK/err"
	fi
}

# denied COMMAND...: the command, as the tester, fails.
denied() {
	! as_user "$@" > /dev/null 2>&1
}

# check DESCRIPTION COMMAND...: a test that the command succeeds.
check() {
	what=$1
	shift
	"$@"
	ok "$what" $?
}

if [ "${PROTECTED_INSTALLED:-no}" = yes ]; then
	OT=$ONETEAM_PROTECTED
	GROUP=${PROTECTED_GROUP:-oneteam}
else
	# Installed here as make install would: set-group-id to a group
	# that alone reaches the directory, made afresh.
	GROUP=oneteamtest
	getent group "$GROUP" > /dev/null || groupadd --system "$GROUP" ||
	    exit 1
	rm -rf "$PROTECTED_DIR" "$(dirname "$PROTECTED_CONFIG")"
	mkdir -p "$PROTECTED_DIR/bundles" "$(dirname "$PROTECTED_CONFIG")" \
	    "$WORK/bin"
	chgrp "$GROUP" "$PROTECTED_DIR" "$PROTECTED_DIR/bundles"
	chmod 2770 "$PROTECTED_DIR" "$PROTECTED_DIR/bundles"
	printf '[site]\nname = hub\nlocality = Riverside\n' > "$PROTECTED_CONFIG"
	OT=$WORK/bin/oneteam
	cp "$ONETEAM_PROTECTED" "$OT"
	chgrp "$GROUP" "$OT"
	chmod 2755 "$OT"
fi
DB=$PROTECTED_DIR/oneteam.db
check "the tester is not in the group $GROUP" sh -c \
    "! id -nG '$TESTER' | tr ' ' '\n' | grep -qx '$GROUP'"

# The machine's administrator makes the database, its team and a family.
printf 'a long team passphrase\n' > "$WORK/pass"
printf 'grace keeps a long one\n' > "$H/grace"
printf 'tom keeps a long one too\n' > "$H/tom"
chown "$TESTER" "$H/grace" "$H/tom"
chmod 600 "$H/grace" "$H/tom"
if [ ! -f "$DB" ]; then
	"$OT" init --name "Grace Okafor" --role "locality coordinator" \
	    --agency "early help" --coordinator --locality Riverside \
	    --passphrase-file "$H/grace" > /dev/null 2> "$WORK/err"
	ok "root makes the database" $?
fi
ONETEAM_PASSPHRASE_FILE=$H/grace
export ONETEAM_PASSPHRASE_FILE
"$OT" --as grace staff add "Tom Reid" --role "police community support \
officer" --agency police --passphrase-file "$H/tom" > /dev/null 2>&1
F=$("$OT" --as grace --format tsv family add "Protected family" 2> "$WORK/err")
ok "root adds a family as Grace ($F)" $?
"$OT" --as grace consent record "$F" --state given --by "Mum" \
    --scope "core team professionals" > /dev/null 2>&1
[ -f "$DB.key" ] || "$OT" team create --kdf interactive \
    --passphrase-file "$WORK/pass" > /dev/null 2>&1
check "the database is the group's, not the world's" sh -c \
    "test \"\$(stat -c %G:%a '$DB')\" = '$GROUP:660'"
check "so is the key file" sh -c \
    "test \"\$(stat -c %G:%a '$DB.key')\" = '$GROUP:660'"

# The files: not to be opened or listed but through oneteam.
check "the tester cannot read the database with sqlite3" \
    denied sqlite3 "$DB" "SELECT count(*) FROM family"
check "nor end the sessions in it" denied sqlite3 "$DB" "DELETE FROM session"
check "nor list the directory" denied ls "$PROTECTED_DIR"
check "nor read the key file" denied cat "$DB.key"
check "nor list the bundle directory" denied ls "$PROTECTED_DIR/bundles"

# oneteam, for them, reads and writes the records.
as_user "$OT" --as grace family show "$F" > "$WORK/out" 2> "$WORK/err"
ok "through oneteam the tester reads the family" $?
check "its household is shown" grep -q "Protected family" "$WORK/out"
ONETEAM_NOW=2025-06-01T09:00:00Z as_user "$OT" --as grace contact add "$F" \
    --kind phone_call --summary "Rang about nursery." > /dev/null 2> "$WORK/err"
ok "and records a contact" $?
got=$("$OT" --as grace --format tsv contact list "$F" |
    awk -F'\t' '/Rang about nursery/ { print $3 }')
check "at the real time: ONETEAM_NOW is ignored ($got)" \
    test -n "$got" -a "$(date -u -d "$got" +%Y)" = "$(date -u +%Y)"
check "the database is still the group's after the tester wrote" sh -c \
    "test \"\$(stat -c %G:%a '$DB')\" = '$GROUP:660'"
check "and the tester still cannot open it" denied sqlite3 "$DB" "SELECT 1"

# The configuration: the install's only.
printf '[security]\nidle_lock_minutes = 240\n[database]\npath = %s\n' \
    "$H/own.db" > "$H/evil.ini"
mkdir -p "$H/xdg/oneteam"
cp "$H/evil.ini" "$H/xdg/oneteam/oneteam.ini"
chown -R "$TESTER" "$H"
as_user "$OT" --config "$H/evil.ini" config > /dev/null 2> "$WORK/err"
check "--config is refused (exit 7)" test $? = 7
check "saying the install reads its own file only" \
    grep -qF "a protected install reads $PROTECTED_CONFIG only" "$WORK/err"
ONETEAM_CONFIG=$H/evil.ini XDG_CONFIG_HOME=$H/xdg as_user "$OT" config \
    > "$WORK/out" 2> "$WORK/err"
ok "ONETEAM_CONFIG and XDG_CONFIG_HOME given, config runs" $?
check "and reads the install's file" \
    grep -qF "# oneteam configuration: $PROTECTED_CONFIG" "$WORK/out"
check "so the idle lock stays at 5 minutes" \
    grep -qx "idle_lock_minutes = 5" "$WORK/out"
check "and the database is the install's" grep -qx "path = $DB" "$WORK/out"
as_user "$OT" --db "$H/own.db" --as grace family list > /dev/null \
    2> "$WORK/err"
check "a database of their own is refused (exit 7)" test $? = 7
check "saying where a protected install keeps it" \
    grep -qF "keeps its database, key file and bundles in $PROTECTED_DIR" \
    "$WORK/err"
check "and none was made" test ! -e "$H/own.db"

# The whole database: its administrator's only.
as_user "$OT" --db "$PROTECTED_DIR/second.db" init > /dev/null 2> "$WORK/err"
check "init by the tester is refused" test $? = 1
check "saying only the administrator makes the database" \
    grep -qF "only the machine's administrator" "$WORK/err"
check "and none was made" test ! -e "$PROTECTED_DIR/second.db"
as_user "$OT" demo --replace > /dev/null 2>&1
check "demo --replace by the tester is refused" test $? = 1
as_user "$OT" restore "$H/evil.ini" > /dev/null 2>&1
check "restore by the tester is refused" test $? = 1
check "the database is still the team's" sh -c \
    "'$OT' --as grace family show '$F' | grep -q 'Protected family'"

# A file they named: theirs, made with their rights.
as_user "$OT" --as grace export summary "$F" -o "$H/summary.txt" \
    > /dev/null 2> "$WORK/err"
ok "an export to their home is written" $?
check "owned by the tester and their group, not $GROUP" sh -c \
    "test \"\$(stat -c %U:%G '$H/summary.txt')\" = \
    \"$TESTER:\$(id -gn $TESTER)\""
as_user "$OT" bundle export --full -o "$H/anon.otb" > /dev/null \
    2> "$WORK/err"
check "a bundle made by no one named is refused" test ! -e "$H/anon.otb"
as_user "$OT" --as grace bundle export --full -o "$H/stick.otb" > /dev/null \
    2> "$WORK/err"
ok "a bundle to a stick is written, by a member named" $?
check "owned by the tester" sh -c \
    "test \"\$(stat -c %U:%G '$H/stick.otb')\" = \
    \"$TESTER:\$(id -gn $TESTER)\""
as_user ln -s "$PROTECTED_DIR" "$H/way-in"
as_user "$OT" --as grace export summary "$F" -o "$H/way-in/leak.txt" \
    > /dev/null 2> "$WORK/err"
check "an export through a link into the directory is refused" test $? != 0
check "and nothing was written there" test ! -e "$PROTECTED_DIR/leak.txt"
as_user "$OT" bundle import "$H/way-in/oneteam.db" > /dev/null 2> "$WORK/err"
check "a bundle import of the database through the link cannot read it" \
    grep -q "Permission denied" "$WORK/err"
ONETEAM_PASSPHRASE_FILE=$H/way-in/oneteam.db.key as_user "$OT" --as grace \
    family list > /dev/null 2> "$WORK/err"
check "a passphrase file through the link cannot be read" \
    grep -q "cannot read $H/way-in/oneteam.db.key.*Permission denied" \
    "$WORK/err"
as_user "$OT" bundle info "$H/stick.otb" > /dev/null 2> "$WORK/err"
ok "their own bundle is read" $?
as_user "$OT" --as grace export summary "$F" -o "$DB-wal" > /dev/null \
    2> "$WORK/err"
check "an export named into the directory is refused" \
    grep -q "Permission denied" "$WORK/err"
check "and left no file there" test ! -e "$DB-wal"
as_user "$OT" --as grace bundle export --full \
    -o "$PROTECTED_DIR/bundles/in.otb" > /dev/null 2> "$WORK/err"
check "so is a bundle named into its bundle directory" \
    grep -q "Permission denied" "$WORK/err"
as_user "$OT" --as grace story edit "$F" worries --file "$DB.key" \
    > /dev/null 2> "$WORK/err"
check "a story's text read from the key file cannot be read" \
    grep -q "Permission denied" "$WORK/err"
check "and the story holds none of it" sh -c "! '$OT' --as grace story \
    show '$F' | grep -q 'key '"
cp "$DB" "$PROTECTED_DIR/copy.db"
chmod 660 "$PROTECTED_DIR/copy.db"
as_user "$OT" --db "$PROTECTED_DIR/copy.db" --as grace family show "$F" \
    > /dev/null 2> "$WORK/err"
check "another database in the directory is refused to the tester (7)" \
    test $? = 7
check "saying the install opens its own only" \
    grep -qF "opens its database, $DB, only" "$WORK/err"
rm -f "$PROTECTED_DIR/copy.db"

# The bundle directory, anyone's to name, is kept apart from the database.
cp "$PROTECTED_CONFIG" "$WORK/config.saved"
printf '[bundles]\ndirectory = %s\n' "$PROTECTED_DIR" >> "$PROTECTED_CONFIG"
as_user "$OT" config > /dev/null 2> "$WORK/err"
check "a bundle directory that is the install's own is refused (exit 7)" \
    test $? = 7
check "saying where the bundles are kept" \
    grep -q "keeps its database, key file and bundles in" "$WORK/err"
cp "$WORK/config.saved" "$PROTECTED_CONFIG"
printf '[bundles]\ndirectory = %s/bundles/..\n' "$PROTECTED_DIR" \
    >> "$PROTECTED_CONFIG"
check "so is a way round to it" sh -c "! '$OT' config > /dev/null 2>&1"
cp "$WORK/config.saved" "$PROTECTED_CONFIG"
printf '[bundles]\ndirectory = %s/shared-bundles\n' "$H" \
    >> "$PROTECTED_CONFIG"
check "and one outside it, where anyone could plant a link" sh -c \
    "! '$OT' config > /dev/null 2>&1"
cp "$WORK/config.saved" "$PROTECTED_CONFIG"

# The site's team: the machine's administrator's to make or join; else
# a colleague joins the hub to a team of their own making and sends
# themselves an administrator in a bundle.
printf 'their own team passphrase\n' > "$H/tp"
chown "$TESTER" "$H/tp"
as_user "$OT" team create --kdf interactive --passphrase-file "$H/tp" \
    > /dev/null 2> "$WORK/err"
check "team create by the tester is refused" \
    grep -q "only the machine's administrator" "$WORK/err"
as_user "$OT" team join "$H/stick.otb" --passphrase-file "$H/tp" \
    > /dev/null 2> "$WORK/err"
check "so is team join" grep -q "only the machine's administrator" \
    "$WORK/err"
# A name in /proc/self/fd leads to the -wal or -shm the tester's own
# oneteam made: theirs to open, but the group's, so refused.
as_user "$OT" --as grace story edit "$F" worries --file /proc/self/fd/4 \
    > /dev/null 2> "$WORK/err"
check "a story's text from /proc/self/fd/4 is refused" \
    grep -q "Permission denied" "$WORK/err"

# Who manages whom holds here too: Tom cannot set Grace's passphrase.
ONETEAM_PASSPHRASE_FILE=$H/tom as_user "$OT" --as tom staff passwd grace \
    --passphrase-file "$H/tom" > /dev/null 2> "$WORK/err"
check "a colleague cannot set another's passphrase" test $? != 0

# The screens, in tmux as the tester: sign in, record a contact, and the
# command line reads it; the running program cannot be looked into.
if command -v tmux > /dev/null; then
	screen() { as_user tmux -S "$SOCK" capture-pane -p -t t; }
	keys() { as_user tmux -S "$SOCK" send-keys -t t "$@"; }
	text() { as_user tmux -S "$SOCK" send-keys -t t -l "$1"; }
	wait_for() {
		i=0
		while [ "$i" -lt $((WAIT * 20)) ]; do
			screen > "$WORK/screen" 2>/dev/null
			grep -qF -- "$1" "$WORK/screen" && return 0
			sleep 0.05
			i=$((i + 1))
		done
		sed 's/^/# | /' "$WORK/screen"
		return 1
	}
	: > "$WORK/err"
	as_user tmux -S "$SOCK" -f /dev/null new-session -d -x 120 -y 30 -s t \
	    "env TERM=screen HOME=$H ONETEAM_NOW=2025-06-01T09:00:00Z $OT; \
	    exec sleep 86400"
	wait_for "Who is using oneteam?"
	ok "the screens open for the tester" $?
	text grace
	keys Enter
	wait_for "Passphrase for Grace Okafor:"
	ok "and ask Grace's passphrase" $?
	text "grace keeps a long one"
	keys Enter
	wait_for "Families │"
	ok "which signs her in" $?
	# This test's oneteam: the child of its pane's shell.
	pane=$(as_user tmux -S "$SOCK" display-message -p -t t '#{pane_pid}')
	pid=$(pgrep -P "$pane" -x oneteam | head -n 1)
	[ -n "$pid" ] && denied ls "/proc/$pid/fd"
	ok "the running oneteam's open files cannot be reached ($pid)" $?
	[ -n "$pid" ] && denied cat "/proc/$pid/environ"
	ok "nor its environment" $?
	keys /
	text "Protected"
	wait_for "$F"
	ok "search finds the family" $?
	keys Enter
	wait_for "Protected family"
	ok "Enter opens it" $?
	keys c
	wait_for "Log a contact"
	ok "c opens the contact form" $?
	text "phone"
	keys Enter
	keys Tab Tab Tab Tab Tab
	text "Called from the shared terminal."
	keys F2
	wait_for "recorded."
	ok "the contact is saved" $?
	check "the command line reads it, at the real time" sh -c \
	    "'$OT' --as grace --format tsv contact list '$F' | grep \
	    'Called from the shared terminal' | grep -q \"\$(date -u +%Y)-\""
	as_user tmux -S "$SOCK" kill-server 2>/dev/null
fi

check "oneteam check finds the database whole" sh -c \
    "'$OT' check > /dev/null 2>&1"
echo "1..$TESTS_RUN"
[ "$TESTS_FAILED" -eq 0 ]
