# tumac serve speaks Translate Toolkit's tmserver protocol: a client written
# from translate/services/tmserver.py gets, for exact, fuzzy, Latin and
# Cyrillic URL-encoded queries, the same sources, targets and scores (as
# quality) as `tumac tm lookup --max 3` (tmserver's 3 candidates at 75).
. tests/cli/lib.sh
. tests/cli/serve-lib.sh

serve_tm
# a Serbian-sourced memory too: Cyrillic queries find Latin units (the key folds scripts)
printf 'Mladi i načelnici razgovarali su o učešću mladih u Banjaluci\tYoung people and mayors discussed youth participation in Banja Luka\nVlada je usvojila novi zakon o izborima\tThe government adopted a new election law\n' > "$WORK/sr.tsv"
check_ok "import a sr-Latn -> en TSV" "$TUMAC" tm import --tm "$WORK/tm.db" -s sr-Latn -t en "$WORK/sr.tsv"
serve_start --tm "$WORK/tm.db" --read-only || exit 0

same() { # WHAT SRC TGT TEXT: the tmserver answer equals tumac tm lookup's
    local got want
    got=$(python3 tests/cli/serve_client.py "$BASE" tmserver "$2" "$3" "$4" 2>&1)
    want=$("$TUMAC" tm lookup --tm "$WORK/tm.db" -s "$2" -t "$3" --max 3 -- "$4" 2>&1)
    check_eq "$1" "$got" "$want"
    [ -n "$want" ] || echo "FAIL $1: the lookup found nothing, the comparison proves little"
}
same "exact English sentence" en sr-Latn \
    "Young people and mayors discuss youth participation at OSCE forum in Banja Luka"
same "fuzzy English sentence (two words changed)" en sr-Latn \
    "Young people and mayors discussed youth participation at the OSCE forum in Banja Luka"
same "fuzzy, Cyrillic targets delivered" en sr-Cyrl \
    "Young people and mayors discussed youth participation at the OSCE forum in Banja Luka"
same "fuzzy into Bosnian" en bs \
    "Young people and mayors discussed youth participation at OSCE forum in Banja Luka"
same "Latin Serbian query with diacritics" sr-Latn en \
    "Mladi i načelnici razgovarali su o učešću mladih u Banjaluci"
same "Cyrillic query finds the Latin unit" sr-Latn en \
    "Млади и начелници разговарали су о учешћу младих у Бањалуци"
same "Cyrillic fuzzy query" sr-Latn en "Влада је усвојила нови закон о изборима."
check_eq "a query that matches nothing is an empty list" \
    "$(python3 tests/cli/serve_client.py "$BASE" get "/tmserver/en/sr_Latn/unit/Quantum%20chromodynamics%20lecture")" \
    "$(printf '200\n[]')"
check_eq "tmserver's sr_Latn tag means sr-Latn" \
    "$(python3 tests/cli/serve_client.py "$BASE" tmserver en sr_Latn "Young people and mayors discuss youth participation at OSCE forum in Banja Luka" | cut -f1)" \
    "$(printf '100\n100\n79')"
# the raw answer is a JSON list of objects with the fields tmserver gives
curl -s "$BASE/tmserver/en/sr-Cyrl/unit/Young%20people%20and%20mayors%20discuss%20youth%20participation%20at%20OSCE%20forum%20in%20Banja%20Luka" > "$WORK/raw.json"
check_ok "each candidate has source, target, context and a numeric quality" python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
assert isinstance(c, list) and c, c
for x in c:
    assert set(x) == {"source", "target", "context", "quality"}, x
    assert isinstance(x["quality"], int) and 75 <= x["quality"] <= 101, x
    assert all(not ("a" <= ch <= "z") for ch in x["target"] if ch.isalpha()), "Latin letter in Cyrillic: " + x["target"]
' "$WORK/raw.json"
check_grep "JSONP: ?callback=f wraps the list" '^f\(\[' <(curl -s "$BASE/tmserver/en/sr-Latn/unit/Banja%20Luka?callback=f")
check_eq "a callback that is not a JS name is refused" \
    "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/tmserver/en/sr-Latn/unit/x?callback=%3Cscript%3E")" 400
check_eq "a path without /unit/ is a 404" "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/tmserver/en/sr-Latn")" 404
check_eq "a read-only server refuses a tmserver PUT" \
    "$(curl -s -o /dev/null -w '%{http_code}' -X PUT -d '{"source":"a","target":"b"}' "$BASE/tmserver/en/sr-Latn/unit/a")" 403
serve_stop
check_eq "SIGTERM stops it cleanly (exit 0)" "$SERVE_RC" 0
check_grep "and it says so" 'stopped \(SIGTERM\)' "$WORK/serve.err"
