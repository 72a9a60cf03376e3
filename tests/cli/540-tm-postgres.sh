# The TM on a PostgreSQL server (src/tm/pg.c) answers as the SQLite TM does
# on the same data: lookups (exact, fuzzy at 75 % and at the analysis
# floor, exhaustive, a Cyrillic query on Latin units), leverage with
# context (101 %) matches after `tm update`, analyze, stats; psql reads the
# tables and the view `tu` as a person would.
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
