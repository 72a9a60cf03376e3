# tumac serve's JSON API: lookup with score, band and what differed (the same
# matches as `tumac tm lookup --json`), both scripts for Serbian,
# concordance, stats, and adding units: refused without the token, with a
# wrong one, on a read-only server; with the token the unit is in the TM.
. tests/cli/lib.sh
. tests/cli/serve-lib.sh

serve_tm
printf 's3cret-token-for-tests\n' > "$WORK/token"
serve_start --tm "$WORK/tm.db" --token-file "$WORK/token" || exit 0
api() { python3 tests/cli/serve_client.py "$BASE" "$@"; }
Q="Young people and mayors discussed youth participation at the OSCE forum in Banja Luka"
QE=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$Q")

api get "/api/lookup?src=en&tgt=sr-Latn&q=$QE&both=1" > "$WORK/lookup.json"
"$TUMAC" tm lookup --tm "$WORK/tm.db" -s en -t sr-Latn --json -- "$Q" > "$WORK/cli.json"
check_ok "lookup: the same scores, bands, sources, targets and differences as tm lookup --json" \
    python3 -c '
import json, sys
lines = open(sys.argv[1]).read().split("\n", 1)
assert lines[0] == "200", lines[0]
got, want = json.loads(lines[1]), json.loads(open(sys.argv[2]).read())
key = lambda m: (m["score"], m["band"], m["source"], m["target"], m["differs"])
assert [key(m) for m in got["matches"]] == [key(m) for m in want["matches"]], (got, want)
assert got["matches"] and got["matches"][0]["band"] == "fuzzy", got
' "$WORK/lookup.json" "$WORK/cli.json"
check_ok "both=1: each sr-Latn match carries its Cyrillic target, all Cyrillic" python3 -c '
import json, sys
d = json.loads(open(sys.argv[1]).read().split("\n", 1)[1])
assert d["other_script"] == "sr-Cyrl", d
for m in d["matches"]:
    o = m["target_other_script"]
    assert any("\u0400" <= c <= "\u04ff" for c in o), o
    assert not any("a" <= c.lower() <= "z" for c in o if c.isalpha() and c.isascii()) or "OSCE" in o or "OEBS" in o, o
' "$WORK/lookup.json"
check_grep "an exact match says exact" '"band":"exact"' <(api get "/api/lookup?src=en&tgt=hr&q=Young%20people%20and%20mayors%20discuss%20youth%20participation%20at%20OSCE%20forum%20in%20Banja%20Luka")
check_grep "a lookup without q is a 400 with a message" '^\{"error":"lookup needs src, tgt and q"\}' <(api get "/api/lookup?src=en&tgt=hr" | tail -1)
check_grep "min out of range is a 400" '^400$' <(api get "/api/lookup?src=en&tgt=hr&q=x&min=500" | head -1)

api get "/api/concordance?q=forum" > "$WORK/conc.json"
check_eq "concordance finds the units with the word, as tm concordance does" \
    "$(python3 -c 'import json,sys; print("\n".join("%d\t%s\t%s" % (h["id"], h["source"], h["target"]) for h in json.loads(open(sys.argv[1]).read().split("\n",1)[1])["hits"]))' "$WORK/conc.json")" \
    "$("$TUMAC" tm concordance --tm "$WORK/tm.db" forum 2>/dev/null)"
check_grep "and found some" '"hits":\[\{' "$WORK/conc.json"
check_grep "Cyrillic words are searched too" '"hits":\[\{' <(api get "/api/concordance?q=%D1%84%D0%BE%D1%80%D1%83%D0%BC%D1%83")

check_grep "stats: 240 units, 4 pairs, writable" '"units":240,"approved":240,.*"writable":true,"pairs":\[\{"src":"en","tgt":"bs","units":60\}' <(api get /api/stats)

U='{"src_lang":"en","trg_lang":"sr-Latn","source":"The ombudsman visited Mostar today.","target":"Ombudsman je danas posjetio Mostar."}'
check_eq "add without a token: 401" "$(api post /api/units "$U" | head -1)" 401
check_eq "add with a wrong token: 401" "$(api post /api/units "$U" wrong-token-xyz | head -1)" 401
check_eq "and nothing was added" "$("$TUMAC" tm lookup --tm "$WORK/tm.db" -s en -t sr-Latn "The ombudsman visited Mostar today.")" ""
check_eq "add with the token: 200, one added" "$(api post /api/units "$U" s3cret-token-for-tests)" "$(printf '200\n{"added":1,"merged":0}')"
check_eq "the unit is in the TM (tm lookup sees it)" \
    "$("$TUMAC" tm lookup --tm "$WORK/tm.db" -s en -t sr-Latn "The ombudsman visited Mostar today.")" \
    "$(printf '100\tThe ombudsman visited Mostar today.\tOmbudsman je danas posjetio Mostar.')"
check_eq "the same unit again merges" "$(api post /api/units "[$U]" s3cret-token-for-tests | tail -1)" '{"added":0,"merged":1}'
check_grep "and the server's own lookup finds it, in Cyrillic too" 'Омбудсман' \
    <(api get "/api/lookup?src=en&tgt=sr-Cyrl&q=The%20ombudsman%20visited%20Mostar%20today.")
check_eq "tmserver PUT with the token adds a unit" \
    "$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Authorization: Bearer s3cret-token-for-tests' \
        -d '{"source":"Press conference at noon.","target":"Konferencija za medije u podne."}' \
        "$BASE/tmserver/en/sr_Latn/unit/Press%20conference%20at%20noon.")" 200
check_eq "tmserver GET finds it" "$(python3 tests/cli/serve_client.py "$BASE" tmserver en sr_Latn "Press conference at noon.")" \
    "$(printf '100\tPress conference at noon.\tKonferencija za medije u podne.')"
check_grep "a unit without target is a 400 that says what a unit is" '^\{"error":"a unit is an object' \
    <(api post /api/units '{"source":"x","src_lang":"en","trg_lang":"hr"}' s3cret-token-for-tests | tail -1)
check_grep "a list with one bad unit adds none of them" '^400$' \
    <(api post /api/units '[{"source":"Fresh one.","target":"Nova.","src_lang":"en","trg_lang":"hr"},{"source":1}]' s3cret-token-for-tests)
check_eq "(the good one is not in the TM)" "$("$TUMAC" tm lookup --tm "$WORK/tm.db" -s en -t hr "Fresh one.")" ""
serve_stop

serve_start --tm "$WORK/tm.db" --read-only --token-file "$WORK/token" || exit 0
check_grep "read-only: add with the token is a 403 that says read-only" 'read-only' \
    <(api post /api/units "$U" s3cret-token-for-tests)
check_grep "read-only: lookups still answer" '"band":"exact"' \
    <(api get "/api/lookup?src=en&tgt=sr-Latn&q=The%20ombudsman%20visited%20Mostar%20today.")
serve_stop
check_exit "a token file with a short token is refused" 1 "$TUMAC" serve --tm "$WORK/tm.db" --listen 127.0.0.1:0 --token-file <(echo abc)
check_exit "a TM that does not exist is refused" 1 "$TUMAC" serve --tm "$WORK/none.db" --listen 127.0.0.1:0
check_exit "a bad --listen is a usage error" 2 "$TUMAC" serve --tm "$WORK/tm.db" --listen 127.0.0.1:99999
