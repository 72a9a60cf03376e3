# Interop with Translate Toolkit (Debian translate-toolkit): html2po + po2html
# and tumac extract + merge on the same HTML files, untranslated. Asserted:
# tumac gives every file back byte for byte, and the peer ran. Recorded (a
# table on the output, not asserted): where html2po/po2html changes the
# document or refuses it.
. tests/cli/lib.sh

if ! command -v html2po >/dev/null || ! command -v po2html >/dev/null; then
    echo "FAIL translate-toolkit is not installed (make deps installs it)"
    exit 0
fi

mkdir -p "$WORK/in"
cp tests/data/html/*.html samples/*.en.html "$WORK/in/"
# the peer works on whole folders: two runs instead of two per file
html2po --progress=none "$WORK/in" "$WORK/po" >/dev/null 2>"$WORK/h2p.err"
check_ok "html2po ran" test -d "$WORK/po"
po2html --progress=none -t "$WORK/in" "$WORK/po" "$WORK/tt" >/dev/null 2>"$WORK/p2h.err"
check_ok "po2html ran" test -d "$WORK/tt"

# where two files first differ: a little context, then what each has there
first_change() {
    python3 - "$1" "$2" <<'PY'
import sys
a, b = (open(p, "rb").read().decode("utf-8", "replace") for p in sys.argv[1:3])
i = 0
while i < min(len(a), len(b)) and a[i] == b[i]:
    i += 1
r = lambda s: repr(s)[1:-1]
print("...%s[%s => %s]" % (r(a[max(0, i - 12):i]), r(a[i:i + 16]), r(b[i:i + 16])))
PY
}

same=0 changed=0 refused=0 n=0
printf '%-36s %-6s %-8s %s\n' file tumac tt "first change by html2po/po2html: ...context[original => theirs]" > "$WORK/table"
for f in "$WORK"/in/*.html; do
    b=$(basename "$f")
    n=$((n + 1))
    "$TUMAC" extract -s en -t bs -o "$WORK/$b.xlf" "$f" 2>/dev/null &&
        "$TUMAC" merge -o "$WORK/$b.out" "$WORK/$b.xlf" 2>/dev/null
    if cmp -s "$f" "$WORK/$b.out"; then tu=same; else tu=CHANGED; fi
    check_files_same "tumac round trip of $b is byte-identical" "$f" "$WORK/$b.out"
    what=""
    if grep -q "input [^ ]*/$b," "$WORK/h2p.err" || [ ! -s "$WORK/tt/$b" ]; then
        tt=refused; refused=$((refused + 1))
        what=$(grep -o "input [^ ]*/$b,.*" "$WORK/h2p.err" | grep -o '"[^"]*"' | head -1)
    elif cmp -s "$f" "$WORK/tt/$b"; then
        tt=same; same=$((same + 1))
    else
        tt=changed; changed=$((changed + 1))
        what=$(first_change "$f" "$WORK/tt/$b")
    fi
    printf '%-36s %-6s %-8s %s\n' "$b" "$tu" "$tt" "$what" >> "$WORK/table"
done
cat "$WORK/table"
echo "translate-toolkit: $same of $n unchanged, $changed changed, $refused refused"
check_ok "the peer converted at least one file" test "$((same + changed))" -gt 0
# tumac's side of every file was asserted above; this counts them once more
check_eq "tumac round-tripped all $n files" \
    "$(for f in "$WORK"/in/*.html; do cmp -s "$f" "$WORK/$(basename "$f").out" && echo ok; done | wc -l | tr -d ' ')" "$n"
