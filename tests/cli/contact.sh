#!/bin/sh
# Golden test: contacts and the tell-it-once family story from the command
# line, corrections that keep the original, and every refusal.
. "${srcdir:-.}/tests/cli/lib.sh"
setup

ot init --name "Amira Khan" --role "health visitor" \
    --agency "health visiting" --coordinator > /dev/null
ot --as amira staff add "Tom Brennan" --role "early help worker" \
    --agency "early help" > /dev/null
F=$(ot --as amira --format tsv family add "Khan family" --level 2)
N=$(ot --as amira --format tsv family add "Nowak" --level 3)
ot --as amira person add "$F" "Aisha Khan" --relationship mother > /dev/null
ot --as amira person add "$F" "Yusuf Khan" --relationship child > /dev/null
ot --as amira person add "$F" "Sara Khan" --relationship child > /dev/null
PIOTR=$(ot --as amira --format tsv person add "$N" "Piotr Nowak")

# Recording contacts.
run 0 contact add --help
run 2 contact add
run 2 contact add "$F"
run 1 contact add "$F" --kind phone --summary "Phoned mum"
run 0 --as amira contact add "$F" --kind "home visit" \
    --at "yesterday 14:00" --venue "Family home" --seen "aisha, Yusuf" \
    --summary "$(printf 'Mum coping; baby weighed.\nYusuf said: «мне нравится садик». 我很好')" \
    --follow-up +14d
printf 'Phoned mum.\r\nNo answer; left a message.\r\n' > "$WORK/summary"
run 0 --as tom contact add "$F" --kind phone --at 9:00 --summary - \
    < "$WORK/summary"
C1=$(ot --as amira --format tsv contact add "$F" --kind clinic --at 8:30 \
    --venue "Riverside clinic" --seen Sara --summary "Baby weighed: 6.1 kg")
C2=$(ot --as amira --format tsv contact add "$F" --kind "home visit" \
    --planned --at "tomorrow 10:00" --venue "Family home")
run 0 --as amira contact list "$F"
run 0 --format tsv --as amira contact list "$F"
run 0 --format json --as amira contact list "$F"
run 0 --as amira contact list "$N"

before=$(db_hash)
run 1 --as amira contact add "$F" --kind teleport --summary x
run 1 --as amira contact add "$F" --kind phone
run 1 --as amira contact add "$F" --kind phone --summary " "
run 1 --as amira contact add "$F" --kind phone --summary x \
    --at "tomorrow 10:00"
run 1 --as amira contact add "$F" --kind phone --summary x --at "someday"
run 1 --as amira contact add "$F" --kind phone \
    --summary "$(printf 'Mum said \033[31mhello\033[0m')"
run 1 --as amira contact add "$F" --kind phone --summary x \
    --follow-up yesterday
run 1 --as amira contact add "$F" --kind phone --summary x \
    --follow-up 31/2
run 1 --as amira contact add "$F" --kind phone --summary x --seen Piotr
run 1 --as amira contact add "$F" --kind phone --summary x --seen "$PIOTR"
run 1 --as amira contact add "$F" --kind phone --summary x --seen Khan
run 3 --as amira contact add "$F" --kind phone --summary x --seen P-ZZZZZ
run 1 --as amira contact add "$F" --kind phone --summary x \
    --venue "$(printf 'GP\nsurgery')"
run 1 --as amira contact add "$F" --kind phone --summary - < /dev/null
run 3 --as amira contact add F-ZZZZZ --kind phone --summary x
run 2 --as amira contact add "$F" --kind phone --summary x --done
run 2 --as amira contact add "$F" --kind phone --summary x --wrong
check "refused contacts leave the database as it was" \
    test "$before" = "$(db_hash)"

# Corrections: a new revision, the original kept.
run 0 contact correct --help
before=$(db_hash)
run 2 --as amira contact correct "$C1"
run 1 --as amira contact correct "$C1" --venue "Riverside clinic"
run 1 --as amira contact correct "$C1" --summary ""
run 1 --as amira contact correct "$C2" --done
run 1 --as amira contact correct "$C2" --done --at 9:00
run 1 --as amira contact correct "$C1" --done
run 2 --as amira contact correct "$C1" --planned
run 3 --as amira contact correct C-ZZZZZ --summary x
run 1 --as amira contact correct "$F" --summary x
check "refused corrections leave the database as it was" \
    test "$before" = "$(db_hash)"
run 0 --as tom contact correct "$C1" --summary "Baby weighed: 6.2 kg" \
    --follow-up +7d
run 0 --as amira contact correct "$C1" --follow-up "" --seen "sara, aisha"
run 0 --as amira contact correct "$C2" --done --at 9:15 \
    --summary "Came early at mum's request: baby feeding well"
run 0 --as amira contact list "$F"
run 0 --as amira contact list "$F" --all
run 0 --format tsv --as amira contact list "$F" --all

# The family's story, told once.
run 0 story edit --help
run 0 --as amira story show "$F"
run 0 --format json --as amira story show "$F"
run 0 --as amira story edit "$F" "Our family" \
    --text "$(printf 'Mum Aisha, Yusuf (4) and baby Sara.\nDad works nights.')"
printf 'Я люблю садик.\r\n我喜欢幼儿园。\r\nI like nursery and my friend Ali.\r\n' \
    > "$WORK/voice"
run 0 --as tom story edit "$F" voice < "$WORK/voice"
printf 'Mum is tired and low since Sara was born.\n' > "$WORK/worries"
run 0 --as amira story edit "$F" worries --file "$WORK/worries" \
    --read-back today

before=$(db_hash)
run 1 --as amira story edit "$F" worries --file "$WORK/worries"
run 1 --as amira story edit "$F" worries \
    --text "$(printf 'Clear the screen \033[2J please')"
run 1 --as amira story edit "$F" what --text x
run 1 --as amira story edit "$F" money --text x
run 1 --as amira story edit "$F" working --text ""
run 1 --as amira story edit "$F" history --read-back today
run 1 --as amira story edit "$F" voice --read-back tomorrow
run 1 --as amira story edit "$F" voice --read-back "31/2"
run 1 --as amira story edit "$F" worries --read-back today
run 1 --as amira story edit "$F" voice --file "$WORK/missing"
run 1 story edit "$F" voice --text x
run 2 --as amira story edit "$F"
run 2 --as amira story edit "$F" voice --text x --file "$WORK/voice"
run 3 --as amira story edit F-ZZZZZ voice --text x
check "refused story edits leave the database as it was" \
    test "$before" = "$(db_hash)"

run 0 --as amira story edit "$F" voice --read-back yesterday
run 0 --as tom story edit "$F" our \
    --text "$(printf 'Mum Aisha, Yusuf (4) and baby Sara.\nDad works nights; Nan lives close.')"
run 0 --as tom story edit "$F" worries --text ""
run 0 --as amira story show "$F"
run 0 --as amira story show "$F" our --history
run 0 --as amira story show "$F" worries --history
run 0 --format tsv --as amira story show "$F" voice
run 0 --format json --as amira story show "$F" our --history
run 1 --as amira story show "$F" money
run 2 --as amira story show
run 0 --as amira story show "$N"
finish
