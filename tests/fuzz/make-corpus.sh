#!/bin/sh
# Remake the seed corpus of the bundle fuzz target: a demo database made
# by oneteam, a team with a passphrase known to no one else, changes of
# fields (one of them a conflict resolved, whose base lists two changes),
# a full bundle, then gen-corpus turns its changes into seeds.
#	make-corpus.sh oneteam gen-corpus corpus-directory
set -eu
if [ $# -ne 3 ]; then
	echo "usage: make-corpus.sh oneteam gen-corpus directory" >&2
	exit 2
fi
ot=$1
gen=$2
out=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/oneteam-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
printf '[site]\nname = corpus-site\nlocality = Riverside\n' > "$work/a.ini"
printf '[site]\nname = corpus-laptop\nlocality = Riverside\n' > "$work/b.ini"
printf 'the fuzz corpus passphrase\n' > "$work/pass"
# The demo's staff prove their names with its passphrase.
printf 'riverside demo\n' > "$work/demo-pass"
ONETEAM_PASSPHRASE_FILE=$work/demo-pass
export ONETEAM_PASSPHRASE_FILE
# a|b ARGS: oneteam at the first site (as its coordinator) or the second.
a() {
	"$ot" --db "$work/a.db" --config "$work/a.ini" --as "Grace Okafor" \
	    "$@"
}
b() {
	"$ot" --db "$work/b.db" --config "$work/b.ini" "$@"
}
a demo --families 2 --seed 7 > /dev/null
a team create --kdf interactive --passphrase-file "$work/pass" > /dev/null
F=$(a --format tsv family list | awk 'NR == 2 { print $1 }')
a family set "$F" --postcode "RV1 2AB" --lead "" --level 3 \
    --reason "Rent arrears and a new baby" > /dev/null
a bundle export --full -o "$work/1.otb" > /dev/null
b init --name "Ruth Ellison" --role "early help worker" \
    --agency "early help" > /dev/null
b team join "$work/1.otb" --passphrase-file "$work/pass" > /dev/null
b bundle import "$work/1.otb" > /dev/null
a family set "$F" --household "Khan-Ahmed family" > /dev/null
tick=$(printf '\342\234\223')	# U+2713, three bytes of UTF-8
b --as "Ruth Ellison" family set "$F" \
    --household "Khan family (Riverside) $tick" > /dev/null
b bundle export --full -o "$work/2.otb" > /dev/null
a bundle import "$work/2.otb" > /dev/null
a conflicts resolve "$F" household --take 2 > /dev/null
a bundle export --full -o "$work/full.otb" > /dev/null
mkdir -p "$out"
rm -f "$out"/*
"$gen" "$work/a.db.key" "$work/full.otb" "$out"
