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
	cat > "$WORK/oneteam.ini" <<-INI
	[site]
	name = office
	locality = Riverside
	[bundles]
	directory = $WORK/bundles
	INI
	ONETEAM_CONFIG=$WORK/oneteam.ini
	ONETEAM_NOW=${ONETEAM_NOW:-2026-11-23T09:00:00Z}
	TZ=Europe/London
	LC_ALL=C.UTF-8
	export ONETEAM_CONFIG ONETEAM_NOW TZ LC_ALL
	unset ONETEAM_STAFF XDG_CONFIG_HOME NO_COLOR
	if ! command -v tmux > /dev/null; then
		echo "1..0 # SKIP tmux is not installed"
		exit 0
	fi
}

# ot ARGS: oneteam on the test database, as the command line.
ot() {
	"$ONETEAM" --db "$DB" "$@"
}

# demo: the demo locality in the test database.
demo() {
	ot demo --replace --families "${1:-40}" --seed 7 > /dev/null
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
	tmux -S "$SOCK" -f /dev/null new-session -d -x "$cols" -y "$lines" \
	    -s t "env $envs $ONETEAM --db $DB $*"
	tmux -S "$SOCK" set-option -t t remain-on-exit on > /dev/null
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
	echo timeout
	return 1
}

# signin NAME: at the sign-in, choose NAME, and wait for Families.
signin() {
	wait_for "Who is using oneteam?"
	text "$1"
	keys Enter
	wait_for "Families │"
}

finish() {
	echo "1..$TESTS_RUN"
	[ "$TESTS_FAILED" -eq 0 ]
}
