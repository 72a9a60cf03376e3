# Any direction (issue 26, schema 8): the variants of one <tu> answer every
# pair among their languages; a pairwise TM answers backwards; storing a pair
# adds to the sentence's group; export writes one <tu> per sentence.
. tests/cli/lib.sh

check_ok "import the sample TM (five languages in every <tu>)" \
  "$TUMAC" tm import --tm "$WORK/s.db" tm/samples.tmx
check_grep "each <tu> is one group of five variants" '60 read, 240 added' "$WORK/.err"
check_eq "60 groups of 5 variants" \
  "$(sqlite3 "$WORK/s.db" "SELECT count(*), count(DISTINCT grp) FROM tuv; SELECT count(*) FROM tu_group")" \
  "$(printf '300|60\n60')"

check_ok "hr -> en" "$TUMAC" tm lookup --tm "$WORK/s.db" -s hr -t en \
  "Misija OESS-a osuđuje fizički napad na novinarku u Bijeljini"
check_eq "the Croatian title finds the English one at 100" "$(head -1 "$WORK/.out")" \
  "$(printf '100\tMisija OESS-a osuđuje fizički napad na novinarku u Bijeljini\tOSCE Mission condemns physical attack on journalist in Bijeljina')"
check_ok "sr-Cyrl -> bs" "$TUMAC" tm lookup --tm "$WORK/s.db" -s sr-Cyrl -t bs \
  "Мисија ОЕБС-а осуђује физички напад на новинарку у Бијељини"
check_eq "a Cyrillic query finds the Bosnian variant of its group" "$(head -1 "$WORK/.out" | cut -f1,3)" \
  "$(printf '100\tMisija OSCE-a osuđuje fizički napad na novinarku u Bijeljini')"
check_ok "sr-Latn -> sr-Cyrl" "$TUMAC" tm lookup --tm "$WORK/s.db" -s sr-Latn -t sr-Cyrl \
  "Misija OEBS-a osuđuje fizički napad na novinarku u Bijeljini"
check_eq "the stored Cyrillic variant comes first, not a transliteration" "$(head -1 "$WORK/.out" | cut -f1,3)" \
  "$(printf '100\tМисија ОЕБС-а осуђује физички напад на новинарку у Бијељини')"

# every variant, asked in its language for every other language of its
# group, finds that group's variant at 100 (or 99: the same key)
check_ok "every pair of every group" python3 - "$TUMAC" "$WORK/s.db" <<'PY'
import itertools, json, sqlite3, subprocess, sys
tumac, path = sys.argv[1:]
rows = sqlite3.connect(path).execute("SELECT grp, lang, text FROM tuv ORDER BY id").fetchall()
groups = {}
for g, lang, text in rows:
    groups.setdefault(g, {})[lang] = text
asked = bad = 0
for s, t in itertools.permutations(["en", "bs", "hr", "sr-Latn", "sr-Cyrl"], 2):
    qs = [v[s] for v in groups.values()]
    out = subprocess.run([tumac, "tm", "lookup", "--tm", path, "-s", s, "-t", t, "--json", "-"],
                         input="\n".join(qs) + "\n", capture_output=True, text=True, check=True)
    for v, line in zip(groups.values(), out.stdout.splitlines()):
        asked += 1
        ok = any(m["score"] >= 99 and m["target"] == v[t] for m in json.loads(line)["matches"])
        if not ok:
            bad += 1
            print(f"{s} -> {t}: {v[s]!r} did not find {v[t]!r}", file=sys.stderr)
print(f"{asked} asked, {bad} missed")
sys.exit(bad != 0 or asked != 60 * 20)
PY
check_grep "1200 lookups, none missed" '^1200 asked, 0 missed$' "$WORK/.out"

# fuzzy reverse lookups score as forward ones do: the sample TM asked
# hr -> en equals a TM that holds the same sentences stored hr -> en
sqlite3 -separator '	' "$WORK/s.db" \
  "SELECT s.text, t.text FROM tuv s JOIN tuv t ON t.grp = s.grp AND t.lang = 'en'
   WHERE s.lang = 'hr' ORDER BY s.id" > "$WORK/hr-en.tsv"
check_ok "the same sentences as an hr -> en TM" \
  "$TUMAC" tm import --tm "$WORK/fwd.db" -s hr -t en "$WORK/hr-en.tsv"
cut -f1 "$WORK/hr-en.tsv" | python3 -c '
import sys
for i, l in enumerate(sys.stdin.read().splitlines()):
    w = l.split()
    if len(w) > 6:
        del w[i % len(w)]   # one word dropped
        w[(3 * i) % len(w)] = "promijenjeno"
    print(" ".join(w))' > "$WORK/edited.q"
check_ok "fuzzy hr -> en on the sample TM" \
  "$TUMAC" tm lookup --tm "$WORK/s.db" -s hr -t en --min 50 --json - < "$WORK/edited.q"
mv "$WORK/.out" "$WORK/rev.json"
check_ok "fuzzy hr -> en on the hr -> en TM" \
  "$TUMAC" tm lookup --tm "$WORK/fwd.db" -s hr -t en --min 50 --json - < "$WORK/edited.q"
mv "$WORK/.out" "$WORK/fwd.json"
scores() { python3 -c 'import json, sys
for l in open(sys.argv[1]):
    print(" ".join("%d:%s" % (m["score"], m["target"][:30]) for m in json.loads(l)["matches"]))' "$1"; }
check_eq "the same scores and targets, query by query" "$(scores "$WORK/rev.json")" "$(scores "$WORK/fwd.json")"
check_eq "and the queries found something" "$(scores "$WORK/rev.json" | grep -c '^[0-9]')" 60

# the Bosnian statement: every sentence exact in every locale, the finished
# documents as published, with the checks on (a hr target equal to its bs
# source is a sibling standard's sentence, not an untranslated one)
cp samples/statement-attack-journalist.bs.txt "$WORK/st.bs.txt"
check_ok "batch from Bosnian" "$TUMAC" batch --tm "$WORK/s.db" -j 1 -s bs \
  -t en,hr,sr-Latn,sr-Cyrl -o "$WORK/out" "$WORK/st.bs.txt"
check_grep "nothing left to translate" '0 of 582 words to translate' "$WORK/.out"
check_eq "all four checked and finished" \
  "$(python3 -c 'import json, sys
print(sorted({(i["state"], i["checked"]) for i in json.load(open(sys.argv[1]))["items"]}))' "$WORK/out/report.json")" \
  "[('finished', True)]"
check_eq "every segment exact in every locale" \
  "$(python3 -c 'import json, sys
for i in json.load(open(sys.argv[1]))["items"]:
    print(i["locale"], i["counts"]["bands"]["exact"]["segments"], i["counts"]["segments"])' "$WORK/out/report.json")" \
  "$(printf 'en 11 11\nhr 11 11\nsr-Latn 11 11\nsr-Cyrl 11 11')"
for l in en hr sr-Latn sr-Cyrl; do
  check_files_same "$l equals the published translation" "$WORK/out/$l/st.txt" \
    "samples/statement-attack-journalist.$l.txt"
done

# a pairwise TMX answers backwards; the export is the one pair
cat > "$WORK/pair.tmx" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>The office opens today.</seg></tuv><tuv xml:lang="hr"><seg>Ured se otvara danas.</seg></tuv></tu>
</body></tmx>
EOF
check_ok "import a pairwise TMX (en -> hr)" "$TUMAC" tm import --tm "$WORK/p.db" "$WORK/pair.tmx"
check_ok "hr -> en on it" "$TUMAC" tm lookup --tm "$WORK/p.db" -s hr -t en "Ured se otvara danas."
check_eq "the pair answers backwards" "$(cat "$WORK/.out")" \
  "$(printf '100\tUred se otvara danas.\tThe office opens today.')"
check_ok "hr -> en fuzzy" "$TUMAC" tm lookup --tm "$WORK/p.db" -s hr -t en "Ured se otvara sutra."
check_grep "a fuzzy match backwards" '^[0-9]+	Ured se otvara danas.	The office opens today.$' "$WORK/.out"
check_ok "export" "$TUMAC" tm export --tm "$WORK/p.db"
check_eq "the export has the given pair only" "$(grep -c '<tu ' "$WORK/.out")" 1
check_grep "with its source language" '<tu srclang="en"' "$WORK/.out"

# storing a pair of another direction adds to the sentence's group
printf 'Ured se otvara danas.\tUred se otvara danas.\n' > "$WORK/hr-bs.tsv"
printf 'Ured se otvara danas.\tDas Büro öffnet heute.\n' > "$WORK/hr-de.tsv"
check_ok "store hr -> bs" "$TUMAC" tm import --tm "$WORK/p.db" -s hr -t bs "$WORK/hr-bs.tsv"
check_ok "and hr -> de" "$TUMAC" tm import --tm "$WORK/p.db" -s hr -t de "$WORK/hr-de.tsv"
check_eq "one group of four variants (bs and de joined the group of the hr variant)" \
  "$(sqlite3 "$WORK/p.db" "SELECT count(*), count(DISTINCT grp) FROM tuv WHERE lang IN ('en', 'hr', 'bs', 'de')")" "4|1"
check_ok "en -> de through the group" "$TUMAC" tm lookup --tm "$WORK/p.db" -s en -t de "The office opens today."
check_grep "the German variant" '^100	The office opens today.	Das Büro öffnet heute.$' "$WORK/.out"
check_ok "storing the English pair again" "$TUMAC" tm import --tm "$WORK/p.db" "$WORK/pair.tmx"
check_grep "merges" '1 read, 0 added, 1 merged' "$WORK/.err"
check_ok "export of the group" "$TUMAC" tm export --tm "$WORK/p.db"
check_eq "one <tu>, every variant" "$(grep -c '<tu ' "$WORK/.out"), $(grep -o 'xml:lang="[^"]*"' "$WORK/.out" | tr '\n' ' ')" \
  '1, xml:lang="en" xml:lang="hr" xml:lang="bs" xml:lang="de" '
check_ok "pair export -s hr -t de" "$TUMAC" tm export --tm "$WORK/p.db" -s hr -t de
check_eq "the stored pair" "$(grep -c '<tu ' "$WORK/.out"), $(grep -o 'xml:lang="[^"]*"' "$WORK/.out" | tr '\n' ' ')" \
  '1, xml:lang="hr" xml:lang="de" '

# srclang="*all*": no variant is the source; the export says so again
cat > "$WORK/all.tmx" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="*all*" datatype="plaintext"/><body>
<tu><tuv xml:lang="bs"><seg>Sastanak je odgođen.</seg></tuv><tuv xml:lang="hr"><seg>Sastanak je odgođen.</seg></tuv><tuv xml:lang="en"><seg>The meeting was postponed.</seg></tuv></tu>
</body></tmx>
EOF
check_ok "import a *all* TMX" "$TUMAC" tm import --tm "$WORK/all.db" "$WORK/all.tmx"
check_ok "en -> hr on it" "$TUMAC" tm lookup --tm "$WORK/all.db" -s en -t hr "The meeting was postponed."
check_grep "found" '^100	The meeting was postponed.	Sastanak je odgođen.$' "$WORK/.out"
check_ok "export it" "$TUMAC" tm export --tm "$WORK/all.db" -o "$WORK/all.out.tmx"
check_grep "srclang *all* on the <tu>" '<tu srclang="\*all\*"' "$WORK/all.out.tmx"
check_ok "the export imports again" "$TUMAC" tm import --tm "$WORK/all2.db" "$WORK/all.out.tmx"
check_ok "and exports the same" "$TUMAC" tm export --tm "$WORK/all2.db" -o "$WORK/all2.out.tmx"
check_eq "the same bodies" "$(grep -v creationdate "$WORK/all.out.tmx")" "$(grep -v creationdate "$WORK/all2.out.tmx")"

# a pair deleted whose target others were translated from: the pair goes,
# the variant stays as a source of its group and still answers
printf 'The office opens today.\tDas Büro öffnet heute.\n' > "$WORK/en-de.tsv"
printf 'Das Büro öffnet heute.\tLe bureau ouvre aujourd'"'"'hui.\n' > "$WORK/de-fr.tsv"
check_ok "a pair en -> de" "$TUMAC" tm import --tm "$WORK/c.db" -s en -t de "$WORK/en-de.tsv"
check_ok "and de -> fr from its target" "$TUMAC" tm import --tm "$WORK/c.db" -s de -t fr "$WORK/de-fr.tsv"
check_ok "concordance indexes both" "$TUMAC" tm concordance --tm "$WORK/c.db" heute
check_ok "delete the en -> de pair" "$TUMAC" tm delete --tm "$WORK/c.db" -s en -t de
check_grep "one unit deleted" '^1 units? deleted' "$WORK/.err"
check_eq "the de -> fr pair is still a unit" "$(sqlite3 -separator ' ' "$WORK/c.db" "SELECT src_lang, trg_lang FROM tu")" "de fr"
check_ok "en -> fr still answers through the group" "$TUMAC" tm lookup --tm "$WORK/c.db" -s en -t fr "The office opens today."
check_grep "the French variant" "^100	The office opens today.	Le bureau ouvre aujourd'hui.$" "$WORK/.out"
check_eq "the full-text index is consistent" \
  "$(sqlite3 "$WORK/c.db" "INSERT INTO tu_fts (tu_fts, rank) VALUES ('integrity-check', 1)" 2>&1)" ""
check_ok "delete the rest" "$TUMAC" tm delete --tm "$WORK/c.db" -t fr
check_eq "nothing is left" "$(sqlite3 "$WORK/c.db" "SELECT count(*) FROM tuv; SELECT count(*) FROM tu_group; SELECT count(*) FROM tu_info")" "$(printf '0\n0\n0')"
