# TM benchmark. For each size (20k and BENCH_TM_N=100000 units; 1M with
# BENCH_TM_1M=1) a deterministic press-release-like TM from tm-gen.py:
# import TU/s, exact and fuzzy lookup p50/p99 (timed inside tumac, one
# process for all queries; wall and CPU, the steadier on a shared machine),
# and the fuzzy recall against an exhaustive scan with the same score
# (--exhaustive: at each rank the index must find a match as good as the
# scan's). Fuzzy at --min 75 and at the analysis floor (--min 50), for the
# mixed query set and, forward and reverse on the same TM, for near
# duplicates of the same units' sources and targets. At 20k, Translate Toolkit's tmdb in the same
# run: build_tmdb on the TMX that tumac exports, and its Python lookup
# (tmdb.translate_unit) on BENCH_TM_TT_Q queries, two ways: with its
# full-text (FTS3) candidate search off (its fastest path: a length-filtered
# scan) and as shipped (FTS3 on), the latter stopped after BENCH_TM_TT_CAP
# seconds because one query can take minutes; ratios tmdb/tumac for both.
# First, how the generated queries compare in length with real press
# sentences (the samples and the seed release).
set -euo pipefail
Q=${BENCH_TM_Q:-200}
TTQ=${BENCH_TM_TT_Q:-50}
TTCAP=${BENCH_TM_TT_CAP:-300}
sizes="20000 ${BENCH_TM_N:-100000}"
[ "${BENCH_TM_1M:-0}" = 1 ] && sizes="$sizes 1000000"
sizes=${BENCH_TM_SIZES:-$sizes}  # e.g. BENCH_TM_SIZES=100000: one size only
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
here=$(dirname "$0")

stats() { # stats NAME FILE.json: p50/p99/mean of the "ms" (wall) and "cpu_ms" fields
  python3 - "$1" "$2" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[2])]
def st(k):
    ms = sorted(r[k] for r in rows)
    pick = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]
    return f"p50 {pick(0.5):.2f} ms, p99 {pick(0.99):.2f} ms, mean {sum(ms) / len(ms):.2f} ms"
cpu = f"; CPU {st('cpu_ms')}" if "cpu_ms" in rows[0] else ""
print(f"  {sys.argv[1]}: {st('ms')}{cpu} ({len(rows)} queries)")
PY
}

# lengths NAME FILE...: words per sentence, p50/p90/mean
lengths() {
  python3 - "$@" <<'PY'
import re, sys
name, files = sys.argv[1], sys.argv[2:]
n = []
for f in files:
    for line in open(f, encoding="utf-8"):
        line = line.split("\t")[0]
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line.strip()):
            if s:
                n.append(len(s.split()))
n.sort()
print(f"  {name}: words p50 {n[len(n) // 2]}, p90 {n[int(len(n) * 0.9)]}, mean {sum(n) / len(n):.1f} ({len(n)} sentences)")
PY
}
echo "== query lengths: generated against real press sentences"
mkdir -p "$W/len"
python3 "$here/tm-gen.py" 2000 "$SHARED" samples "$W/len" "$Q"
lengths "generated fuzzy queries" "$W/len/fuzzy.q"
lengths "generated TM sources" "$W/len/tm.tsv"
lengths "sample releases (en)" samples/*.en.txt
lengths "seed release" "$SHARED"/seeds/*.txt
rm -rf "$W/len"
recall() { # recall INDEX.json SCAN.json MIN: the index's fuzzy recall against the scan
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
idx = [json.loads(l)["matches"] for l in open(sys.argv[1])]
ref = [json.loads(l)["matches"] for l in open(sys.argv[2])]
want = hit = some = 0
for a, b in zip(idx, ref):
    some += bool(b)
    for i, m in enumerate(b):
        want += 1
        hit += i < len(a) and a[i]["score"] == m["score"]
print(f"    recall vs exhaustive scan (score at each rank, --max 5): {hit}/{want} = {hit / max(want, 1):.4f}"
      f"; {some}/{len(ref)} queries have a match >= {sys.argv[3]}")
PY
}
# fuzzy NAME SRC TRG QUERIES MIN D: index lookups and the exhaustive scan
# of the same queries (--max 5), timed and compared
fuzzy() {
  "$TUMAC" tm lookup --tm "$6/tm.db" -s "$2" -t "$3" --json --timing --min "$5" - < "$4" > "$6/fz.json"
  stats "$1 (--min $5)" "$6/fz.json"
  "$TUMAC" tm lookup --tm "$6/tm.db" -s "$2" -t "$3" --json --timing --min "$5" --exhaustive - < "$4" > "$6/fz.scan.json"
  stats "  its exhaustive scan" "$6/fz.scan.json"
  recall "$6/fz.json" "$6/fz.scan.json" "$5"
}

for n in $sizes; do
  d=$W/$n
  mkdir -p "$d"
  python3 "$here/tm-gen.py" "$n" "$SHARED" samples "$d" "$Q"
  /usr/bin/time -f "%e %U %S" -o "$d/import.time" \
    "$TUMAC" tm import --tm "$d/tm.db" -s en -t sr-Latn "$d/tm.tsv" 2>"$d/import.err"
  echo "== $n units: $(sed 's/.*: //' "$d/import.err")"
  read -r wall user sys < "$d/import.time"
  awk -v w="$wall" -v c="$(echo "$user + $sys" | bc)" -v n="$n" \
    'BEGIN { printf "  import: %.2f s = %.0f TU/s (CPU %.2f s = %.0f TU/s; load %s)\n", w, n / w, c, n / c, "'"$(cut -d' ' -f1 /proc/loadavg)"'" }'
  echo "  DB size after the import: $(stat -c %s "$d/tm.db" | awk -v n="$n" '{ printf "%.0f bytes = %.2f KB per unit", $1, $1 / n / 1024 }')"
  # the import leaves the concordance (FTS5) index to the first concordance
  /usr/bin/time -f "%e" -o "$d/fts.time" "$TUMAC" tm concordance --tm "$d/tm.db" storm >/dev/null 2>&1
  awk -v w="$wall" -v f="$(cat "$d/fts.time")" -v n="$n" \
    'BEGIN { printf "  first concordance (indexes the import): %.2f s; import + that index: %.0f TU/s\n", f, n / (w + f) }'
  # exact: the best match only (an exact hit ends the lookup); fuzzy: 5
  "$TUMAC" tm lookup --tm "$d/tm.db" -s en -t sr-Latn --json --timing --max 1 - < "$d/exact.q" > "$d/exact.json"
  stats "exact lookup (--max 1)" "$d/exact.json"
  # fuzzy at 75 (tm lookup's default) and at the analysis floor, 50: what
  # analyze and batch ask (their reports show 50-74 %), and leverage for
  # segments holding numbers or dates
  fuzzy "fuzzy lookup, mixed queries" en sr-Latn "$d/fuzzy.q" 75 "$d"
  fuzzy "fuzzy lookup, mixed queries" en sr-Latn "$d/fuzzy.q" 50 "$d"
  echo "  DB size: $(stat -c %s "$d/tm.db" | awk -v n="$n" '{ printf "%.0f bytes = %.2f KB per unit", $1, $1 / n / 1024 }') (after the first concordance)"
  # the reverse direction (schema 8): the same TM asked sr-Latn -> en, with
  # the targets of Q TM units (exact) and near duplicates of them (one to
  # three words replaced by words of other targets); the forward peer:
  # near duplicates of the sources of the same units, made the same way
  python3 - "$d/tm.tsv" "$Q" "$d" <<'PY'
import random, sys
rng = random.Random(20261202)
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
q, d = int(sys.argv[2]), sys.argv[3]
units = sorted(rng.sample(range(len(rows)), q))
def edit(s, vocab):
    w = s.split()
    for _ in range(rng.randint(1, 3)):
        if w:
            w[rng.randrange(len(w))] = rng.choice(vocab)
    return " ".join(w)
for side, name in ((1, "r"), (0, "f")):
    vocab = [w for r in rows[:5000] for w in r[side].split()]
    pick = [rows[i][side] for i in units]
    if side == 1:
        open(d + "/rexact.q", "w", encoding="utf-8").write("\n".join(pick) + "\n")
    open(d + "/" + name + "near.q", "w", encoding="utf-8").write("\n".join(edit(s, vocab) for s in pick) + "\n")
PY
  "$TUMAC" tm lookup --tm "$d/tm.db" -s sr-Latn -t en --json --timing --max 1 - < "$d/rexact.q" > "$d/rexact.json"
  stats "reverse exact lookup (sr-Latn -> en, --max 1)" "$d/rexact.json"
  python3 - "$d/rexact.json" <<'PY'
import json, sys
r = [json.loads(l)["matches"] for l in open(sys.argv[1])]
found = sum(bool(m) and m[0]["score"] >= 100 for m in r)
print(f"  reverse exact: {found}/{len(r)} find a source at 100")
PY
  for min in 75 50; do
    fuzzy "forward fuzzy (en -> sr-Latn), near duplicates" en sr-Latn "$d/fnear.q" $min "$d"
    fuzzy "reverse fuzzy (sr-Latn -> en), near duplicates" sr-Latn en "$d/rnear.q" $min "$d"
  done
  echo "  (load $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ "$n" = 20000 ] && command -v build_tmdb >/dev/null; then
    "$TUMAC" tm export --tm "$d/tm.db" -o "$d/tm.tmx"
    t0=$(date +%s.%N)
    "$TUMAC" tm import --tm "$d/tmx.db" "$d/tm.tmx" 2>/dev/null
    t1=$(date +%s.%N)
    build_tmdb -d "$d/tt.db" -s en -t sr "$d/tm.tmx" >/dev/null 2>&1
    t2=$(date +%s.%N)
    head -"$TTQ" "$d/fuzzy.q" > "$d/tt.q"
    "$TUMAC" tm lookup --tm "$d/tm.db" -s en -t sr-Latn --json --timing - < "$d/tt.q" > "$d/tt-tumac.json"
    cat > "$d/tmdb-q.py" <<'PY'
import json, sys, time
from translate.storage import tmdb
db = tmdb.TMDB(sys.argv[1], max_candidates=5, min_similarity=75)
if sys.argv[3] == "off":
    db.fulltext = False  # its length-filtered scan instead of the FTS3 join
for q in open(sys.argv[2], encoding="utf-8").read().splitlines():
    t = time.perf_counter()
    r = db.translate_unit(q, ["en"], ["sr"])
    print(json.dumps({"ms": 1000 * (time.perf_counter() - t), "matches": len(r)}), flush=True)
PY
    /usr/bin/python3 "$d/tmdb-q.py" "$d/tt.db" "$d/tt.q" off > "$d/tt-off.json"
    timeout "$TTCAP" /usr/bin/python3 "$d/tmdb-q.py" "$d/tt.db" "$d/tt.q" on > "$d/tt-on.json" || true
    units=$(sqlite3 "$d/tt.db" 'SELECT count(*) FROM sources')
    awk -v a="$(echo "$t1 - $t0" | bc)" -v b="$(echo "$t2 - $t1" | bc)" -v u="$units" \
      'BEGIN { printf "  TMX import: tumac %.2f s, tmdb build_tmdb %.2f s (%d sources), ratio tmdb/tumac %.2f\n", a, b, u, b / a }'
    stats "tumac fuzzy ($TTQ queries)" "$d/tt-tumac.json"
    stats "tmdb translate_unit, full-text search off" "$d/tt-off.json"
    if [ -s "$d/tt-on.json" ]; then
      stats "tmdb translate_unit as shipped (FTS3), within ${TTCAP} s" "$d/tt-on.json"
    else
      echo "  tmdb translate_unit as shipped (FTS3): no query finished within ${TTCAP} s"
    fi
    python3 - "$d/tt-tumac.json" "$d/tt-off.json" "$d/tt-on.json" "$TTQ" <<'PY'
import json, sys
def ms(f):
    return [json.loads(l)["ms"] for l in open(f)]
a, off, on = ms(sys.argv[1]), ms(sys.argv[2]), ms(sys.argv[3])
q = int(sys.argv[4])
pick = lambda v, p: sorted(v)[min(len(v) - 1, int(p * len(v)))]
print(f"  ratio tmdb (full-text off)/tumac: p50 {pick(off, .5) / pick(a, .5):.0f}x, p99 {pick(off, .99) / pick(a, .99):.0f}x, mean {sum(off) / sum(a):.0f}x")
if on:
    b = a[:len(on)]
    print(f"  ratio tmdb (as shipped)/tumac on the {len(on)} of {q} queries it finished: p50 {pick(on, .5) / pick(b, .5):.0f}x, mean {sum(on) / sum(b):.0f}x")
PY
  fi
  if [ "$n" = "${BENCH_TM_N:-100000}" ]; then
    BATCH_DIR=$d sh "$here/batch-throughput.sh"
  fi
  rm -rf "$d"
done
