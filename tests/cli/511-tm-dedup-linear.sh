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
check_eq "the add seeks the index" \
  "$(sqlite3 "$WORK/tm.db" "EXPLAIN QUERY PLAN SELECT id FROM tu WHERE key_hash = 1 AND unit_hash = 2 AND src_lang = 'en' AND trg_lang = 'bs' AND src_xml = 'a' AND trg_xml = 'b'" | grep -c 'tu_hash (key_hash=? AND unit_hash=?)')" 1

# a version 6 TM: the index is rebuilt, the units stay, duplicates still merge
sqlite3 "$WORK/tm.db" "DROP INDEX tu_hash; CREATE INDEX tu_hash ON tu (key_hash);
  UPDATE meta SET value = '6' WHERE key = 'schema'"
check_ok "a version 6 TM opens (read-only command)" "$TUMAC" tm stats --tm "$WORK/tm.db"
check_eq "it is version 7 now" "$(sqlite3 "$WORK/tm.db" "SELECT value FROM meta WHERE key = 'schema'")" 7
check_eq "its key-hash index holds the unit hash" \
  "$(sqlite3 "$WORK/tm.db" "SELECT sql FROM sqlite_schema WHERE name = 'tu_hash'")" \
  "CREATE INDEX tu_hash ON tu (key_hash, unit_hash)"
check_eq "no unit lost" "$(sqlite3 "$WORK/tm.db" "SELECT count(*) FROM tu")" 20000
check_ok "a duplicate still merges after the migration" \
  "$TUMAC" tm import --tm "$WORK/tm.db" -s en -t bs "$WORK/same.tsv"
check_grep "merged" "20000 read, 0 added, 20000 merged" "$WORK/.err"
