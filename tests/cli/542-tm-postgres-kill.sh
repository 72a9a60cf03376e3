# A writer killed with SIGKILL in the middle of an import of a PostgreSQL TM
# loses nothing committed and leaves nothing half-written: the server rolls
# the killed transaction back; the TM answers as before, and the same
# import run again completes.
. tests/cli/lib.sh
. tests/cli/pg-lib.sh
pg_start
pg_newdb kk
PG=$(pg_uri kk)
check_ok "a committed import" "$TUMAC" tm import --tm "$PG" tm/samples.tmx
for i in $(seq 1 20000); do
    printf 'Rečenica broj %d o izborima i građanima.\tSentence number %d on elections and citizens.\n' "$i" "$i"
done > "$WORK/big.tsv"
"$TUMAC" tm import --tm "$PG" -s sr-Latn -t en "$WORK/big.tsv" 2>"$WORK/big.err" &
pid=$!
# killed once its transaction has written for a second
check_ok "the import is under way" wait_until 3000 sh -c \
    "[ \"\$(psql -X -A -t '$(pg_uri postgres)' -c \"SELECT count(*) FROM pg_stat_activity WHERE datname = 'kk' AND backend_xid IS NOT NULL AND xact_start < now() - interval '1 second'\")\" = 1 ]"
kill -9 "$pid"
wait "$pid"
check_eq "the import was killed, not finished" "$?" 137
check_ok "stats after the kill" "$TUMAC" tm stats --tm "$PG"
check_grep "the committed units, none of the killed import" '^units: 240$' "$WORK/.out"
check_eq "no half-written group" "$(pg_sql kk "SELECT count(*) FROM tu_group g WHERE NOT EXISTS (SELECT 1 FROM tuv WHERE grp = g.id)")" 0
check_eq "no variant of the killed import" "$(pg_sql kk "SELECT count(*) FROM tuv WHERE text LIKE 'Rečenica broj%'")" 0
check_ok "a committed unit is found" "$TUMAC" tm lookup --tm "$PG" -s en -t bs "$(sed -n 's:.*<tuv xml\:lang="en"><seg>\([^<]*\)</seg>.*:\1:p' tm/samples.tmx | head -1)"
check_grep "as an exact match" '^100	' "$WORK/.out"
check_ok "the import again completes" "$TUMAC" tm import --tm "$PG" -s sr-Latn -t en "$WORK/big.tsv"
check_ok "stats" "$TUMAC" tm stats --tm "$PG"
check_grep "every unit is there" '^units: 20240$' "$WORK/.out"
