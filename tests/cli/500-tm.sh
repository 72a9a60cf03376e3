# tumac tm: TMX import of the LISA kit and samples, DTD-valid export, lossless
# round trip, bad units, --strict leaves the TM as it was, lookup (exact,
# fuzzy, Cyrillic query on Latin TUs, JSON lines on stdin), concordance,
# delete, crash safety.
. tests/cli/lib.sh

K=$SHARED/standards/tmx-1.4b
export TUMAC_TM=$WORK/tm/memory.db
for f in "$K"/samples/*.tmx "$K"/tests/lisa-compliance-kit/*.tmx; do
    check_ok "import $(basename "$f")" "$TUMAC" tm import "$f"
    check_grep "$(basename "$f") adds or merges units" ' read, [0-9]+ added, [0-9]+ merged, 0 skipped' "$WORK/.err"
done
check_ok "stats" "$TUMAC" tm stats
check_grep "stats counts 56 units" '^units: 56$' "$WORK/.out"
check_ok "export" "$TUMAC" tm export -o "$WORK/out.tmx"
cp "$K/dtd/tmx14.dtd" "$WORK/tmx14.dtd"
check_ok "export is valid against the TMX 1.4b DTD" xmllint --noout --dtdvalid "$K/dtd/tmx14.dtd" "$WORK/out.tmx"
check_ok "re-import the export" "$TUMAC" tm import --tm "$WORK/tm2.db" "$WORK/out.tmx"
check_ok "export again" "$TUMAC" tm export --tm "$WORK/tm2.db" -o "$WORK/out2.tmx"
check_files_same "export -> import -> export is lossless" "$WORK/out.tmx" "$WORK/out2.tmx"
check_grep "inline codes survive" '<bpt i="1"' "$WORK/out2.tmx"

# A bad unit is reported with its line and skipped; --strict stops and rolls back.
cat > "$WORK/bad.tmx" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><seg>Good unit.</seg></tuv><tuv xml:lang="hr"><seg>Dobra jedinica.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Lonely.</seg></tuv></tu>
</body></tmx>
X
check_ok "a bad unit is skipped" "$TUMAC" tm import --tm "$WORK/bad.db" "$WORK/bad.tmx"
check_grep "the bad unit is located" 'bad.tmx:5:.*unit skipped' "$WORK/.err"
check_exit "--strict stops at the bad unit" 1 "$TUMAC" tm import --tm "$WORK/strict.db" --strict "$WORK/bad.tmx"
check_grep "--strict names the line" 'bad.tmx:5:' "$WORK/.err"
check_ok "stats after the failed import" "$TUMAC" tm stats --tm "$WORK/strict.db"
check_grep "a failed import leaves the TM as it was" '^units: 0$' "$WORK/.out"
printf '<tmx><body><tu>\n' > "$WORK/broken.tmx"
check_exit "malformed TMX fails" 1 "$TUMAC" tm import --tm "$WORK/strict.db" "$WORK/broken.tmx"
check_grep "malformed TMX is located" 'broken.tmx:[0-9]+:' "$WORK/.err"

# NTREX sentences: a Cyrillic query finds the Latin unit.
N=$SHARED/data/parallel/ntrex-128
head -400 "$N/newstest2019.srp-Latn.txt" | tr -d '\r' > "$WORK/sr"
head -400 "$N/newstest2019.eng.txt" | tr -d '\r' > "$WORK/en"
paste "$WORK/sr" "$WORK/en" > "$WORK/sr-en.tsv"
export TUMAC_TM=$WORK/ntrex.db
check_ok "TSV import" "$TUMAC" tm import -s sr-Latn -t en "$WORK/sr-en.tsv"
check_grep "TSV import counts" '400 read, [0-9]+ added' "$WORK/.err"
q=$(sed -n 5p "$N/newstest2019.srp-Cyrl.txt" | tr -d '\r')
check_ok "Cyrillic lookup" "$TUMAC" tm lookup -s sr-Cyrl -t en --explain "$q"
check_grep "the Cyrillic query finds the Latin TU" "^99	$(sed -n 5p "$WORK/sr" | cut -c1-20)" "$WORK/.out"
check_ok "exact lookup" "$TUMAC" tm lookup -s sr-Latn -t en "$(sed -n 9p "$WORK/sr")"
check_grep "exact scores 100" '^100	' "$WORK/.out"
fz=$(sed -n 12p "$WORK/sr" | sed 's/a /e /')
check_ok "fuzzy lookup" "$TUMAC" tm lookup -s sr-Latn -t en --explain "$fz"
check_grep "fuzzy scores below 99 and says what differed" '^9[0-8]	.*edit' "$WORK/.out"
sed -n 20,24p "$WORK/sr" | "$TUMAC" tm lookup -s sr -t en --json - > "$WORK/lines.json"
check_eq "stdin: one JSON object a line" "$(python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["matches"][0]["score"] == 100))' "$WORK/lines.json")" 5
check_exit "lookup without languages is a usage error" 2 "$TUMAC" tm lookup x
check_eq "the import went back to WAL" "$(sqlite3 "$TUMAC_TM" 'PRAGMA journal_mode')" wal
# With another connection reading the TM, an import stays in WAL (the
# reader keeps its snapshot and is not blocked).
# The reader holds its snapshot until told to finish (reader.release).
python3 - "$TUMAC_TM" "$WORK/reader.ready" "$WORK/reader.release" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
n = db.execute("SELECT count(*) FROM tu").fetchone()[0]
open(sys.argv[2], "w").write(str(n))
for _ in range(600):  # at most 60 s
    if os.path.exists(sys.argv[3]):
        break
    time.sleep(0.1)
assert db.execute("SELECT count(*) FROM tu").fetchone()[0] == n  # its snapshot
PY
reader=$!
wait_until 1000 test -s "$WORK/reader.ready"
printf 'Drugi most je otvoren.\tThe second bridge is open.\n' > "$WORK/one.tsv"
check_ok "import while another connection reads" "$TUMAC" tm import -s sr-Latn -t en "$WORK/one.tsv"
check_ok "the import did not wait for the reader to finish" kill -0 $reader
check_eq "the TM stayed in WAL" "$(sqlite3 "$TUMAC_TM" 'PRAGMA journal_mode')" wal
touch "$WORK/reader.release"
check_ok "the reader kept its snapshot throughout" wait $reader
check_ok "delete the extra unit" "$TUMAC" tm delete --origin one.tsv
check_ok "stats before the first concordance" "$TUMAC" tm stats
check_grep "stats tells the units waiting for the concordance index" \
  '^not yet in the concordance index: 400 ' "$WORK/.out"
check_ok "concordance" "$TUMAC" tm concordance Labour
check_grep "concordance finds the word" 'Labour' "$WORK/.out"
check_grep "the first concordance says it indexes the imported units" \
  '^indexing 400 new units for concordance' "$WORK/.err"
check_ok "concordance again" "$TUMAC" tm concordance Labour
check_eq "the second one has nothing to index" "$(cat "$WORK/.err")" ""
check_eq "the full-text index matches the units" \
  "$(sqlite3 "$TUMAC_TM" "INSERT INTO tu_fts (tu_fts, rank) VALUES ('integrity-check', 1)" 2>&1)" ""
check_ok "delete by origin" "$TUMAC" tm delete --origin sr-en.tsv
check_ok "stats after delete" "$TUMAC" tm stats
check_grep "delete removed the units" '^units: 0$' "$WORK/.out"
check_ok "vacuum" "$TUMAC" tm vacuum

# Crash safety: kill -9 during a large import (a rollback journal when the
# TM is not shared, synced; WAL otherwise);
# the units committed before stay, the file checks out and stays usable.
for i in $(seq 80); do cat "$WORK/sr-en.tsv"; done | awk -F'\t' '{print NR" "$1"\t"$2}' > "$WORK/big.tsv"
export TUMAC_TM=$WORK/crash.db
"$TUMAC" tm import -s sr-Latn -t en "$WORK/sr-en.tsv" 2>/dev/null
"$TUMAC" tm import -s sr-Latn -t en "$WORK/big.tsv" 2>/dev/null &
pid=$!
# Kill it once it writes: its rollback journal exists (at most 10 s).
wait_until 1000 test -e "$WORK/crash.db-journal"
kill -9 $pid 2>/dev/null || echo "note: the big import ended before the kill"
wait $pid 2>/dev/null || true
check_ok "stats after kill -9" "$TUMAC" tm stats
check_grep "committed units stay (the killed import is all or nothing)" '^units: (400|32400)$' "$WORK/.out"
units_before=$(sed -n 's/^units: //p' "$WORK/.out")
check_eq "integrity_check after kill -9" "$(sqlite3 "$WORK/crash.db" 'PRAGMA integrity_check')" ok
check_ok "exact lookup of a committed unit after kill -9" "$TUMAC" tm lookup -s sr-Latn -t en "$(sed -n 9p "$WORK/sr")"
check_grep "the committed unit is found" '^100	' "$WORK/.out"
check_ok "fuzzy lookup after kill -9" "$TUMAC" tm lookup -s sr-Latn -t en "$fz"
check_grep "the committed unit's postings are there" '^9[0-8]	' "$WORK/.out"
# A writer that dies in the middle of a rollback-journal transaction leaves
# a hot journal; a read-only command (stats) must roll it back, not fail.
cp "$WORK/crash.db" "$WORK/hot.db"
python3 - "$WORK/hot.db" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=DELETE")
db.execute("PRAGMA cache_size=1")
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE tuv SET text = text || ' (changed)' WHERE src IS NOT NULL")
os._exit(0)  # no commit, no rollback: the journal stays hot
PY
check_ok "the dead writer left a hot journal" test -s "$WORK/hot.db-journal"
check_ok "read-only stats on a TM with a hot journal" "$TUMAC" tm stats --tm "$WORK/hot.db"
check_grep "the dead writer's change is rolled back" "^units: $units_before\$" "$WORK/.out"
check_eq "no unit kept the uncommitted change" \
  "$(sqlite3 "$WORK/hot.db" "SELECT count(*) FROM tu WHERE trg_text LIKE '% (changed)'")" 0
# A writer still at work in a rollback-journal transaction: a reader that
# times out is told why, in words.
python3 - "$WORK/hot.db" "$WORK/writer.ready" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=DELETE")
db.execute("PRAGMA cache_size=1")
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE tuv SET text = text || ' (changed)' WHERE src IS NOT NULL")  # spills: exclusive lock
open(sys.argv[2], "w").write("1")
time.sleep(60)  # killed below once the reader has timed out
PY
writer=$!
wait_until 1000 test -s "$WORK/writer.ready"
# (a busy time-out of 0.3 s: the message is what is checked, 510 checks the 5 s)
check_exit "a read-only command while the writer holds the TM" 1 \
    env TUMAC_TEST_BUSY_MS=300 "$TUMAC" tm stats --tm "$WORK/hot.db"
check_grep "says an import is writing it" 'the TM is busy: an import is writing it \(.*hot\.db-journal\)' "$WORK/.err"
kill $writer 2>/dev/null; wait $writer 2>/dev/null
check_ok "once the writer is gone, its journal is rolled back" "$TUMAC" tm stats --tm "$WORK/hot.db"
check_grep "with every unit as before" "^units: $units_before\$" "$WORK/.out"
printf 'a\tb\n' > "$WORK/badlang.tsv"
check_exit "a TSV import with a bad language tag fails" 1 "$TUMAC" tm import --tm "$WORK/bl.db" -s en -t 'x_y!' "$WORK/badlang.tsv"
# -s/-t are canonicalised (or refused) where the options are read, before any file
check_grep "naming the tag" "^tumac tm: 'x_y!' is not a language tag" "$WORK/.err"
check_ok "import again after kill -9" "$TUMAC" tm import -s sr-Latn -t en "$WORK/big.tsv"
check_grep "the import completes" '32000 read' "$WORK/.err"
