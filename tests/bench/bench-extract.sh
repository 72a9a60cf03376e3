# Extract + merge throughput on a few MB of HTML, against Translate Toolkit's
# html2po + po2html measured in the same run on the same files: 24 releases
# of ~110 KB each (the samples' bodies repeated in <section>s), ~2.7 MB in
# all. Translate Toolkit runs on the folder (one process each way); tumac
# runs extract and merge once per file, as a user would. Also tumac on one
# 3.4 MB file (Translate Toolkit's time grows about quadratically with the
# size of one document, so it is not run on that). Untranslated, so both
# outputs are compared with the inputs too.
# Env: TUMAC (see tests/bench/run.sh).
set -u
work=$(mktemp -d "${TMPDIR:-/tmp}/tumac-bench-extract.XXXXXX")
trap 'rm -rf "$work"' EXIT

make_html() { # SECTIONS OUT
    python3 - "$1" "$2" samples/*.html <<'PY'
import re, sys
n, out_path = int(sys.argv[1]), sys.argv[2]
bodies = []
for f in sys.argv[3:]:
    s = open(f, encoding="utf-8").read()
    m = re.search(r"<body[^>]*>(.*)</body>", s, re.S | re.I)
    if m:
        bodies.append(m.group(1))
body = "\n".join(bodies)
out = ['<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Bench</title></head>\n<body>\n']
out += ['<section id="s%d">\n%s\n</section>\n' % (i, body) for i in range(n)]
out.append("</body>\n</html>\n")
open(out_path, "w", encoding="utf-8").write("".join(out))
PY
}
now() { date +%s.%N; }
calc() { python3 -c "import sys; print(format(eval(sys.argv[1]), sys.argv[2]))" "$1" "$2"; }

mkdir -p "$work/in" "$work/tu"
make_html 4 "$work/in/r00.html"
for i in $(seq 1 23); do cp "$work/in/r00.html" "$work/in/r$(printf %02d "$i").html"; done
files=$(ls "$work/in" | wc -l)
bytes=$(cat "$work"/in/*.html | wc -c)

t0=$(now)
for f in "$work"/in/*.html; do
    b=$(basename "$f" .html)
    "$TUMAC" extract -s en -t bs -o "$work/tu/$b.xlf" "$f" || exit 1
    "$TUMAC" merge -o "$work/tu/$b.html" "$work/tu/$b.xlf" 2>/dev/null || exit 1
done
t1=$(now)
tu_s=$(calc "$t1 - $t0" .3f)
tu_same=0
for f in "$work"/in/*.html; do cmp -s "$f" "$work/tu/$(basename "$f")" && tu_same=$((tu_same + 1)); done

if command -v html2po >/dev/null && command -v po2html >/dev/null; then
    t0=$(now)
    html2po --progress=none "$work/in" "$work/po" >/dev/null 2>&1
    po2html --progress=none -t "$work/in" "$work/po" "$work/tt" >/dev/null 2>&1
    t1=$(now)
    tt_s=$(calc "$t1 - $t0" .3f)
    tt_same=0
    for f in "$work"/in/*.html; do cmp -s "$f" "$work/tt/$(basename "$f")" && tt_same=$((tt_same + 1)); done
else
    tt_s=""
fi

printf '%-34s %8s %9s %8s %10s\n' "extract+merge, $files files" MB seconds MB/s identical
printf '%-34s %8s %9s %8s %10s\n' "tumac" "$(calc "$bytes / 1e6" .2f)" "$tu_s" \
    "$(calc "$bytes / 1e6 / $tu_s" .2f)" "$tu_same/$files"
if [ -n "$tt_s" ]; then
    printf '%-34s %8s %9s %8s %10s\n' "translate-toolkit html2po+po2html" "$(calc "$bytes / 1e6" .2f)" "$tt_s" \
        "$(calc "$bytes / 1e6 / $tt_s" .2f)" "$tt_same/$files"
    echo "ratio: tumac is $(calc "$tt_s / $tu_s" .1f)x the throughput of translate-toolkit (same files, same run)"
else
    echo "translate-toolkit not installed (make deps installs it): no ratio"
fi

make_html 120 "$work/big.html"
big=$(stat -c %s "$work/big.html")
t0=$(now)
"$TUMAC" extract -s en -t bs -o "$work/big.xlf" "$work/big.html" || exit 1
"$TUMAC" merge -o "$work/big.out" "$work/big.xlf" 2>/dev/null || exit 1
t1=$(now)
cmp -s "$work/big.html" "$work/big.out" && same=identical || same=DIFFERENT
echo "tumac on one $(calc "$big / 1e6" .1f) MB file: $(calc "$t1 - $t0" .2f) s, $(calc "$big / 1e6 / ($t1 - $t0)" .2f) MB/s, $same"
