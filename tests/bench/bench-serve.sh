# tumac serve: fuzzy lookups over HTTP (tmserver protocol) at 1, 8 and 32
# concurrent clients on loopback, next to Translate Toolkit's tmserver
# (Debian translate-toolkit + python3-cheroot) on the same units and queries.
# The load client is Python (tests/bench/serve_load.py), the same for both;
# at 2 cores it competes with the server, so the figures are a floor.
set -u
W=$(mktemp -d)
trap 'kill $TP $PP 2>/dev/null; rm -rf "$W"' EXIT
TP=; PP=
# the sample TM en -> sr-Latn: 60 units; queries = each source with one word changed
"$TUMAC" tm import --tm "$W/tm.db" -t sr-Latn tm/samples.tmx >/dev/null 2>&1
"$TUMAC" tm export --tm "$W/tm.db" -t sr-Latn -o "$W/sr.tmx" >/dev/null
python3 - "$W/sr.tmx" "$W/q.txt" "$W/units.po" <<'PY'
import re, sys, html
t = open(sys.argv[1], encoding="utf-8").read()
pairs = re.findall(r'<tuv xml:lang="en"[^>]*>\s*<seg>(.*?)</seg>.*?<tuv xml:lang="sr-Latn"[^>]*>\s*<seg>(.*?)</seg>', t, re.S)
with open(sys.argv[2], "w", encoding="utf-8") as q, open(sys.argv[3], "w", encoding="utf-8") as po:
    po.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
    for s, g in pairs:
        s, g = html.unescape(s), html.unescape(g)
        w = s.split()
        w[len(w) // 2] = w[len(w) // 2] + "s"
        q.write(" ".join(w) + "\n")
        esc = lambda x: x.replace("\\", "\\\\").replace('"', '\\"')
        po.write('msgid "%s"\nmsgstr "%s"\n\n' % (esc(s), esc(g)))
PY
echo "TM: $(wc -l < "$W/q.txt") en -> sr-Latn units, queries: each source with one word changed"
"$TUMAC" serve --tm "$W/tm.db" --read-only --listen 127.0.0.1:0 > "$W/serve.out" 2>&1 &
TP=$!
for _ in $(seq 500); do grep -q listening "$W/serve.out" 2>/dev/null && break; sleep 0.01; done
PORT=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$W/serve.out")
first=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).readline().strip()))' "$W/q.txt")
echo "tumac serve (4 threads; first query finds $(curl -s "http://127.0.0.1:$PORT/tmserver/en/sr_Latn/unit/$first" | grep -c '"quality"') candidates):"
for c in 1 8 32; do python3 tests/bench/serve_load.py 127.0.0.1 "$PORT" /tmserver/en/sr_Latn/unit/ "$W/q.txt" $c 5; done
kill $TP; wait $TP 2>/dev/null; TP=
if /usr/bin/python3 -c 'import cheroot' 2>/dev/null && command -v tmserver >/dev/null; then
    TT_PORT=$((PORT + 1))
    tmserver -d "$W/tt.db" -f "$W/units.po" -s en -t sr_Latn -b 127.0.0.1 -p $TT_PORT > "$W/tt.log" 2>&1 &
    PP=$!
    for _ in $(seq 3000); do curl -s -o /dev/null "http://127.0.0.1:$TT_PORT/tmserver/en/sr_Latn/unit/x" && break; sleep 0.01; done
    first=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).readline().strip()))' "$W/q.txt")
    echo "Translate Toolkit tmserver (cheroot, same units and queries; first query finds" \
        "$(curl -s "http://127.0.0.1:$TT_PORT/tmserver/en/sr_Latn/unit/$first" | grep -c '"quality"') candidates):"
    for c in 1 8 32; do python3 tests/bench/serve_load.py 127.0.0.1 $TT_PORT /tmserver/en/sr_Latn/unit/ "$W/q.txt" $c 5; done
else
    echo "Translate Toolkit tmserver: not run (needs translate-toolkit and python3-cheroot: make test-deps)"
fi
