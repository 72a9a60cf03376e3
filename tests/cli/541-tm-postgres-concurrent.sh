# Many machines on one PostgreSQL TM: 8 writers (TSV imports and `tm update`s
# of overlapping slices) and 8 readers at once, for a bounded time. After:
# the TM holds exactly the union of what was committed (the same pairs as
# one SQLite import of the union), no variant twice, and every reader's
# exact lookups of the always-present units answered right.
. tests/cli/lib.sh
. tests/cli/pg-lib.sh
pg_start
pg_newdb cc
PG=$(pg_uri cc)
N=$SHARED/data/parallel/ntrex-128
head -400 "$N/newstest2019.srp-Latn.txt" | tr -d '\r' > "$WORK/sr"
head -400 "$N/newstest2019.eng.txt" | tr -d '\r' > "$WORK/en"
paste "$WORK/sr" "$WORK/en" > "$WORK/all.tsv"
head -20 "$WORK/all.tsv" > "$WORK/base.tsv"
check_ok "the units every reader asks for" "$TUMAC" tm import --tm "$PG" -s sr-Latn -t en "$WORK/base.tsv"
# writer i: lines 40i+1 .. 40i+80 (each overlaps the next writer's)
for i in 0 1 2 3 4 5 6 7; do
    sed -n "$((40 * i + 1)),$((40 * i + 80))p" "$WORK/all.tsv" > "$WORK/w$i.tsv"
done
# two writers store translated XLIFF instead (tm update)
check_ok "an XLIFF to store" "$TUMAC" extract -s en -t bs -o "$WORK/u.xlf" samples/forum-youth-participation.en.txt
check_ok "translated from an SQLite TM of the samples" sh -c \
    "'$TUMAC' tm import --tm '$WORK/s.db' tm/samples.tmx && '$TUMAC' leverage --tm '$WORK/s.db' -o '$WORK/ul.xlf' '$WORK/u.xlf'"

reader() { # reader N: exact lookups of base units until the writers are done
    local k=0 line src trg out
    while [ ! -e "$WORK/done" ] || [ $k -lt 5 ]; do
        line=$(( (k * 7 + $1) % 20 + 1 ))
        src=$(sed -n "${line}p" "$WORK/sr"); trg=$(sed -n "${line}p" "$WORK/en")
        out=$("$TUMAC" tm lookup --tm "$PG" -s sr-Latn -t en --max 1 "$src") || { echo "exit $?" > "$WORK/r$1.bad"; return; }
        [ "$out" = "$(printf '100\t%s\t%s' "$src" "$trg")" ] || [ "$(printf '%s' "$out" | cut -f1,3)" = "$(printf '100\t%s' "$trg")" ] ||
            { printf 'line %s: %s\n' "$line" "$out" > "$WORK/r$1.bad"; return; }
        k=$((k + 1))
    done
    echo $k > "$WORK/r$1.count"
}
for r in 1 2 3 4 5 6 7 8; do reader $r & done
pids=()
for i in 0 1 2 3 4 5; do
    timeout 300 "$TUMAC" tm import --tm "$PG" -s sr-Latn -t en "$WORK/w$i.tsv" 2>"$WORK/w$i.err" & pids+=($!)
done
for i in 6 7; do
    timeout 300 "$TUMAC" tm update --tm "$PG" "$WORK/ul.xlf" 2>"$WORK/w$i.err" & pids+=($!)
done
ok=0
for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done
touch "$WORK/done"
wait
check_eq "all 8 writers committed" "$ok" 8
check_eq "no reader saw a wrong or failed answer" "$(cat "$WORK"/r*.bad 2>/dev/null)" ""
check_eq "all 8 readers ran" "$(ls "$WORK"/r*.count 2>/dev/null | wc -l)" 8
# the reference: one SQLite TM with every file, imported one after another
for f in base w0 w1 w2 w3 w4 w5; do
    "$TUMAC" tm import --tm "$WORK/ref.db" -s sr-Latn -t en "$WORK/$f.tsv" 2>/dev/null
done
"$TUMAC" tm update --tm "$WORK/ref.db" "$WORK/ul.xlf" 2>/dev/null
q="SELECT src_lang, trg_lang, src_text, trg_text FROM tu ORDER BY 1, 2, 3, 4"
sqlite3 -separator '|' "$WORK/ref.db" "$q" > "$WORK/ref.pairs"
pg_sql cc "$q" > "$WORK/pg.pairs"
check_files_same "the TM holds exactly the union of the committed files" "$WORK/ref.pairs" "$WORK/pg.pairs"
check_ok "the union holds the writers' units" test "$(wc -l < "$WORK/ref.pairs")" -gt 250
check_eq "no variant stored twice in a group" \
    "$(pg_sql cc "SELECT count(*) FROM (SELECT 1 FROM tuv GROUP BY grp, lang, xml HAVING count(*) > 1) d")" 0
check_eq "no source sentence in two groups" \
    "$(pg_sql cc "SELECT count(*) FROM (SELECT 1 FROM tuv WHERE src IS NULL GROUP BY lang, xml HAVING count(*) > 1) d")" 0
