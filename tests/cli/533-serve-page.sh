# The search page at / in headless Chromium: a sentence search given as URL
# parameters shows fuzzy results with differences marked and both scripts
# for Serbian; a word search shows concordance hits; statistics are shown.
# One screenshot is kept in $WORK/page.png for a person to look at.
. tests/cli/lib.sh
. tests/cli/serve-lib.sh

command -v chromium >/dev/null || { echo "FAIL chromium is not installed (make test-deps)"; exit 0; }
serve_tm
serve_start --tm "$WORK/tm.db" --read-only || exit 0
check_grep "GET / is the page" '<title>tumač' <(curl -s "$BASE/")
check_grep "served as HTML" '^content-type: text/html; charset=utf-8' <(curl -sI "$BASE/" | tr -d '\r' | tr A-Z a-z)
chrome() { # OUT URL: the DOM after the scripts ran (or a screenshot with --screenshot)
    timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$WORK/chrome" \
        --virtual-time-budget=5000 "$@" 2>>"$WORK/chrome.log"
}
Q="q=Young%20people%20and%20mayors%20discussed%20youth%20participation%20at%20the%20forum&mode=fuzzy&src=en&tgt=sr-Latn"
chrome --dump-dom "$BASE/?$Q" > "$WORK/fuzzy.html"
check_grep "fuzzy: a result row with its score and band" '<td class="score">[0-9]+ <span class="band-fuzzy">fuzzy</span></td>' "$WORK/fuzzy.html"
check_grep "fuzzy: the words that differ are marked" '<mark>discuss</mark>' "$WORK/fuzzy.html"
check_grep "fuzzy: the Latin target" 'Mladi i načelnici' "$WORK/fuzzy.html"
check_grep "fuzzy: and the same in Cyrillic" '<span class="other" lang="sr-Cyrl">Млади и начелници' "$WORK/fuzzy.html"
check_grep "statistics: units and pairs" 'Memory: 240 units, 240 approved \(read-only\)\. en → bs: 60' "$WORK/fuzzy.html"
chrome --dump-dom "$BASE/?q=recommendations&mode=words" > "$WORK/words.html"
check_grep "words: concordance hits" '<td>At the end of the forum, participants adopted recommendations' "$WORK/words.html"
chrome --dump-dom "$BASE/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&mode=words" > "$WORK/xss.html"
check_eq "a query with markup is shown as text, never as markup" "$(grep -c '<img src="x"' "$WORK/xss.html")" 0
chrome --screenshot="$WORK/page.png" --window-size=1100,800 "$BASE/?$Q" >/dev/null
check_ok "a screenshot was taken" test -s "$WORK/page.png"
[ -n "${SERVE_SCREENSHOT:-}" ] && cp "$WORK/page.png" "$SERVE_SCREENSHOT"
serve_stop
