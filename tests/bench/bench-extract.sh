# Extract + merge throughput on HTML made of the samples' bodies repeated in
# <section>s, against translate-toolkit's html2po + po2html in the same run:
# both on the same 110 KB and 225 KB inputs (translate-toolkit's time grows
# about quadratically, so it is not run on megabytes), tumac also on 3.4 MB.
# Then the untranslated round trip of each test HTML file with both tools.
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
secs() { python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

tumac_rt() { # IN -> seconds; checks byte identity
    local t0 t1
    t0=$(now)
    "$TUMAC" extract -s en -t bs -o "$work/x.xlf" "$1" || return 1
    "$TUMAC" merge -o "$work/x.html" "$work/x.xlf" 2>/dev/null || return 1
    t1=$(now)
    cmp -s "$1" "$work/x.html" && same=yes || same=no
    echo "$(secs "$t0" "$t1") $same"
}
tt_rt() {
    local t0 t1
    t0=$(now)
    html2po --progress=none "$1" "$work/x.po" >/dev/null 2>&1
    po2html --progress=none -t "$1" "$work/x.po" "$work/x.tt.html" >/dev/null 2>&1
    t1=$(now)
    cmp -s "$1" "$work/x.tt.html" && same=yes || same=no
    echo "$(secs "$t0" "$t1") $same"
}

printf '%-10s %9s %12s %8s %12s %8s %7s\n' input bytes tumac_s ident tt_s ident ratio
for n in 4 8 120; do
    make_html "$n" "$work/in$n.html"
    bytes=$(stat -c %s "$work/in$n.html")
    read -r tu tu_same < <(tumac_rt "$work/in$n.html" || echo "fail fail")
    [ "$tu" = fail ] && { echo "tumac failed on $n sections"; exit 1; }
    if [ "$n" -le 8 ]; then
        read -r tt tt_same < <(tt_rt "$work/in$n.html")
        ratio=$(python3 -c "import sys; print('%.0fx' % (float(sys.argv[1]) / max(float(sys.argv[2]), 1e-3)))" "$tt" "$tu")
    else
        tt="(not run)"; tt_same="-"; ratio="-"
    fi
    printf '%-10s %9s %12s %8s %12s %8s %7s\n' "$n-sect" "$bytes" "$tu" "$tu_same" "$tt" "$tt_same" "$ratio"
    [ "$n" -eq 120 ] && python3 -c "import sys; print('tumac extract+merge throughput: %.1f MB/s' % (int(sys.argv[1]) / 1e6 / float(sys.argv[2])))" "$bytes" "$tu"
done
echo "ratio = translate-toolkit time / tumac time on the same input"

echo "untranslated round trip per file (tumac | translate-toolkit):"
tu_ok=0 tt_ok=0 tt_fail=0 n=0
for f in tests/data/html/*.html samples/*.html; do
    n=$((n + 1))
    "$TUMAC" extract -s en -t bs -o "$work/f.xlf" "$f" 2>/dev/null &&
        "$TUMAC" merge -o "$work/f.html" "$work/f.xlf" 2>/dev/null &&
        cmp -s "$f" "$work/f.html" && tu_ok=$((tu_ok + 1))
    rm -f "$work/f.po" "$work/f.tt.html"
    if html2po --progress=none "$f" "$work/f.po" 2>"$work/err" >/dev/null && [ ! -s "$work/err" ] &&
        po2html --progress=none -t "$f" "$work/f.po" "$work/f.tt.html" 2>/dev/null >/dev/null; then
        if cmp -s "$f" "$work/f.tt.html"; then
            tt_ok=$((tt_ok + 1))
        else
            echo "  $(basename "$f"): translate-toolkit changed it: $(diff "$f" "$work/f.tt.html" | grep '^>' | head -1 | cut -c1-110)"
        fi
    else
        tt_fail=$((tt_fail + 1))
        echo "  $(basename "$f"): html2po refused it: $(grep -o '"[^"]*"' "$work/err" | head -1 | cut -c1-90)"
    fi
done
echo "byte-identical: tumac $tu_ok/$n, translate-toolkit $tt_ok/$n (refused $tt_fail)"
