#!/usr/bin/env bash
# Sentence segmentation on NTREX-128 news (../shared/data/parallel/ntrex-128):
# each document's lines joined into one paragraph, then segmented by tumac and
# by translate-toolkit's posegment (txt2po + posegment --source-language),
# the peer; accuracy by tests/data/segment/ntrex-eval.sh and time of each.
# Env: TUMAC, SHARED.
set -euo pipefail
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-segment.XXXXXX")
trap 'rm -rf "$work"' EXIT
if ! command -v posegment >/dev/null || ! command -v txt2po >/dev/null; then
    echo "posegment/txt2po (translate-toolkit) not installed: no peer to compare"
    exit 0
fi
# A stand-in with tumac's interface ("segment --lang L FILE") around posegment.
cat >"$work/peer" <<'PEER'
#!/bin/sh
lang=$3 in=$4 d=$(mktemp -d)
txt2po --progress=none "$in" "$d/a.po" >/dev/null 2>&1
posegment --progress=none --source-language="${lang%%-*}" -l "${lang%%-*}" "$d/a.po" "$d/b.po" >/dev/null 2>&1
/usr/bin/python3 - "$d/b.po" <<'PY'
import sys
from translate.storage import po
prev = None
for u in po.pofile.parsefile(sys.argv[1]).units:
    if u.isheader():
        continue
    loc = tuple(u.getlocations())
    if prev is not None and loc != prev:
        print()
    print(u.source)
    prev = loc
PY
rm -rf "$d"
PEER
chmod +x "$work/peer"
now() { date +%s.%N; }
printf '%-8s %-9s %s\n' lang tool "result (seconds)"
for pair in bs:bos hr:hrv sr-Latn:srp-Latn sr-Cyrl:srp-Cyrl en:eng; do
    lang=${pair%%:*} suf=${pair#*:}
    t0=$(now)
    ours=$(tests/data/segment/ntrex-eval.sh "$TUMAC" "$SHARED" "$lang" "$suf")
    t1=$(now)
    peer=$(tests/data/segment/ntrex-eval.sh "$work/peer" "$SHARED" "$lang" "$suf")
    t2=$(now)
    a=$(echo "$t1 - $t0" | bc -l) b=$(echo "$t2 - $t1" | bc -l)
    printf '%-8s %-9s %s (%.2f s)\n' "$lang" tumac "$ours" "$a"
    printf '%-8s %-9s %s (%.2f s)\n' "$lang" posegment "$peer" "$b"
    printf '%-8s time ratio posegment/tumac: %.1f\n' "$lang" "$(echo "$b / $a" | bc -l)"
done
