# batch --import killed in the middle (kill -9 while it stores returned
# translations in the TM), then rerun: the TM passes integrity_check, holds
# every segment an uninterrupted import stores, and the outputs are whole.
. tests/cli/lib.sh

sample_copies "$WORK/in" 10
check_ok "batch 40 releases into hr with a TM" \
    "$TUMAC" batch --tm "$WORK/tm.db" -s en -t hr -j 2 -q -o "$WORK/out" "$WORK/in"
# The translators return every file with final targets (unique per file, so
# each import adds units).
check_ok "every XLIFF translated" python3 - "$WORK/out/hr" <<'PY'
import os, re, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if not name.endswith(".xlf"):
        continue
    p = os.path.join(d, name)
    s = open(p, encoding="utf-8").read()
    def seg(m):
        body = re.sub(r"<target>.*?</target>", "", m.group(2), flags=re.S)
        src = re.search(r"<source>(.*?)</source>", body, re.S).group(1)
        attrs = re.sub(r' state="[a-z]*"', "", m.group(1))
        return '<segment%s state="final">%s<target>%s [%s]</target></segment>' % (attrs, body, src, name)
    open(p, "w", encoding="utf-8").write(re.sub(r"<segment([^>]*)>(.*?)</segment>", seg, s, flags=re.S))
PY
cp -r "$WORK/out" "$WORK/ref"
cp "$WORK/tm.db" "$WORK/ref-tm.db"
check_ok "uninterrupted import (reference)" "$TUMAC" batch --import "$WORK/ref" --tm "$WORK/ref-tm.db" -j 2 -q
ref_units=$(sqlite3 "$WORK/ref-tm.db" "SELECT count(*) FROM tu")

"$TUMAC" batch --import "$WORK/out" --tm "$WORK/tm.db" -j 2 >"$WORK/run.out" 2>"$WORK/run.log" &
pid=$!
wait_until 500 has_lines 5 '\] ' "$WORK/run.log"
kill -9 "$pid" 2>/dev/null
wait "$pid"
check_eq "kill -9 ends the import" "$?" 137
check_eq "the TM passes integrity_check" "$(sqlite3 "$WORK/tm.db" 'PRAGMA integrity_check')" "ok"
mid_units=$(sqlite3 "$WORK/tm.db" "SELECT count(*) FROM tu")
check_eq "some but not all stored before the kill" \
    "$([ "$mid_units" -le "$ref_units" ] && echo yes)" "yes"
check_ok "rerun of the import completes" \
    "$TUMAC" batch --import "$WORK/out" --tm "$WORK/tm.db" -j 2 -q
check_eq "the TM holds what an uninterrupted import stores" \
    "$(sqlite3 "$WORK/tm.db" 'SELECT count(*) FROM tu')" "$ref_units"
check_ok "finished documents equal the uninterrupted run's" \
    diff -r -x 'report.*' -x 'analysis-*' -x '.tumac-batch' "$WORK/ref" "$WORK/out"
check_eq "no temporaries left" "$(find "$WORK/out" -name '.*.??????' | wc -l)" 0
