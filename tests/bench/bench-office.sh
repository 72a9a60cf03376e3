# DOCX and ODT extract + merge throughput, tumac against Translate Toolkit's
# odf2xliff + xliff2odf on the same ODT files (Translate Toolkit reads no
# DOCX). Inputs: the corpus files in $SHARED/data/office that round-trip, and
# the ODT samples; both tools run once per file each way, untranslated, as a
# user would; tumac also in one extract and one merge process over all the
# files (-o DIR), its filters without a start-up per file. MB/s is of the
# input packages.
# Env: TUMAC, SHARED (see tests/bench/run.sh).
set -u
work=$(mktemp -d "${TMPDIR:-/tmp}/tumac-bench-office.XXXXXX")
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
calc() { python3 -c "import sys; print(format(eval(sys.argv[1]), sys.argv[2]))" "$1" "$2"; }

mkdir -p "$work/docx" "$work/odt" "$work/out"
for f in "$SHARED"/data/office/okapi/*.docx "$SHARED"/data/office/python-docx/*.docx; do
    "$TUMAC" extract -s en -t hr -o /dev/null "$f" 2>/dev/null && ln -s "$(realpath "$f")" "$work/docx/"
done
for f in "$SHARED"/data/office/okapi/*.odt samples/office/*.odt samples/office/new/*.odt; do
    "$TUMAC" extract -s en -t hr -o /dev/null "$f" 2>/dev/null && ln -s "$(realpath "$f")" "$work/odt/"
done

run_tumac() { # DIR -> seconds
    local t0 t1
    t0=$(now)
    for f in "$1"/*; do
        "$TUMAC" extract -s en -t hr -o "$work/out/x.xlf" "$f" >/dev/null 2>&1 &&
            "$TUMAC" merge -o "$work/out/$(basename "$f")" "$work/out/x.xlf" >/dev/null 2>&1
    done
    t1=$(now)
    calc "$t1 - $t0" .3f
}
# the same files through one extract and one merge process (-o DIR): the
# filters' own speed, without a process start per file
run_tumac_batch() { # DIR -> seconds
    local t0 t1
    rm -rf "$work/bx" "$work/bm"
    t0=$(now)
    "$TUMAC" extract -s en -t hr -o "$work/bx" "$1"/* >/dev/null 2>&1
    "$TUMAC" merge -o "$work/bm" "$work/bx"/*.xlf >/dev/null 2>&1
    t1=$(now)
    calc "$t1 - $t0" .3f
}
for kind in docx odt; do
    n=$(ls "$work/$kind" | wc -l)
    bytes=$(cat "$work/$kind"/* | wc -c)
    s=$(run_tumac "$work/$kind")
    echo "tumac $kind: $n files, $(calc "$bytes / 1e6" .2f) MB, extract+merge $s s, $(calc "$bytes / 1e6 / $s" .2f) MB/s (a process per file and step)"
    s=$(run_tumac_batch "$work/$kind")
    echo "tumac $kind: the same in one extract and one merge process: $s s, $(calc "$bytes / 1e6 / $s" .2f) MB/s"
done
if command -v odf2xliff >/dev/null && command -v xliff2odf >/dev/null; then
    n=0
    t0=$(now)
    for f in "$work"/odt/*; do
        b=$(basename "$f" .odt)
        odf2xliff "$f" "$work/out/$b.xlf" >/dev/null 2>&1 &&
            xliff2odf -t "$f" "$work/out/$b.xlf" "$work/out/$b.tt.odt" >/dev/null 2>&1 && n=$((n + 1))
    done
    t1=$(now)
    s=$(calc "$t1 - $t0" .3f)
    bytes=$(cat "$work/odt"/* | wc -c)
    echo "odf2xliff+xliff2odf odt: $n of $(ls "$work/odt" | wc -l) files, extract+merge $s s, $(calc "$bytes / 1e6 / $s" .2f) MB/s"
else
    echo "odf2xliff+xliff2odf: not installed (translate-toolkit)"
fi
