# The duplicate check of a TM add is one index seek (issue 22, finding 7):
# 20,000 units sharing one source took 54 s to import (every add read every
# unit with that key hash), and one <tu> with 10,000 <tuv> was the same.
# Schema 7 indexes (key_hash, unit_hash); a version 6 TM is migrated.
. tests/cli/lib.sh

python3 - "$WORK" <<'PY'
import sys
w = sys.argv[1]
with open(w + "/same.tsv", "w") as f:
    for i in range(20000):
        f.write("The same source sentence.\tIsta izvorna rečenica broj %d.\n" % i)
with open(w + "/tuv.tmx", "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t"'
            ' creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en"'
            ' datatype="plaintext"/><body><tu>\n<tuv xml:lang="en"><seg>One source.</seg></tuv>\n')
    for i in range(10000):
        f.write('<tuv xml:lang="bs"><seg>Prevod broj %d.</seg></tuv>\n' % i)
    f.write("</tu></body></tmx>\n")
PY

check_ok "20,000 units with one source import in bounded time" \
  timeout 60 "$TUMAC" tm import --tm "$WORK/tm.db" -s en -t bs "$WORK/same.tsv"
check_grep "all of them added" "20000 read, 20000 added, 0 merged" "$WORK/.err"
check_ok "importing them again merges them, in bounded time" \
  timeout 60 "$TUMAC" tm import --tm "$WORK/tm.db" -s en -t bs "$WORK/same.tsv"
check_grep "all of them merged" "20000 read, 0 added, 20000 merged" "$WORK/.err"
check_ok "one <tu> with 10,000 <tuv> imports in bounded time" \
  timeout 60 "$TUMAC" tm import --tm "$WORK/tuv.db" "$WORK/tuv.tmx"
check_eq "every pair of it is a unit" "$(sqlite3 "$WORK/tuv.db" "SELECT count(*) FROM tu")" 10000
check_eq "the add finds the same variant by one seek" \
  "$(sqlite3 "$WORK/tm.db" "EXPLAIN QUERY PLAN SELECT id, grp FROM tuv WHERE key_hash = 1 AND var_hash = 2 AND lang = 'en' AND xml = 'a' ORDER BY grp LIMIT 1" | grep -v 'TEMP B-TREE' | grep -c 'tuv_hash (key_hash=? AND var_hash=?)')" 1
check_eq "and the same variant in one group by one seek" \
  "$(sqlite3 "$WORK/tm.db" "EXPLAIN QUERY PLAN SELECT id FROM tuv WHERE key_hash = 1 AND var_hash = 2 AND grp = 3 AND lang = 'bs' AND xml = 'b'" | grep -c 'tuv_hash (key_hash=? AND var_hash=? AND grp=?)')" 1
check_eq "the 20,000 translations share one source variant in one group" \
  "$(sqlite3 "$WORK/tm.db" "SELECT count(*), count(DISTINCT grp), count(*) FILTER (WHERE src IS NULL) FROM tuv; SELECT count(*) FROM tu_group")" \
  "$(printf '20001|1|1\n1')"
check_ok "a lookup of the shared source answers in bounded time" \
  timeout 20 "$TUMAC" tm lookup --tm "$WORK/tm.db" -s en -t bs --max 3 "The same source sentence."
check_eq "with the newest translations first" "$(cut -f1,3 "$WORK/.out")" \
  "$(printf '100\tIsta izvorna rečenica broj 19999.\n100\tIsta izvorna rečenica broj 19998.\n100\tIsta izvorna rečenica broj 19997.')"
check_ok "the reverse lookup of one translation finds the source" \
  timeout 20 "$TUMAC" tm lookup --tm "$WORK/tm.db" -s bs -t en "Ista izvorna rečenica broj 7."
check_eq "at 100" "$(head -1 "$WORK/.out" | cut -f1,3)" "$(printf '100\tThe same source sentence.')"

# a version 7 TM (a unit table; schema 6: the key-hash index without the
# unit hash) made from it: migrated in bounded time, the units stay, the
# 20,000 pairs share one source variant again, duplicates still merge
sqlite3 "$WORK/tm.db" "PRAGMA foreign_keys=OFF; CREATE TABLE tu7 (id INTEGER PRIMARY KEY,
  src_lang TEXT NOT NULL, trg_lang TEXT NOT NULL, src_text TEXT NOT NULL, trg_text TEXT NOT NULL,
  src_xml TEXT NOT NULL, trg_xml TEXT NOT NULL, src_key TEXT NOT NULL, key_hash INTEGER NOT NULL,
  key_len INTEGER NOT NULL, prev_hash INTEGER NOT NULL DEFAULT 0,
  next_hash INTEGER NOT NULL DEFAULT 0, origin TEXT, approved INTEGER NOT NULL DEFAULT 0,
  created TEXT, unit_hash INTEGER NOT NULL);
  INSERT INTO tu7 SELECT row_number() OVER (ORDER BY id), src_lang, trg_lang, src_text, trg_text,
  src_xml, trg_xml, src_key, key_hash, key_len, prev_hash, next_hash, origin, approved, created,
  id FROM tu;
  DROP TRIGGER tu_delete; DROP VIEW tu; DROP TABLE tu_info; DROP TABLE tuv; DROP TABLE tu_group;
  ALTER TABLE tu7 RENAME TO tu; CREATE INDEX tu_hash ON tu (key_hash);
  CREATE INDEX tu_len ON tu (key_len);
  CREATE TABLE tu_info (id INTEGER PRIMARY KEY REFERENCES tu (id) ON DELETE CASCADE, tuid TEXT,
  creator TEXT, changed TEXT, changer TEXT, usage INTEGER NOT NULL DEFAULT 0, last_used TEXT,
  tu_extra TEXT, src_extra TEXT, trg_extra TEXT);
  UPDATE meta SET value = '6' WHERE key = 'schema'"
check_ok "a version 6 TM opens (read-only command) and migrates in bounded time" \
  timeout 60 "$TUMAC" tm stats --tm "$WORK/tm.db"
check_eq "it is version 8 now" "$(sqlite3 "$WORK/tm.db" "SELECT value FROM meta WHERE key = 'schema'")" 8
check_eq "no unit lost" "$(sqlite3 "$WORK/tm.db" "SELECT count(*) FROM tu")" 20000
check_eq "one source variant, one group" \
  "$(sqlite3 "$WORK/tm.db" "SELECT count(*), count(DISTINCT grp) FROM tuv")" "20001|1"
check_ok "a duplicate still merges after the migration" \
  timeout 60 "$TUMAC" tm import --tm "$WORK/tm.db" -s en -t bs "$WORK/same.tsv"
check_grep "merged" "20000 read, 0 added, 20000 merged" "$WORK/.err"
check_ok "the migrated pairs answer in reverse" \
  "$TUMAC" tm lookup --tm "$WORK/tm.db" -s bs -t en "Ista izvorna rečenica broj 12345."
check_eq "at 100" "$(head -1 "$WORK/.out" | cut -f1,3)" "$(printf '100\tThe same source sentence.')"
