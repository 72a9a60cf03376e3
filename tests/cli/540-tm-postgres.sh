# The TM on a PostgreSQL server (src/tm/pg.c) answers as the SQLite TM does
# on the same data: lookups (exact, fuzzy at 75 % and at the analysis
# floor, exhaustive, a Cyrillic query on Latin units), leverage with
# context (101 %) matches after `tm update`, analyze, stats, export,
# concordance, delete by filter, vacuum; psql reads the tables and the view
# `tu` as a person would.
. tests/cli/lib.sh
. tests/cli/pg-lib.sh
pg_start
pg_newdb lk
PG=$(pg_uri lk)
DB=$WORK/tm.db
N=$SHARED/data/parallel/ntrex-128
head -400 "$N/newstest2019.srp-Latn.txt" | tr -d '\r' > "$WORK/sr"
head -400 "$N/newstest2019.eng.txt" | tr -d '\r' > "$WORK/en"
paste "$WORK/sr" "$WORK/en" > "$WORK/sr-en.tsv"
for tm in "$DB" "$PG"; do
    check_ok "import the sample TM into $tm" "$TUMAC" tm import --tm "$tm" tm/samples.tmx
    check_grep "the sample TM: 240 units added" '60 read, 240 added, 0 merged' "$WORK/.err"
    check_ok "TSV import into $tm" "$TUMAC" tm import --tm "$tm" -s sr-Latn -t en "$WORK/sr-en.tsv"
    check_ok "import again: all merged" "$TUMAC" tm import --tm "$tm" tm/samples.tmx
    check_grep "a second import merges, adds nothing" '60 read, 0 added, 240 merged' "$WORK/.err"
done
check_ok "stats (SQLite)" "$TUMAC" tm stats --tm "$DB"
grep -v concordance "$WORK/.out" > "$WORK/stats.sqlite"
check_ok "stats (PostgreSQL)" "$TUMAC" tm stats --tm "$PG"
grep -v concordance "$WORK/.out" > "$WORK/stats.pg"
check_files_same "stats agree" "$WORK/stats.sqlite" "$WORK/stats.pg"
check_grep "stats count the units" '^units: 640$' "$WORK/stats.pg"

# queries: exact, edited (fuzzy), Cyrillic; lines of the sample TM too
{ sed -n '1,60p' "$WORK/sr"; sed -n '61,160p' "$WORK/sr" | sed 's/a /e /; s/ je / su /';
  sed -n '1,40p' "$N/newstest2019.srp-Cyrl.txt" | tr -d '\r' | sed 's/а /е /'; } > "$WORK/q"
sed -n 's:.*<tuv xml\:lang="en"><seg>\([^<]*\)</seg>.*:\1:p' tm/samples.tmx | head -30 > "$WORK/qen"
n=0
for args in "-s sr-Latn -t en" "-s sr-Cyrl -t en --min 50" "-s sr -t en --exhaustive" \
            "-s sr-Latn -t en --min 90 --max 1"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    "$TUMAC" tm lookup --tm "$DB" $args --json --explain - < "$WORK/q" > "$WORK/l$n.sqlite"
    # shellcheck disable=SC2086
    check_ok "lookup $args (PostgreSQL)" "$TUMAC" tm lookup --tm "$PG" $args --json --explain - < "$WORK/q"
    cp "$WORK/.out" "$WORK/l$n.pg"
    check_files_same "lookup $args: PostgreSQL answers as SQLite" "$WORK/l$n.sqlite" "$WORK/l$n.pg"
done
check_grep "the queries found fuzzy matches" '"score": ?(7[5-9]|8[0-9]|9[0-8])[,}]' "$WORK/l1.pg"
check_grep "the queries found exact matches" '"score": ?100[,}]' "$WORK/l1.pg"
for t in bs sr-Cyrl hr; do
    "$TUMAC" tm lookup --tm "$DB" -s en -t "$t" --json - < "$WORK/qen" > "$WORK/e.sqlite"
    check_ok "sample TM en -> $t (PostgreSQL)" "$TUMAC" tm lookup --tm "$PG" -s en -t "$t" --json - < "$WORK/qen"
    check_files_same "sample TM en -> $t: the same answers" "$WORK/e.sqlite" "$WORK/.out"
done

# leverage, tm update with context, leverage again: 101 % from both
check_ok "extract" "$TUMAC" extract -s en -t bs -o "$WORK/new.xlf" \
    samples/forum-youth-participation.en.txt
for b in sqlite pg; do
    tm=$DB; [ $b = pg ] && tm=$PG
    check_ok "leverage ($b)" "$TUMAC" leverage --tm "$tm" -o "$WORK/lev.$b.xlf" "$WORK/new.xlf"
    check_ok "tm update ($b)" "$TUMAC" tm update --tm "$tm" "$WORK/lev.$b.xlf"
    check_ok "leverage again ($b)" "$TUMAC" leverage --tm "$tm" -o "$WORK/lev2.$b.xlf" "$WORK/new.xlf"
    check_ok "analyze ($b)" "$TUMAC" analyze --tm "$tm" -t bs --format csv "$WORK/new.xlf"
    cp "$WORK/.out" "$WORK/an.$b.csv"
done
check_files_same "leverage: the same XLIFF from PostgreSQL" "$WORK/lev.sqlite.xlf" "$WORK/lev.pg.xlf"
check_files_same "leverage after update: the same XLIFF" "$WORK/lev2.sqlite.xlf" "$WORK/lev2.pg.xlf"
check_grep "context matches after the update" 'subType="tumac:context"' "$WORK/lev2.pg.xlf"
check_files_same "analyze: the same report" "$WORK/an.sqlite.csv" "$WORK/an.pg.csv"

# psql reads it: the pairs as stored, a group's variants
check_eq "psql: pairs en -> bs in the view tu" \
    "$(pg_sql lk "SELECT count(*) FROM tu WHERE src_lang = 'en' AND trg_lang = 'bs'")" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM tu WHERE src_lang = 'en' AND trg_lang = 'bs'")"
check_eq "psql: a sentence group holds its five variants" \
    "$(pg_sql lk "SELECT string_agg(lang, ',' ORDER BY lang) FROM tuv WHERE grp = 1")" \
    "bs,en,hr,sr-Cyrl,sr-Latn"
check_eq "psql: the schema version" "$(pg_sql lk "SELECT value FROM meta WHERE key = 'schema'")" 8

# export, concordance, delete, vacuum: the same as SQLite's (the dates the
# clock gave, at import and at each use, differ)
undated() { sed -E 's/ (creation|lastusage|change)date="[0-9TZ]*"//g' "$1"; }
for b in sqlite pg; do
    tm=$DB; [ $b = pg ] && tm=$PG
    check_ok "export ($b)" "$TUMAC" tm export --tm "$tm" -o "$WORK/all.$b.tmx"
    undated "$WORK/all.$b.tmx" > "$WORK/all.$b.u"
    check_ok "export en -> bs ($b)" "$TUMAC" tm export --tm "$tm" -s en -t bs --origin 'sam*' -o "$WORK/bs.$b.tmx"
    undated "$WORK/bs.$b.tmx" > "$WORK/bs.$b.u"
    check_ok "concordance ($b)" "$TUMAC" tm concordance --tm "$tm" --max 20 skupštine članovi
    cp "$WORK/.out" "$WORK/conc.$b"
done
check_files_same "export: the same TMX" "$WORK/all.sqlite.u" "$WORK/all.pg.u"
check_files_same "export of a pair, by origin: the same TMX" "$WORK/bs.sqlite.u" "$WORK/bs.pg.u"
check_grep "the pair's export holds units" '<tuv xml:lang="bs"' "$WORK/bs.pg.tmx"
check_grep "the export holds the groups" '<tuv xml:lang="sr-Cyrl"' "$WORK/all.pg.tmx"
check_files_same "concordance: the same units, same order" "$WORK/conc.sqlite" "$WORK/conc.pg"
check_grep "concordance found units with both words" '[Čč]lanovi skupštine' "$WORK/conc.pg"
for b in sqlite pg; do
    tm=$DB; [ $b = pg ] && tm=$PG
    check_ok "delete by origin ($b)" "$TUMAC" tm delete --tm "$tm" --origin 'sr-en.t?v'
    cp "$WORK/.err" "$WORK/del1.$b"
    check_ok "delete a pair ($b)" "$TUMAC" tm delete --tm "$tm" -s en -t hr
    cp "$WORK/.err" "$WORK/del2.$b"
    check_ok "vacuum ($b)" "$TUMAC" tm vacuum --tm "$tm"
    check_ok "stats after delete ($b)" "$TUMAC" tm stats --tm "$tm"
    grep -v concordance "$WORK/.out" > "$WORK/st2.$b"
    check_ok "export after delete ($b)" "$TUMAC" tm export --tm "$tm" -o "$WORK/d.$b.tmx"
    undated "$WORK/d.$b.tmx" > "$WORK/d.$b.u"
    # shellcheck disable=SC2086
    "$TUMAC" tm lookup --tm "$tm" -s sr-Latn -t en --json - < "$WORK/q" > "$WORK/dl.$b"
done
check_files_same "delete by origin: the same count" "$WORK/del1.sqlite" "$WORK/del1.pg"
check_grep "the TSV units went" '^400 ' "$WORK/del1.pg"
check_files_same "delete of a pair: the same count" "$WORK/del2.sqlite" "$WORK/del2.pg"
check_files_same "stats after delete agree" "$WORK/st2.sqlite" "$WORK/st2.pg"
check_files_same "export after delete: the same TMX" "$WORK/d.sqlite.u" "$WORK/d.pg.u"
check_exit "no hr variant left" 1 grep -q 'xml:lang="hr"' "$WORK/d.pg.tmx"
check_files_same "lookups after delete and vacuum agree" "$WORK/dl.sqlite" "$WORK/dl.pg"
check_eq "psql: no trigram row without its variant" \
    "$(pg_sql lk "SELECT count(*) FROM tuv_gram g WHERE NOT EXISTS (SELECT 1 FROM tuv WHERE id = g.id)")" 0
