# tumac tm export -> Translate Toolkit: the TMX that tumač writes is read by
# translate-toolkit's TMX store with the same units (source, target), and
# build_tmdb imports it into a tmdb with one source per unit.
. tests/cli/lib.sh

N=$SHARED/data/parallel/ntrex-128
head -300 "$N/newstest2019.eng.txt" | tr -d '\r' > "$WORK/en"
head -300 "$N/newstest2019.srp-Latn.txt" | tr -d '\r' > "$WORK/sr"
paste "$WORK/en" "$WORK/sr" > "$WORK/en-sr.tsv"
export TUMAC_TM=$WORK/tm.db
check_ok "TSV import" "$TUMAC" tm import -s en -t sr-Latn "$WORK/en-sr.tsv"
check_ok "export" "$TUMAC" tm export -o "$WORK/out.tmx"
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import translate.storage.tmx' 2>/dev/null; then
    /usr/bin/python3 - "$WORK/out.tmx" "$WORK/en-sr.tsv" > "$WORK/tt.out" 2>&1 <<'PY'
import sys
from translate.storage import tmx
store = tmx.tmxfile.parsefile(sys.argv[1])
got = sorted((u.source, u.target) for u in store.units)
want = sorted(set(tuple(l.rstrip("\n").split("\t")) for l in open(sys.argv[2], encoding="utf-8")))
print(f"units {len(got)} expected {len(want)} same {got == want}")
PY
    check_grep "Translate Toolkit reads the same units" '^units 300 expected 300 same True$' "$WORK/tt.out"
else
    echo "skip: translate-toolkit (python3-translate-toolkit) is not installed"
fi
if command -v build_tmdb >/dev/null; then
    check_ok "build_tmdb imports the export" build_tmdb -d "$WORK/tt.db" -s en -t sr "$WORK/out.tmx"
    check_eq "tmdb holds every unit" "$(sqlite3 "$WORK/tt.db" 'SELECT count(*) FROM sources')" 300
else
    echo "skip: build_tmdb is not installed"
fi
