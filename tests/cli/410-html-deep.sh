# Deeply nested HTML (issue 22, finding 2): 45,000 nested <span> overflowed
# the stack of the tree walks (exit 139) in extract, count, translit, analyze
# and took the whole batch down. Now a located "nested too deeply" error,
# in bounded time; the batch reports that input as failed and goes on.
. tests/cli/lib.sh

python3 - "$WORK" <<'PY'
import sys
w = sys.argv[1]
def nest(n):
    return "<html><body><p>" + "<span>" * n + "Deep text." + "</span>" * n + "</p></body></html>\n"
open(w + "/deep.html", "w").write(nest(45000))
open(w + "/ok.html", "w").write(nest(500))  # under the limit of 512
PY

for cmd in "extract -s en -t bs -o $WORK/deep.xlf" "count --lang en" \
           "translit --to sr-Cyrl --format html -o $WORK/deep.out" "analyze --tm none -s en -t bs"; do
    name=${cmd%% *}
    # shellcheck disable=SC2086
    check_exit "$name refuses deep nesting" 1 timeout 20 "$TUMAC" $cmd "$WORK/deep.html"
    check_grep "$name: located message" "deep.html:1:[0-9]+: HTML nested too deeply: this <span> is more than 512 elements deep" "$WORK/.err"
done
check_no_file "no XLIFF for the deep file" "$WORK/deep.xlf"
check_no_file "no transliteration for the deep file" "$WORK/deep.out"

# 500 levels are fine and round-trip
check_ok "500 levels extract" timeout 20 "$TUMAC" extract -s en -t bs -o "$WORK/ok.xlf" "$WORK/ok.html"
check_ok "500 levels merge" timeout 20 "$TUMAC" merge -o "$WORK/ok.back.html" "$WORK/ok.xlf"
check_files_same "500 levels round trip" "$WORK/ok.html" "$WORK/ok.back.html"

# the batch goes on with the other inputs
mkdir -p "$WORK/in"
cp "$WORK/deep.html" "$WORK/in/a.html"
printf '<html><body><p>Second document.</p></body></html>\n' > "$WORK/in/b.html"
check_exit "batch: one input failed" 1 timeout 60 "$TUMAC" batch -s en -t bs -o "$WORK/out" "$WORK/in"
check_grep "batch names the deep input" "a.html:1:[0-9]+: HTML nested too deeply" "$WORK/.out"
check_grep "batch reports it failed" "^a +bs .* failed" "$WORK/.out"
check_grep "batch processed the other" "^b +bs .*needs translation" "$WORK/.out"
check_ok "the other's XLIFF is there" test -s "$WORK/out/bs/b.xlf"
