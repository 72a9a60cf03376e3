# Batch throughput (issue 21): BENCH_BATCH_DOCS (200) press releases, the
# sample releases (text and HTML) over and over with their numbers and
# places changed from copy to copy (so sentences repeat across the run as in
# a press office's year, some exactly, some with other values), into bs, hr,
# sr-Latn and sr-Cyrl (sr-Cyrl transliterated from sr-Latn) with the TM in
# BATCH_DIR/tm.db (tm-gen.py's, en -> sr-Latn), at -j1 and -j2, each on a
# fresh copy of the TM. Documents/s and document-locales/s, wall and CPU
# (user + sys): the machine is shared, so CPU is the steadier figure;
# -j2/-j1 from wall. The lookups that reached the TM (report.json
# tm_queries) for both, and whether -j1 and -j2 wrote the same XLIFF,
# documents and report counts. Goals: -j2 in <= 30 s, -j2/-j1 >= 1.7.
# Called by bench-tm.sh; env: TUMAC, BATCH_DIR.
set -eu
n=${BENCH_BATCH_DOCS:-200}
d=$BATCH_DIR
rm -rf "$d/bdocs"
python3 - samples "$d/bdocs" "$n" <<'PY'
import os, re, sys
samples, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
places = ["Sarajevo", "Mostar", "Banja Luka", "Tuzla", "Zenica", "Bihać", "Bijeljina",
          "Brčko", "Trebinje", "Doboj", "Prijedor", "Goražde"]
place = re.compile("|".join(map(re.escape, places)))
src = sorted(f for f in os.listdir(samples) if ".en." in f)
os.makedirs(out)
for k in range(n):
    name, v = src[k % len(src)], k // len(src)
    with open(os.path.join(samples, name), encoding="utf-8") as f:
        text = f.read()
    if v:
        parts = re.split(r"(<[^>]*>)", text)  # markup stays as it is
        for i in range(0, len(parts), 2):
            t = re.sub(r"(?<![\w#])\d+", lambda m: str(int(m.group()) + v), parts[i])
            parts[i] = place.sub(lambda m: places[(places.index(m.group()) + v) % len(places)], t)
        text = "".join(parts)
    with open(os.path.join(out, f"r{k:03d}-{name}"), "w", encoding="utf-8") as f:
        f.write(text)
PY
for j in 1 2; do
  cp "$d/tm.db" "$d/btm$j.db"
  rm -rf "$d/bout$j"
  /usr/bin/time -f "%e %U %S %M" -o "$d/b$j.time" "$TUMAC" batch --tm "$d/btm$j.db" -s en \
    -t bs,hr,sr-Latn,sr-Cyrl -j $j -q -o "$d/bout$j" "$d/bdocs"
  read -r wall user sys rss < "$d/b$j.time"
  q=$(sed -n 's/^ *"tm_queries": \([0-9]*\),*$/\1/p' "$d/bout$j/report.json")
  awk -v w="$wall" -v c="$(echo "$user + $sys" | bc)" -v n="$n" -v j=$j -v q="$q" -v m="$rss" \
    -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "  batch -j%d, %d documents x 4 locales: %.1f s wall = %.2f documents/s, %.2f document-locales/s; CPU %.1f s = %.3f s a document; %d TM lookups; %.0f MB (load %s)\n", j, n, w, n / w, 4 * n / w, c, c / n, q, m / 1024, l }'
  echo "$q" > "$d/b$j.q"
done
# the same outputs: XLIFF and documents, the report's counts (the reports
# also hold times, the TM's file name and the folder)
counts() {
  sed -E '/^  "(started|seconds|outdir|tm|tm_queries)": /d; s/"seconds": [0-9.]+//g' "$1"
}
same=yes
diff -r -q -x 'report.*' -x 'analysis-*' -x .tumac-batch "$d/bout1" "$d/bout2" >/dev/null || same=NO
[ "$(counts "$d/bout1/report.json")" = "$(counts "$d/bout2/report.json")" ] || same=NO
read -r w1 _ < "$d/b1.time"
read -r w2 _ < "$d/b2.time"
awk -v a="$w1" -v b="$w2" -v s="$same" -v q1="$(cat "$d/b1.q")" -v q2="$(cat "$d/b2.q")" \
  'BEGIN { printf "  batch -j2/-j1 speed-up (wall) %.2f (goal >= 1.7); -j2 %.1f s (goal <= 30 s); TM lookups -j2/-j1 %d/%d; XLIFF, documents and report counts of -j1 and -j2 identical: %s\n", a / b, b, q2, q1, s }'
rm -rf "$d/bdocs" "$d/bout1" "$d/bout2" "$d/btm1.db" "$d/btm2.db"
