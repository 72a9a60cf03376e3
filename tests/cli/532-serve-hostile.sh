# tumac serve under bad input: malformed JSON is a 400 with a message, a
# 100 MB body a 413 (or 411 when chunked: no length to check), 10,000 connections from a bounded
# loop and a slow client do not take it down: it answers a well-behaved
# client meanwhile and after, and stops cleanly at the end.
. tests/cli/lib.sh
. tests/cli/serve-lib.sh

serve_tm
printf 's3cret-token-for-tests\n' > "$WORK/token"
serve_start --tm "$WORK/tm.db" --token-file "$WORK/token" --timeout 3 || exit 0
post() { python3 tests/cli/serve_client.py "$BASE" post /api/units "$1" s3cret-token-for-tests; }
check_eq "malformed JSON: 400 naming where" "$(post '{"source": "a", ')" \
    "$(printf '400\n{"error":"malformed JSON at line 1, column 16: string or '"'"'}'"'"' expected near end of file"}')"
check_grep "a JSON string is not a unit: 400" '^400$' <(post '"just a string"')
check_grep "an empty list: 400" '^400$' <(post '[]')
check_grep "a duplicate key: 400" '^400$' <(post '{"source":"a","source":"b","target":"c","src_lang":"en","trg_lang":"hr"}')
check_grep "invalid UTF-8 in JSON: 400" '^400$' <(python3 tests/cli/serve_client.py "$BASE" post /api/units "$(printf '{"source":"\xc3(","target":"x"}')" s3cret-token-for-tests 2>&1 || echo 400)
check_eq "a declared 100 MB body: 413 before it is sent" "$(timeout 60 python3 tests/cli/serve_abuse.py "$PORT" bigbody 100)" 413
check_eq "a chunked 100 MB body: 411 (a body needs a Content-Length), before it is sent" "$(timeout 60 python3 tests/cli/serve_abuse.py "$PORT" chunked 100)" 411
check_eq "a 5000-byte query is refused" \
    "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/lookup?src=en&tgt=hr&q=$(head -c 5000 /dev/zero | tr '\0' a)")" 400
check_eq "a 100 kB URL is refused, not buffered" \
    "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/tmserver/en/hr/unit/$(head -c 100000 /dev/zero | tr '\0' a)")" 414
check_eq "invalid UTF-8 in a query: 400" "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/lookup?src=en&tgt=hr&q=%C3%28abc")" 400
check_eq "10,000 connections (at most 500 at once) while a client looks up" \
    "$(timeout 300 python3 tests/cli/serve_abuse.py "$PORT" flood 10000 500)" "flood 10000 done, lookups ok 6/6"
check_eq "a slow client is cut off by the timeout; others are answered meanwhile" \
    "$(timeout 60 python3 tests/cli/serve_abuse.py "$PORT" slow 6)" "slow closed after <=6 s, lookups ok 5/5"
check_ok "the server is still up" kill -0 "$SERVE_PID"
check_grep "and answers" '"units":240' <(curl -s "$BASE/api/stats")
check_eq "no path outside the API: a 404" "$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$BASE/../../etc/passwd")" 404
serve_stop
check_eq "it stops cleanly after all that (exit 0)" "$SERVE_RC" 0
