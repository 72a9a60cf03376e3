#!/usr/bin/env bash
# Makes the seed corpora of the fuzz targets (tests/fuzz/corpus/TARGET/) from
# the project's own samples and test data with build/tumac; the small
# hand-written seeds in tests/fuzz/seeds/ are copied in as they are.
# Run from the repository root after `make all`; the output is committed.
set -eu
tumac=${1:-build/tumac}
c=tests/fuzz/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$c"
mkdir -p "$c"/{xliff,tmx,srx,translit,office}
cp tests/fuzz/seeds/*.xlf "$c/xliff/"
cp tests/fuzz/seeds/*.tmx "$c/tmx/"

# HTML and text take samples/ and tests/data/ in place (tests/fuzz/run.sh).

# XLIFF: extracts of a few small pages in 2.1 and 1.2, pseudo-translated too
for f in tests/data/html/06-nested-inline.html tests/data/html/22-attr-inline.html \
         tests/data/html/16-misnested.html tests/data/html/01-entities.html \
         samples/statement-attack-journalist.en.txt; do
    b=$(basename "$f"); b=${b%.*}
    for v in 2.1 1.2; do
        "$tumac" extract -s en -t sr-Latn -x "$v" -o "$c/xliff/$b-$v.xlf" "$f"
        "$tumac" pseudo -o "$c/xliff/$b-$v-pseudo.xlf" "$c/xliff/$b-$v.xlf"
    done
    "$tumac" xliff convert --to 2.2 -o "$c/xliff/$b-2.2.xlf" "$c/xliff/$b-2.1.xlf"
done

# TMX: the first units of tumac's export of the sample TM's Serbian Cyrillic
TUMAC_TM=$tmp/tm.db "$tumac" tm import tm/samples.tmx
TUMAC_TM=$tmp/tm.db "$tumac" tm export -t sr-Cyrl -o "$tmp/sr.tmx"
{ awk '{ print } /<\/tu>/ && ++n == 6 { exit }' "$tmp/sr.tmx"; printf '  </body>\n</tmx>\n'; } \
    > "$c/tmx/samples-sr-Cyrl.tmx"

# SRX: small rule files, one with its own text after a NUL, and the built-in rules
"$tumac" segment --dump-srx > "$c/srx/builtin.srx"
cp tests/fuzz/seeds/*.srx "$c/srx/"
{ cat tests/fuzz/seeds/small.srx; printf '\0%s\n%s' 'Prof. dr. Ana Marić (54) rekla je: „Dođite u 9 h.“ Hvala!' \
  'U.S. envoy Mr. Lee met 3 p.m. today. Then?'; } > "$c/srx/small-with-text"

# Transliteration: Serbian Latin text written in the target's byte code
for f in samples/forum-youth-participation.sr-Latn.txt tests/data/segment/sr-Latn.txt; do
    python3 tests/fuzz/translit-seed.py < "$f" > "$c/translit/$(basename "$f" .txt)"
done

# Office: each part the DOCX/ODT filters read of the English and Cyrillic
# samples (as "NAME\n" + part), and small hostile packages (tests/fuzz/office-seeds.py)
python3 tests/fuzz/office-seeds.py parts "$c/office" samples/office/*.{en,sr-Cyrl}.{docx,odt}
python3 tests/fuzz/office-seeds.py hostile "$c/office"
