# TM benchmark: a deterministic TM of N segments (BENCH_TM_N, default 100000)
# from NTREX sentences with word-level edits; import TU/s, exact and fuzzy
# lookup time per query (mean over Q queries through `tm lookup -`), recall of
# fuzzy queries (an edited sentence must find its original), and
# translate-toolkit's tmdb (build_tmdb) import on the same TSV as a ratio.
set -euo pipefail
N=${BENCH_TM_N:-100000}
Q=${BENCH_TM_Q:-200}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
D=$SHARED/data/parallel/ntrex-128
tr -d '\r' < "$D/newstest2019.eng.txt" > "$W/en"
tr -d '\r' < "$D/newstest2019.srp-Latn.txt" > "$W/sr"
paste "$W/en" "$W/sr" | awk -F'\t' -v n="$N" '
  { s[NR] = $1; t[NR] = $2 } END {
    k = 0
    for (r = 0; k < n; r++) for (i = 1; i <= NR && k < n; i++) {
      k++; if (r == 0) print s[i] "\t" t[i]; else print "(" r ") " s[i] "\t" t[i] }
  }' > "$W/tm.tsv"
t0=$(date +%s.%N)
"$TUMAC" tm import --tm "$W/tm.db" -s en -t sr-Latn "$W/tm.tsv" 2>/dev/null
t1=$(date +%s.%N)
awk -v t="$(echo "$t1 - $t0" | bc)" -v n="$N" 'BEGIN { printf "import: %d TU in %.2f s = %.0f TU/s\n", n, t, n / t }'
head -"$Q" "$W/en" > "$W/exact.q"
head -"$Q" "$W/en" | awk '{ n = split($0, w, " "); w[int(n / 2) + 1] = "XX"; o = w[1]; for (i = 2; i <= n; i++) o = o " " w[i]; print o }' > "$W/fuzzy.q"
for kind in exact fuzzy; do
  t0=$(date +%s.%N)
  "$TUMAC" tm lookup --tm "$W/tm.db" -s en -t sr-Latn --json --max 1 - < "$W/$kind.q" > "$W/$kind.out"
  t1=$(date +%s.%N)
  awk -v t="$(echo "$t1 - $t0" | bc)" -v q="$Q" -v k="$kind" 'BEGIN { printf "%s lookup: %.2f ms/query (mean of %d)\n", k, 1000 * t / q, q }'
done
python3 - "$W/fuzzy.q" "$W/fuzzy.out" "$W/en" <<'PY'
import json, sys
orig = open(sys.argv[3]).read().split("\n")
hits = total = 0
for i, line in enumerate(open(sys.argv[2])):
    total += 1
    m = json.loads(line)["matches"]
    hits += bool(m) and m[0]["source"] == orig[i]
print(f"fuzzy recall (edited sentence finds its original at >= 75): {hits}/{total} = {hits / max(total, 1):.3f}")
PY
if command -v build_tmdb >/dev/null; then
  head -20000 "$W/tm.tsv" > "$W/tt.tsv"
  t0=$(date +%s.%N)
  "$TUMAC" tm import --tm "$W/tt.db" -s en -t sr-Latn "$W/tt.tsv" 2>/dev/null
  t1=$(date +%s.%N)
  awk -F'\t' '{ gsub(/"/, "\"\"", $1); gsub(/"/, "\"\"", $2); print "\"" $1 "\",\"" $2 "\"" }' "$W/tt.tsv" > "$W/tt.csv"
  t2=$(date +%s.%N)
  build_tmdb -d "$W/tt.tmdb" -s en -t sr "$W/tt.csv" >/dev/null 2>&1 || true
  t3=$(date +%s.%N)
  awk -v a="$(echo "$t1 - $t0" | bc)" -v b="$(echo "$t3 - $t2" | bc)" 'BEGIN { printf "20000 TU import: tumac %.2f s, translate-toolkit build_tmdb %.2f s, time ratio tumac/tmdb = %.3f\n", a, b, a / b }'
fi
