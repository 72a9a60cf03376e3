# Any direction (issue 26): the Bosnian statement through batch with the
# sample TM, every output as published; reverse lookups; a pairwise TMX
# (en -> hr) answers hr -> en.
. tests/cli/lib.sh

S=samples
check_ok "import the sample TM" "$TUMAC" tm import --tm "$WORK/s.db" tm/samples.tmx
check_ok "hr -> en lookup" "$TUMAC" tm lookup --tm "$WORK/s.db" -s hr -t en \
  "Misija OESS-a osuđuje fizički napad na novinarku u Bijeljini"
check_grep "the Croatian title finds the English one at 100" \
  '^100	.*	OSCE Mission condemns physical attack on journalist in Bijeljina$' "$WORK/.out"
cp "$S/statement-attack-journalist.bs.txt" "$WORK/st.bs.txt"
check_ok "batch from Bosnian" "$TUMAC" batch --tm "$WORK/s.db" -j 1 -s bs \
  -t en,hr,sr-Latn,sr-Cyrl -o "$WORK/out" "$WORK/st.bs.txt"
check_grep "nothing left to translate" '0 of 582 words to translate' "$WORK/.err"
for l in en hr sr-Latn sr-Cyrl; do
  check_files_same "$l equals the published translation" "$WORK/out/$l/st.bs.txt" \
    "$S/statement-attack-journalist.$l.txt"
done
printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>\n<tu><tuv xml:lang="en"><seg>The office opens today.</seg></tuv><tuv xml:lang="hr"><seg>Ured se otvara danas.</seg></tuv></tu>\n</body></tmx>\n' > "$WORK/pair.tmx"
check_ok "import a pairwise TMX" "$TUMAC" tm import --tm "$WORK/p.db" "$WORK/pair.tmx"
check_ok "hr -> en on it" "$TUMAC" tm lookup --tm "$WORK/p.db" -s hr -t en "Ured se otvara danas."
check_grep "the pair answers backwards" '^100	Ured se otvara danas.	The office opens today.$' "$WORK/.out"
check_ok "export" "$TUMAC" tm export --tm "$WORK/p.db"
check_eq "the export has the given pair only" "$(grep -c '<tu ' "$WORK/.out")" 1
