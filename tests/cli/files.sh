#!/bin/sh
# Files made by oneteam are readable by their owner only, whatever the
# umask allows (and narrower if the umask says so): the database and its
# -wal and -shm files, the team key file, a bundle, under umasks 022, 000
# and 077. And a running oneteam may not leave a core dump. TAP, no
# transcript.
. "${srcdir:-.}/tests/cli/lib.sh"
setup
printf 'a long team passphrase\n' > "$WORK/pass"

# mode FILE: its permission bits in octal.
mode() {
	stat -c %a "$1"
}

for mask in 022 000 077; do
	D=$WORK/u$mask
	mkdir "$D"
	(
		umask $mask
		"$ONETEAM" --db "$D/team.db" init --name "Grace Okafor" \
		    --role "locality coordinator" --agency "early help" \
		    --coordinator > /dev/null &&
		"$ONETEAM" --db "$D/team.db" --as grace family add "Khan" \
		    > /dev/null &&
		"$ONETEAM" --db "$D/team.db" team create --kdf interactive \
		    --passphrase-file "$WORK/pass" > /dev/null &&
		"$ONETEAM" --db "$D/team.db" bundle export --full \
		    -o "$D/all.otb" > /dev/null &&
		"$ONETEAM" --db "$D/demo.db" demo --families 3 > /dev/null
	)
	check "umask $mask: the commands ran" test $? -eq 0
	for f in "$D/team.db" "$D/team.db.key" "$D/all.otb" "$D/demo.db"; do
		check "umask $mask: $(basename "$f") is 600 ($(mode "$f"))" \
		    test "$(mode "$f")" = 600
	done
	# The -wal and -shm files, made while a reader holds the database
	# open, take its mode.
	(
		umask $mask
		# The reader holds on until the modes are read, however slow
		# the machine (a sanitizer build): a reader gone first would
		# take the -wal and -shm files with it.
		(echo "BEGIN; SELECT count(*) FROM op;"
		    while [ ! -e "$D/read" ]; do sleep 0.1; done) |
		    sqlite3 "$D/team.db" > /dev/null &
		sleep 0.5
		"$ONETEAM" --db "$D/team.db" --as grace family add "Ali" \
		    > /dev/null
		for f in "$D/team.db-wal" "$D/team.db-shm"; do
			echo "$(basename "$f") $(mode "$f")"
		done > "$D/modes"
		touch "$D/read"
		wait
	)
	while read -r f m; do
		check "umask $mask: $f is 600 ($m)" test "$m" = 600
	done < "$D/modes"
done

# A oneteam waiting for a passphrase on a pipe: no core file, ever.
mkfifo "$WORK/fifo"
"$ONETEAM" --db "$WORK/u022/demo.db" team create --kdf interactive \
    < "$WORK/fifo" > /dev/null 2>&1 &
PID=$!
exec 4> "$WORK/fifo"
# no_core: its core size is 0 (as root, who may read its limits), or
# (as anyone else) its /proc files are closed to us: it is not dumpable.
no_core() {
	if [ "$(id -u)" = 0 ]; then
		grep '^Max core file size' "/proc/$PID/limits" 2>/dev/null |
		    awk '{ exit !($5 == 0 && $6 == 0) }'
	else
		! cat "/proc/$PID/limits" > /dev/null 2>&1
	fi
}
# main() protects itself first, but the process may be starting still.
i=0
while [ "$i" -lt 200 ] && ! no_core; do
	sleep 0.05
	i=$((i + 1))
done
check "a running oneteam may not dump core" no_core
exec 4>&-
wait "$PID" 2> /dev/null
echo "1..$TESTS_RUN"
[ "$TESTS_FAILED" -eq 0 ]
