# Shared by the tests of the screens (tests/tui/*.sh), which drive oneteam
# in tmux on a private socket: send keys, wait for the screen to show what
# it should, and read it back. Each expectation is one TAP test.
#
# Pinned: the terminal size (per test), TERM (screen, which every ncurses
# install has), the locale, the time zone, the clock (ONETEAM_NOW) and the
# configuration. The demo database is made with a fixed seed.

set -u
: "${ONETEAM:?set ONETEAM to the oneteam binary}"
: "${srcdir:=.}"
TESTS_RUN=0
TESTS_FAILED=0
# How long to wait for the screen to show something (ASan builds are slow).
WAIT=${TUI_WAIT:-20}

setup() {
	NAME=$(basename "$0" .sh)
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/oneteam-tui-$NAME.XXXXXX")
	SOCK=$WORK/tmux.sock
	trap 'tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
	DB=$WORK/oneteam.db
	site_ini "$WORK/oneteam.ini" office
	ONETEAM_CONFIG=$WORK/oneteam.ini
	ONETEAM_NOW=${ONETEAM_NOW:-2026-11-23T09:00:00Z}
	TZ=Europe/London
	LC_ALL=C.UTF-8
	export ONETEAM_CONFIG ONETEAM_NOW TZ LC_ALL
	unset ONETEAM_STAFF ONETEAM_SESSION ONETEAM_PASSPHRASE_FILE \
	    XDG_CONFIG_HOME NO_COLOR
	if ! command -v tmux > /dev/null; then
		echo "1..0 # SKIP tmux is not installed"
		exit 0
	fi
}

# site_ini FILE NAME: the configuration of a site of that name in
# Riverside, its bundle directory the test's.
site_ini() {
	cat > "$1" <<-INI
	[site]
	name = $2
	locality = Riverside
	[bundles]
	directory = $WORK/bundles
	INI
}

# ot ARGS: oneteam on the test database, as the command line.
ot() {
	"$ONETEAM" --db "$DB" "$@"
}

# demo: the demo locality in the test database; the commands that follow
# prove the demo staff's names with their passphrase.
demo() {
	ot demo --replace --families "${1:-40}" --seed 7 > /dev/null
	printf 'riverside demo\n' > "$WORK/demo-pass"
	ONETEAM_PASSPHRASE_FILE=$WORK/demo-pass
	export ONETEAM_PASSPHRASE_FILE
}

# laptop FULL: a team made at the test database (the office), and a
# second site of it, "laptop", joined with the office's full bundle
# written to FULL and holding all of it, and admitted at the office;
# LAPTOP is the options that open the laptop's database.
laptop() {
	site_ini "$WORK/laptop.ini" laptop
	LAPTOP="--db $WORK/laptop.db --config $WORK/laptop.ini"
	printf 'a long team passphrase\n' > "$WORK/pass"
	ot team create --kdf interactive --passphrase-file "$WORK/pass" \
	    > /dev/null
	ot bundle export --full -o "$1" > /dev/null
	"$ONETEAM" $LAPTOP init > /dev/null
	"$ONETEAM" $LAPTOP team join "$1" --passphrase-file "$WORK/pass" \
	    > /dev/null
	"$ONETEAM" $LAPTOP bundle import "$1" > /dev/null
	# Admitted at the office, by Grace, from a first bundle of its:
	# until then the office holds its changes (team admit).
	"$ONETEAM" $LAPTOP bundle export --for office -o "$WORK/hello.otb" \
	    > /dev/null
	ot bundle import "$WORK/hello.otb" > /dev/null
	ot --as grace team admit "$("$ONETEAM" $LAPTOP --format tsv team show |
	    sed -n 's/^fingerprint\t//p')" --name laptop > /dev/null
	rm -f "$WORK/hello.otb"
}

# start COLS LINES [VAR=VALUE...] [-- ARGS]: run oneteam ARGS in a new tmux
# session of that size, with the environment variables given.
start() {
	cols=$1
	lines=$2
	shift 2
	envs="TERM=screen"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs="$envs $1"
		shift
	done
	[ $# -gt 0 ] && shift
	tmux -S "$SOCK" kill-server 2>/dev/null
	# A new socket for the new server: a server started on the old one
	# while the old server is still on its way out goes with it
	# ("server exited unexpectedly").
	STARTS=$((${STARTS:-0} + 1))
	SOCK=$WORK/tmux$STARTS.sock
	rm -f "$WORK/status"
	# When oneteam ends, its status goes to a file and the pane is kept,
	# its terminal open and quiet, so all that oneteam wrote is seen:
	# tmux 3.3 can lose the SIGCHLD (libutempter) and so the status, has
	# no #{pane_dead_signal}, and may close a pane before it has read the
	# last bytes written to it (a refusal's message).
	tmux -S "$SOCK" -f /dev/null new-session -d -x "$cols" -y "$lines" \
	    -s t "env $envs $ONETEAM --db $DB $*; echo \$? > $WORK/status;
	    stty -echo; exec sleep 86400" \; \
	    set-option -t t remain-on-exit on > /dev/null
}

# keys KEYS...: as tmux send-keys (names like Enter, Tab, F2 work).
keys() {
	tmux -S "$SOCK" send-keys -t t "$@"
}

# text TEXT: type text literally, not as key names.
text() {
	tmux -S "$SOCK" send-keys -t t -l "$1"
}

# screen: what the pane shows now.
screen() {
	tmux -S "$SOCK" capture-pane -p -t t
}

# wait_for TEXT: wait until the screen shows TEXT (a fixed string).
wait_for() {
	i=0
	while [ "$i" -lt $((WAIT * 20)) ]; do
		screen > "$WORK/screen" 2>/dev/null
		grep -qF -- "$1" "$WORK/screen" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# ok DESCRIPTION STATUS: one TAP result.
ok() {
	TESTS_RUN=$((TESTS_RUN + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $TESTS_RUN - $1"
	else
		echo "not ok $TESTS_RUN - $1"
		TESTS_FAILED=$((TESTS_FAILED + 1))
		screen 2>/dev/null | sed 's/^/# | /'
	fi
}

# expect DESCRIPTION TEXT: a test that the screen comes to show TEXT.
expect() {
	wait_for "$2"
	ok "$1" $?
}

# expect_not DESCRIPTION TEXT: the screen (as it is now) lacks TEXT.
expect_not() {
	screen > "$WORK/screen"
	! grep -qF -- "$2" "$WORK/screen"
	ok "$1" $?
}

# check DESCRIPTION COMMAND...: a test that a shell command succeeds.
check() {
	what=$1
	shift
	"$@"
	ok "$what" $?
}

# exited: wait for oneteam to end; its exit status on stdout, or "signal
# N" if a signal ended it. tmux may call a pane dead a moment before it
# knows the status, so wait for that too.
exited() {
	i=0
	while [ "$i" -lt $((WAIT * 20)) ]; do
		file_status && return 0
		dead=$(tmux -S "$SOCK" display-message -p -t t \
		    '#{pane_dead} #{pane_dead_status} #{pane_dead_signal}' \
		    2>/dev/null)
		case $dead in
		"1 "[0-9]*) dead=${dead#1 }; echo "${dead% *}"; return 0 ;;
		"1  "[0-9]*) echo "signal ${dead#1  }"; return 0 ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	echo "timeout ($dead)"
	return 1
}

# signin NAME [PASSPHRASE]: at the sign-in, choose NAME, give the
# passphrase (the demo's unless another is given) when it is asked for,
# and wait for Families.
signin() {
	wait_for "Who is using oneteam?"
	text "$1"
	keys Enter
	i=0
	while [ "$i" -lt $((WAIT * 20)) ]; do
		screen > "$WORK/screen" 2>/dev/null
		grep -qF "Families │" "$WORK/screen" && return 0
		if grep -qF "Passphrase for" "$WORK/screen"; then
			text "${2:-riverside demo}"
			keys Enter
			wait_for "Families │"
			return
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# under LABEL TEXT: the screen's line after the field labelled LABEL
# holds TEXT, and nothing on the screen names an option ("--").
under() {
	wait_for "$2"
	awk -v label="$1" -v want="$2" '
		found { exit index($0, "! " want) ? 0 : 1 }
		index($0, label) { found = 1 }
		END { if (!found) exit 1 }' "$WORK/screen" &&
	    ! grep -q -- '--[a-z]' "$WORK/screen"
}

# grace_family: a family of Grace's in the demo with a surname no other
# family has, so that typing part of it finds the one family: FAM, its
# SURNAME and PART, the surname's first four letters, to type.
grace_family() {
	ot --as grace family list all --format tsv |
	    awk -F'\t' 'NR > 1 { split($2, w, " "); print w[1] }' |
	    sort | uniq -u > "$WORK/unique"
	set -- $(ot --as grace family list --format tsv | awk -F'\t' '
		NR == FNR { unique[$0] = 1; next }
		FNR > 1 { split($2, w, " "); if (w[1] in unique) {
		    print $1, w[1]; exit } }
	    ' "$WORK/unique" -)
	FAM=$1 SURNAME=$2
	PART=$(printf '%s' "$SURNAME" | cut -c1-4)
}

finish() {
	echo "1..$TESTS_RUN"
	[ "$TESTS_FAILED" -eq 0 ]
}

# --- sizes, widths and the life of the pane --------------------------------

# file_status: the status the pane's shell wrote when oneteam ended (see
# start), as exited gives it; fails if oneteam has not ended.
file_status() {
	[ -s "$WORK/status" ] || return 1
	fs=$(cat "$WORK/status")
	[ "$fs" -gt 128 ] && fs="signal $((fs - 128))"
	echo "$fs"
}

# status_now: "alive" while oneteam runs, else as exited, at once.
status_now() {
	file_status && return 0
	sn=$(tmux -S "$SOCK" display-message -p -t t '#{pane_dead}' 2>/dev/null)
	case $sn in
	0) echo alive ;;
	1) echo "unknown" ;;
	*) echo "gone" ;;
	esac
}

# resize COLS LINES: make the terminal that size, as dragging the window
# would (oneteam is sent SIGWINCH).
resize() {
	tmux -S "$SOCK" resize-window -t t -x "$1" -y "$2"
}

# line N: line N (from 1) of the screen now, without trailing blanks.
line() {
	screen | sed -n "$1{s/ *\$//;p;}"
}

# eventually COMMAND...: wait until a shell command succeeds.
eventually() {
	ev=0
	while [ "$ev" -lt $((WAIT * 20)) ]; do
		"$@" && return 0
		sleep 0.05
		ev=$((ev + 1))
	done
	return 1
}

# expect_that DESCRIPTION COMMAND...: a test that a command comes to succeed
# (for what a fixed string cannot say: where, how wide, how many).
expect_that() {
	what=$1
	shift
	eventually "$@"
	ok "$what" $?
}

# shown_not TEXT: the screen (as it is now) lacks TEXT.
shown_not() {
	! screen | grep -qF -- "$1"
}

# skip DESCRIPTION REASON: a test that cannot be run here.
skip() {
	TESTS_RUN=$((TESTS_RUN + 1))
	echo "ok $TESTS_RUN - $1 # SKIP $2"
}

# widths: the display width of each line on standard input, one a line,
# counted as a terminal does (wide characters 2 columns, combining marks
# 0), with Python's Unicode tables (a second opinion to the C library's
# wcwidth that oneteam uses) or, without Python, GNU wc -L.
widths() {
	# Python itself, found once (in a file, as this runs in subshells):
	# a version manager's shim can take half a second a call.
	if [ ! -f "$WORK/python" ]; then
		python3 -c 'import sys; print(sys.executable)' \
		    > "$WORK/python" 2>/dev/null || : > "$WORK/python"
	fi
	PYTHON=$(cat "$WORK/python")
	if [ -n "$PYTHON" ]; then
		"$PYTHON" -S -c '
import io, sys, unicodedata as u
def w(c):
    if u.combining(c) or u.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if u.east_asian_width(c) in "WF" else 1
for l in io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8",
    errors="replace"):
    print(sum(map(w, l.rstrip("\n"))))'
	else
		while IFS= read -r wl; do
			printf '%s\n' "$wl" | wc -L | tr -d ' '
		done
	fi
}

# width: the display width of the widest line on standard input.
width() {
	widths | sort -n | tail -n 1
}

# column_of LINE TEXT: the display column (from 0) at which TEXT first
# starts in LINE, or -1 if it is not there.
column_of() {
	case $1 in
	*"$2"*) printf '%s\n' "${1%%"$2"*}" | width ;;
	*) echo -1 ;;
	esac
}
