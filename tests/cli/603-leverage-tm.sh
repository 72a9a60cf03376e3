# tumac leverage from the TM end to end: the TM built from the earlier
# releases pre-translates the new one (schema-valid 2.1 and 1.2, opens in
# Translate Toolkit, merges into Bosnian where matched); a TM holding only
# sr-Latn fills an sr-Cyrl file in Cyrillic; numbers are carried over;
# `tm update` stores a translated file with its context so the same text
# comes back as 101% matches.
. tests/cli/lib.sh
export XML_CATALOG_FILES=$SHARED/standards/catalog.xml
S21=$SHARED/standards/xliff-2.x/2.1/xliff-2.1-all-modules.xsd
S12=$SHARED/standards/xliff-1.2/schema/xliff-core-1.2-strict.xsd
new=samples/new/workshop-media-literacy-tuzla.en.html
tm="$WORK/tm.db"

check_ok "TM from the earlier releases" "$TUMAC" tm import --tm "$tm" tm/samples.tmx

# --- 2.1: leverage, validate, merge ---
check_ok "extract the new release (2.1)" "$TUMAC" extract -s en -t bs -o "$WORK/new.xlf" "$new"
check_ok "leverage it from the TM" "$TUMAC" leverage --tm "$tm" -o "$WORK/lev.xlf" "$WORK/new.xlf"
check_grep "the summary counts exact and fuzzy words" "[1-9][0-9]* exact, [1-9][0-9]* fuzzy" "$WORK/.err"
check_ok "leveraged 2.1 valid (core + modules XSD)" xmllint --nonet --noout --schema "$S21" "$WORK/lev.xlf"
check_ok "leveraged 2.1 passes tumac validate" "$TUMAC" validate "$WORK/lev.xlf"
check_ok "candidates and targets as the TM gave them" python3 - "$WORK/lev.xlf" tm/samples.tmx <<'PY'
import sys, xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
M = "{urn:oasis:names:tc:xliff:matches:2.0}"
doc = ET.parse(sys.argv[1]).getroot()
tmx = ET.parse(sys.argv[2]).getroot()
bs = {}
for tu in tmx.iter("tu"):
    d = {}
    for tuv in tu.iter("tuv"):
        d[tuv.get("{http://www.w3.org/XML/1998/namespace}lang")] = "".join(tuv.find("seg").itertext())
    bs[d["en"]] = d["bs"]
exact = fuzzy = 0
for unit in doc.iter(X + "unit"):
    for m in unit.iter(M + "match"):
        q = float(m.get("matchQuality"))
        assert 50 <= q <= 101, q
        assert m.get("origin") == "samples.tmx", m.get("origin")
        assert m.get("ref", "").startswith("#"), m.get("ref")
        src = "".join(m.find(X + "source").itertext())
        if q >= 100:
            exact += 1
            assert "".join(m.find(X + "target").itertext()) == bs[src], src
        else:
            fuzzy += 1
    for seg in unit.iter(X + "segment"):
        t = seg.find(X + "target")
        if t is not None:
            assert seg.get("state") in ("translated", "reviewed"), seg.get("state")
assert exact >= 5 and fuzzy >= 3, (exact, fuzzy)
PY
check_ok "merge the leveraged file" "$TUMAC" merge -o "$WORK/lev.html" "$WORK/lev.xlf"
check_grep "the merged page is Bosnian where matched" "Misija OSCE-a u Bosni i Hercegovini" "$WORK/lev.html"
check_grep "and its lang is bs" '<html lang="bs">' "$WORK/lev.html"

# --- 1.2: alt-trans, xliff2po ---
check_ok "extract the new release (1.2)" "$TUMAC" extract -s en -t hr -x 1.2 -o "$WORK/new12.xlf" "$new"
check_ok "leverage the 1.2 file" "$TUMAC" leverage --tm "$tm" -o "$WORK/lev12.xlf" "$WORK/new12.xlf"
check_ok "leveraged 1.2 valid (strict XSD)" xmllint --nonet --noout --schema "$S12" "$WORK/lev12.xlf"
check_grep "1.2 candidates are alt-trans with match-quality and origin" \
    '<alt-trans match-quality="[0-9]+" origin="samples.tmx"' "$WORK/lev12.xlf"
check_ok "Translate Toolkit reads the leveraged 1.2 file" xliff2po "$WORK/lev12.xlf" "$WORK/lev12.po"
check_grep "its PO has the Croatian targets leverage filled" 'msgstr "Misija OESS-a u Bosni i Hercegovini"' "$WORK/lev12.po"

# --- cross-script: a TM with only sr-Latn fills sr-Cyrl ---
check_ok "TM with only sr-Latn targets" "$TUMAC" tm import --tm "$WORK/latn.db" -t sr-Latn tm/samples.tmx
"$TUMAC" tm stats --tm "$WORK/latn.db" > "$WORK/stats.txt" 2>&1
check_grep "it holds en -> sr-Latn" "en -> sr-Latn" "$WORK/stats.txt"
check_eq "and no sr-Cyrl" "$(grep -c 'sr-Cyrl' "$WORK/stats.txt")" "0"
check_ok "extract for sr-Cyrl" "$TUMAC" extract -s en -t sr-Cyrl -o "$WORK/cyrl.xlf" samples/new/workshop-media-literacy-tuzla.en.txt
check_ok "leverage sr-Cyrl from the Latin TM" "$TUMAC" leverage --tm "$WORK/latn.db" -o "$WORK/cyrl-l.xlf" "$WORK/cyrl.xlf"
check_ok "exact matches come in correct Cyrillic (the published sr-Cyrl)" python3 - "$WORK/cyrl-l.xlf" tm/samples.tmx <<'PY'
import sys, re, xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
M = "{urn:oasis:names:tc:xliff:matches:2.0}"
L = "{http://www.w3.org/XML/1998/namespace}lang"
cyr = {}
for tu in ET.parse(sys.argv[2]).getroot().iter("tu"):
    d = {tuv.get(L): "".join(tuv.find("seg").itertext()) for tuv in tu.iter("tuv")}
    cyr[d["en"]] = d["sr-Cyrl"]
n = 0
for m in ET.parse(sys.argv[1]).getroot().iter(M + "match"):
    tgt = "".join(m.find(X + "target").itertext())
    # no Latin words left, apart from web addresses
    assert not re.search("[A-Za-zčćžšđČĆŽŠĐ]{2,}", re.sub(r"https?://\S+", "", tgt)), tgt
    if float(m.get("matchQuality")) >= 100:
        src = "".join(m.find(X + "source").itertext())
        assert tgt == cyr[src], (tgt, cyr[src])
        n += 1
assert n >= 5, n
PY

# --- numbers ---
printf 'The forum gathered 12 municipalities on 5 December.\tForum je okupio 12 općina 5. decembra.\n' > "$WORK/num.tsv"
check_ok "TM with one sentence" "$TUMAC" tm import --tm "$WORK/num.db" -s en -t bs "$WORK/num.tsv"
printf 'The forum gathered 14 municipalities on 3 December.\n' > "$WORK/num.txt"
check_ok "extract the sentence with other numbers" "$TUMAC" extract -s en -t bs -o "$WORK/num.xlf" "$WORK/num.txt"
check_ok "leverage it" "$TUMAC" leverage --tm "$WORK/num.db" -o "$WORK/num-l.xlf" "$WORK/num.xlf"
check_grep "the target gets the query's numbers" "<target>Forum je okupio 14 općina 3\. decembra\.</target></segment>" "$WORK/num-l.xlf"
# "5 December" is one value, a date (issue 16)
check_grep "and the match says so" "numbers: 12 -&gt; 14, 5 December -&gt; 3 December" "$WORK/num-l.xlf"
check_ok "tm lookup --explain" "$TUMAC" tm lookup --tm "$WORK/num.db" -s en -t bs --explain \
    "The forum gathered 14 young municipalities on 3 December."
check_grep "names the words that differ" "edits: 12 -> 14 young; 5 -> 3\)" "$WORK/.out"

# --- tm update: a translated file back into the TM, with its context ---
check_ok "extract an earlier release" "$TUMAC" extract -s en -t bs -o "$WORK/old.xlf" samples/forum-youth-participation.en.txt
check_ok "leverage it (all exact)" "$TUMAC" leverage --tm "$tm" -o "$WORK/old-l.xlf" "$WORK/old.xlf"
check_ok "tm update stores it in a new TM" "$TUMAC" tm update --tm "$WORK/ctx.db" "$WORK/old-l.xlf"
check_grep "and says how many" "[1-9][0-9]* added" "$WORK/.err"
check_ok "the same text again" "$TUMAC" leverage --tm "$WORK/ctx.db" -o "$WORK/again.xlf" "$WORK/old.xlf"
check_grep "every word is a 101% context match" " 0 repetitions, 0 exact, 0 fuzzy, 0 new" "$WORK/.err"
# 2.x caps matchQuality at 100: the context match is told by its subType.
check_grep "the candidates are marked as context matches" 'subType="tumac:context"' "$WORK/again.xlf"
check_eq "and the targets as reviewed" "$(grep -o 'state="reviewed"' "$WORK/again.xlf" | wc -l)" "$(grep -o '<segment ' "$WORK/again.xlf" | wc -l)"
check_ok "tm update of an untranslated file stores nothing" "$TUMAC" tm update --tm "$WORK/ctx2.db" "$WORK/old.xlf"
check_grep "(0 added)" " 0 added" "$WORK/.err"
check_exit "tm update of a broken file fails" 1 "$TUMAC" tm update --tm "$WORK/ctx.db" "$WORK/num.tsv"
check_grep "naming the file" "num\.tsv" "$WORK/.err"

# --- analyze reads XLIFF too, with the same counts as the document ---
check_ok "analyze the HTML" "$TUMAC" analyze --tm "$tm" --format csv -t bs -o "$WORK/a-html.csv" "$new"
check_ok "analyze its XLIFF" "$TUMAC" analyze --tm "$tm" --format csv -t bs -o "$WORK/a-xlf.csv" "$WORK/new.xlf"
check_eq "same bands" "$(cut -d, -f2- "$WORK/a-xlf.csv")" "$(cut -d, -f2- "$WORK/a-html.csv")"
check_grep "and a TOTAL row" "^TOTAL" "$WORK/a-xlf.csv"

# --- variants: a bs file from a TM with only hr, at a penalty, for review ---
check_ok "TM with only hr targets" "$TUMAC" tm import --tm "$WORK/hr.db" -t hr tm/samples.tmx
check_ok "leverage bs without --variants" "$TUMAC" leverage --tm "$WORK/hr.db" -o "$WORK/bs-none.xlf" "$WORK/new.xlf"
check_eq "finds nothing" "$(grep -c '<mtc:match ' "$WORK/bs-none.xlf")" "0"
check_ok "leverage bs with --variants" "$TUMAC" leverage --tm "$WORK/hr.db" --variants -o "$WORK/bs-var.xlf" "$WORK/new.xlf"
check_ok "variant candidates: marked, 10 points off, never reviewed" python3 - "$WORK/bs-var.xlf" <<'PY'
import sys, xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
M = "{urn:oasis:names:tc:xliff:matches:2.0}"
doc = ET.parse(sys.argv[1]).getroot()
ms = list(doc.iter(M + "match"))
assert ms, "no candidates"
for m in ms:
    assert m.get("subType") == "tumac:variant", m.get("subType")
    assert float(m.get("matchQuality")) <= 91, m.get("matchQuality")
for seg in doc.iter(X + "segment"):
    assert seg.get("state") != "reviewed", seg.get("state")
PY

# --- usage counts: a unit whose target fills a segment counts one use ---
printf 'The bridge opens on Monday.\tMost se otvara u ponedeljak.\nA storm closed the port.\tOluja je zatvorila luku.\n' > "$WORK/use.tsv"
check_ok "a TM of two units" "$TUMAC" tm import --tm "$WORK/use.db" -s en -t sr-Latn "$WORK/use.tsv"
printf 'The bridge opens on Monday. A storm closed the port.\n\nThe bridge opens on Monday. Something new happens here.\n' > "$WORK/use.txt"
check_ok "extract a text using both twice and once" "$TUMAC" extract -s en -t sr-Latn -o "$WORK/use.xlf" "$WORK/use.txt"
check_ok "leverage it" "$TUMAC" leverage --tm "$WORK/use.db" -o "$WORK/use-lev.xlf" "$WORK/use.xlf"
check_eq "each fill counts one use of its unit" \
  "$(sqlite3 "$WORK/use.db" "SELECT group_concat(t.src_text || '=' || i.usage, '|') FROM tu t JOIN tu_info i USING (id) ORDER BY t.id")" \
  "The bridge opens on Monday.=2|A storm closed the port.=1"
check_ok "analyze does not fill, so counts nothing" "$TUMAC" analyze --tm "$WORK/use.db" -t sr-Latn "$WORK/use.xlf"
check_ok "leverage again" "$TUMAC" leverage --tm "$WORK/use.db" -o "$WORK/use-lev2.xlf" "$WORK/use.xlf"
check_ok "export the TM" "$TUMAC" tm export --tm "$WORK/use.db" -o "$WORK/use.tmx"
check_eq "TMX usagecount carries the uses" "$(grep -o 'usagecount="[0-9]*"' "$WORK/use.tmx" | tr '\n' ' ')" 'usagecount="4" usagecount="2" '
check_grep "and the last usage date" 'lastusagedate="[0-9]{8}T[0-9]{6}Z"' "$WORK/use.tmx"
