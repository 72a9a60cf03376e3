# The TM on PostgreSQL against the SQLite TM at the same size (BENCH_PG_N
# units, default 20000; the issue's 100k: BENCH_PG_N=100000), from the
# same tm-gen.py TM and queries: import TU/s, exact and fuzzy lookup
# p50/p99 at --min 75 and at the analysis floor (--min 50), recall of each
# against SQLite's exhaustive scan, and 4 clients at once on each; ratios
# PostgreSQL/SQLite. The floor runs the first BENCH_PG_FLOOR_Q queries
# (default 50: PostgreSQL takes about a second each there at 10k units).
# The server is a throwaway one on a unix socket (tests/cli/pg-lib.sh,
# fsync off: import figures are the server's best case).
set -euo pipefail
N=${BENCH_PG_N:-20000}
Q=${BENCH_TM_Q:-200}
FQ=${BENCH_PG_FLOOR_Q:-50}
W=$(mktemp -d)
here=$(dirname "$0")
. tests/cli/pg-lib.sh
pg_start
trap 'pg_stop; rm -rf "$W"' EXIT
pg_newdb bench
PG=$(pg_uri bench)
python3 "$here/tm-gen.py" "$N" "$SHARED" samples "$W" "$Q"
p() { # p FILE.json: p50 p99 of "ms"
  python3 -c 'import json,sys; ms=sorted(json.loads(l)["ms"] for l in open(sys.argv[1])); k=lambda q: ms[min(len(ms)-1,int(q*len(ms)))]; print(f"{k(0.5):.2f} {k(0.99):.2f}")' "$1"
}
recall() {
  python3 - "$1" "$2" <<'PY'
import json, sys
a = [json.loads(l)["matches"] for l in open(sys.argv[1])]
b = [json.loads(l)["matches"] for l in open(sys.argv[2])]
want = sum(len(m) for m in b)
hit = sum(i < len(x) and x[i]["score"] == m["score"] for x, y in zip(a, b) for i, m in enumerate(y))
print(f"{hit}/{want}")
PY
}
declare -A T
for b in sqlite pg; do
  tm=$W/tm.db; [ $b = pg ] && tm=$PG
  s=$(date +%s.%N)
  "$TUMAC" tm import --tm "$tm" -s en -t sr-Latn "$W/tm.tsv" 2>/dev/null
  T[$b.import]=$(echo "$(date +%s.%N) - $s" | bc)
  "$TUMAC" tm lookup --tm "$tm" -s en -t sr-Latn --json --timing --max 1 - < "$W/exact.q" > "$W/$b.exact.json"
  "$TUMAC" tm lookup --tm "$tm" -s en -t sr-Latn --json --timing - < "$W/fuzzy.q" > "$W/$b.fuzzy.json"
  head -"$FQ" "$W/fuzzy.q" | "$TUMAC" tm lookup --tm "$tm" -s en -t sr-Latn --json --timing --min 50 - > "$W/$b.floor.json"
done
"$TUMAC" tm lookup --tm "$W/tm.db" -s en -t sr-Latn --json --exhaustive - < "$W/fuzzy.q" > "$W/scan.json"
head -"$FQ" "$W/fuzzy.q" | "$TUMAC" tm lookup --tm "$W/tm.db" -s en -t sr-Latn --json --exhaustive --min 50 - > "$W/scan50.json"
echo "== $N units, SQLite file vs PostgreSQL over a unix socket"
for b in sqlite pg; do
  printf '  %-6s import %.1f s = %.0f TU/s\n' $b "${T[$b.import]}" "$(echo "$N / ${T[$b.import]}" | bc -l)"
done
for k in exact fuzzy floor; do
  read -r s50 s99 <<< "$(p "$W/sqlite.$k.json")"
  read -r g50 g99 <<< "$(p "$W/pg.$k.json")"
  printf '  %-6s p50 %s / %s ms (x%.1f), p99 %s / %s ms (x%.1f)  [SQLite / PostgreSQL]\n' \
    $k "$s50" "$g50" "$(echo "$g50 / ($s50 + 0.001)" | bc -l)" "$s99" "$g99" "$(echo "$g99 / ($s99 + 0.001)" | bc -l)"
done
echo "  recall vs exhaustive scan, --min 75: SQLite $(recall "$W/sqlite.fuzzy.json" "$W/scan.json"), PostgreSQL $(recall "$W/pg.fuzzy.json" "$W/scan.json")"
echo "  recall vs exhaustive scan, --min 50: SQLite $(recall "$W/sqlite.floor.json" "$W/scan50.json"), PostgreSQL $(recall "$W/pg.floor.json" "$W/scan50.json")"
printf '  import ratio PostgreSQL/SQLite time: x%.1f\n' "$(echo "${T[pg.import]} / ${T[sqlite.import]}" | bc -l)"
for b in sqlite pg; do
  tm=$W/tm.db; [ $b = pg ] && tm=$PG
  s=$(date +%s.%N)
  for c in 1 2 3 4; do
    "$TUMAC" tm lookup --tm "$tm" -s en -t sr-Latn --json --timing - < "$W/fuzzy.q" > "$W/c$c.json" &
  done
  wait
  el=$(echo "$(date +%s.%N) - $s" | bc)
  cat "$W"/c?.json > "$W/c.json"
  read -r c50 c99 <<< "$(p "$W/c.json")"
  printf '  4 clients, %-6s: %.1f lookups/s, p50 %s ms, p99 %s ms\n' $b "$(echo "4 * $Q / $el" | bc -l)" "$c50" "$c99"
done
