# Extract + merge throughput against Translate Toolkit's html2po + po2html,
# measured in the same run on the same files, untranslated, so both outputs
# are compared with the inputs too:
# - 100 small releases (the samples' HTML pages, ~5 KB each), the office's
#   everyday folder: both tools take the folder in one process each way;
#   tumac also one process per file, as a script calling it per file would;
# - 24 releases of ~110 KB each (the samples' bodies repeated in
#   <section>s), ~2.7 MB in all, both on the folder;
# - one 1 MB file, both; and tumac alone on one 3.4 MB file (Translate
#   Toolkit's time grows about quadratically with the size of one document).
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

# tt_folder IN OUT: html2po + po2html over a folder; prints seconds, or
# nothing when Translate Toolkit is missing.
tt_folder() {
    command -v html2po >/dev/null && command -v po2html >/dev/null || return 0
    local t0 t1
    t0=$(now)
    html2po --progress=none "$1" "$2.po" >/dev/null 2>&1
    po2html --progress=none -t "$1" "$2.po" "$2" >/dev/null 2>&1
    t1=$(now)
    calc "$t1 - $t0" .3f
}
# tumac_folder IN OUT: extract + merge over a folder, one process each way.
tumac_folder() {
    local t0 t1
    t0=$(now)
    "$TUMAC" extract -s en -t bs -o "$2.xlf/" "$1"/*.html || exit 1
    "$TUMAC" merge -o "$2/" "$2.xlf"/*.xlf 2>/dev/null || exit 1
    t1=$(now)
    calc "$t1 - $t0" .3f
}
# same_count IN OUT SUFFIX: how many inputs came back byte for byte.
same_count() {
    local n=0 f
    for f in "$1"/*.html; do cmp -s "$f" "$2/$(basename "$f" .en.html)$3" && n=$((n + 1)); done
    echo "$n"
}
row() { # LABEL BYTES SECONDS IDENTICAL
    printf '%-40s %8s %9s %8s %10s\n' "$1" "$(calc "$2 / 1e6" .2f)" "$3" "$(calc "$2 / 1e6 / $3" .2f)" "$4"
}

# 100 small releases: the sample pages, each under its own name.
mkdir -p "$work/small"
i=0
while [ "$i" -lt 100 ]; do
    for f in samples/*.en.html; do
        [ "$i" -lt 100 ] && cp "$f" "$work/small/r$(printf %03d "$i").en.html"
        i=$((i + 1))
    done
done
bytes=$(cat "$work"/small/*.html | wc -c)
tu_fold=$(tumac_folder "$work/small" "$work/small-tu")
t0=$(now)
mkdir -p "$work/small-each"
for f in "$work"/small/*.html; do
    b=$(basename "$f" .en.html)
    "$TUMAC" extract -s en -t bs -o "$work/small-each/$b.xlf" "$f" || exit 1
    "$TUMAC" merge -o "$work/small-each/$b.bs.html" "$work/small-each/$b.xlf" 2>/dev/null || exit 1
done
t1=$(now)
tu_each=$(calc "$t1 - $t0" .3f)
tt_small=$(tt_folder "$work/small" "$work/small-tt")
printf '%-40s %8s %9s %8s %10s\n' "extract+merge, 100 small releases" MB seconds MB/s identical
row "tumac, the folder in one process" "$bytes" "$tu_fold" "$(same_count "$work/small" "$work/small-tu" .bs.html)/100"
row "tumac, one process per file" "$bytes" "$tu_each" "$(same_count "$work/small" "$work/small-each" .bs.html)/100"
if [ -n "$tt_small" ]; then
    row "translate-toolkit html2po+po2html" "$bytes" "$tt_small" "$(same_count "$work/small" "$work/small-tt" .en.html)/100"
    echo "ratio (100 small releases): tumac's folder mode is $(calc "$tt_small / $tu_fold" .1f)x the throughput of translate-toolkit's; per file $(calc "$tt_small / $tu_each" .1f)x"
else
    echo "translate-toolkit not installed (make deps installs it): no ratio"
fi

# 24 releases of ~110 KB, both on the folder.
mkdir -p "$work/in"
make_html 4 "$work/in/r00.en.html"
for i in $(seq 1 23); do cp "$work/in/r00.en.html" "$work/in/r$(printf %02d "$i").en.html"; done
files=$(ls "$work/in" | wc -l)
bytes=$(cat "$work"/in/*.html | wc -c)
tu_s=$(tumac_folder "$work/in" "$work/tu")
tt_s=$(tt_folder "$work/in" "$work/tt")
printf '%-40s %8s %9s %8s %10s\n' "extract+merge, $files files of 110 KB" MB seconds MB/s identical
row "tumac" "$bytes" "$tu_s" "$(same_count "$work/in" "$work/tu" .bs.html)/$files"
if [ -n "$tt_s" ]; then
    row "translate-toolkit html2po+po2html" "$bytes" "$tt_s" "$(same_count "$work/in" "$work/tt" .en.html)/$files"
    echo "ratio: tumac is $(calc "$tt_s / $tu_s" .1f)x the throughput of translate-toolkit (same files, same run)"
fi

# One 1 MB file, both.
mkdir -p "$work/mb"
make_html 36 "$work/mb/one.en.html"
bytes=$(stat -c %s "$work/mb/one.en.html")
tu_s=$(tumac_folder "$work/mb" "$work/mb-tu")
tt_s=$(tt_folder "$work/mb" "$work/mb-tt")
printf '%-40s %8s %9s %8s %10s\n' "extract+merge, one file" MB seconds MB/s identical
row "tumac" "$bytes" "$tu_s" "$(same_count "$work/mb" "$work/mb-tu" .bs.html)/1"
if [ -n "$tt_s" ]; then
    row "translate-toolkit html2po+po2html" "$bytes" "$tt_s" "$(same_count "$work/mb" "$work/mb-tt" .en.html)/1"
    echo "ratio (one 1 MB file): tumac is $(calc "$tt_s / $tu_s" .1f)x the throughput of translate-toolkit"
fi

make_html 120 "$work/big.html"
big=$(stat -c %s "$work/big.html")
t0=$(now)
"$TUMAC" extract -s en -t bs -o "$work/big.xlf" "$work/big.html" || exit 1
"$TUMAC" merge -o "$work/big.out" "$work/big.xlf" 2>/dev/null || exit 1
t1=$(now)
cmp -s "$work/big.html" "$work/big.out" && same=identical || same=DIFFERENT
echo "tumac on one $(calc "$big / 1e6" .1f) MB file: $(calc "$t1 - $t0" .2f) s, $(calc "$big / 1e6 / ($t1 - $t0)" .2f) MB/s, $same"
