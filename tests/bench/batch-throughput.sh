# Batch throughput (issue 21): BENCH_BATCH_DOCS (10) releases of 20
# paragraphs each, made of the TM bench's queries (BATCH_DIR holds
# tm.db, fuzzy.q and exact.q from tm-gen.py), into bs, hr, sr-Latn and
# sr-Cyrl (sr-Cyrl transliterated from sr-Latn) with that TM (its units are
# en -> sr-Latn), at -j1 and -j2, each on a fresh copy of the TM.
# Documents/s and document-locales/s, wall and CPU (user + sys): the
# machine is shared, so CPU is the steadier figure; -j2/-j1 from wall.
# Called by bench-tm.sh; env: TUMAC, BATCH_DIR.
set -eu
n=${BENCH_BATCH_DOCS:-10}
d=$BATCH_DIR
mkdir -p "$d/bdocs"
python3 - "$d" "$n" <<'PY'
import html, sys
d, n = sys.argv[1], int(sys.argv[2])
qs = [l.strip() for f in ("fuzzy.q", "exact.q") for l in open(f"{d}/{f}", encoding="utf-8")]
for k in range(n):
    with open(f"{d}/bdocs/r{k:03d}.en.html", "w", encoding="utf-8") as f:
        f.write(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Release {k}</title></head><body>\n')
        for i in range(20):
            f.write("<p>" + html.escape(qs[(k * 20 + i) % len(qs)]) + "</p>\n")
        f.write("</body></html>\n")
PY
for j in 1 2; do
  cp "$d/tm.db" "$d/btm$j.db"
  /usr/bin/time -f "%e %U %S" -o "$d/b$j.time" "$TUMAC" batch --tm "$d/btm$j.db" -s en \
    -t bs,hr,sr-Latn,sr-Cyrl -j $j -q -o "$d/bout$j" "$d/bdocs"
  read -r wall user sys < "$d/b$j.time"
  awk -v w="$wall" -v c="$(echo "$user + $sys" | bc)" -v n="$n" -v j=$j -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "  batch -j%d, %d documents x 4 locales: %.1f s wall = %.2f documents/s, %.2f document-locales/s; CPU %.1f s = %.2f s a document (load %s)\n", j, n, w, n / w, 4 * n / w, c, c / n, l }'
done
# the XLIFF and documents (the reports carry the date and the TM's name)
same=yes
for l in bs hr sr-Latn sr-Cyrl; do
  diff -r -q "$d/bout1/$l" "$d/bout2/$l" >/dev/null || same=NO
done
awk -v a="$(cut -d' ' -f1 "$d/b1.time")" -v b="$(cut -d' ' -f1 "$d/b2.time")" -v s="$same" \
  'BEGIN { printf "  batch -j2/-j1 speed-up (wall) %.2f; XLIFF and documents of -j1 and -j2 identical: %s\n", a / b, s }'
