# tumac tm: TMX metadata survives import -> export (tuid, creation and change
# dates and ids, usage: the <tu>'s, else the target <tuv>'s; <prop>/<note> of
# the <tu> and of each <tuv>), units
# without a date get the import's, bad dates are located, and export/delete
# filter by origin and date. A version 3 TM is migrated on open.
. tests/cli/lib.sh

K=$SHARED/standards/tmx-1.4b
KIT=$K/tests/lisa-compliance-kit

# Each kit file alone (duplicates across files merge and keep the first's
# metadata), exported, then compared unit by unit with the input.
for f in "$K"/samples/*.tmx "$KIT"/*.tmx; do
    name=$(basename "$f" .tmx)
    check_ok "import $name alone" "$TUMAC" tm import --tm "$WORK/$name.db" "$f"
    check_ok "export $name" "$TUMAC" tm export --tm "$WORK/$name.db" -o "$WORK/$name.out.tmx"
    python3 - "$f" "$WORK/$name.out.tmx" > "$WORK/.cmp" 2>&1 <<'PY'
import sys
import xml.etree.ElementTree as ET
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATTRS = ("tuid", "creationid", "changedate", "changeid", "lastusagedate")

def lang(tuv):
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()

def seg(tuv):
    s = tuv.find("seg")
    return "".join(s.itertext()) if s is not None else None

def extras(el):
    return sorted((c.tag, c.get("type"), c.text or "") for c in el
                  if c.tag in ("prop", "note") and not (c.get("type") or "").startswith("x-tumac-"))

def units(path, expand):
    root = ET.parse(path).getroot()
    header_src = root.find("header").get("srclang", "*all*").lower()
    for tu in root.iter("tu"):
        tuvs = [t for t in tu.findall("tuv") if seg(t) is not None]
        want = (tu.get("srclang") or header_src).lower()
        srcs = [t for t in tuvs if want == "*all*" or lang(t) == want]
        if not srcs:
            continue
        src = srcs[0]
        for t in tuvs:
            if t is src or not expand and len(tuvs) != 2:
                continue
            key = (lang(src), seg(src), lang(t), seg(t))
            # the <tu>'s attribute, else the target <tuv>'s
            meta = {a: tu.get(a) or (t.get(a) if a != "tuid" else None)
                    for a in ATTRS + ("usagecount", "creationdate")}
            if meta["usagecount"] == "0":
                meta["usagecount"] = None
            yield key, (meta, extras(tu), extras(src), extras(t))

want = {}
for key, val in units(sys.argv[1], True):
    want.setdefault(key, val)          # an identical unit merges: the first stays
got = dict(units(sys.argv[2], True))
bad = 0
for key, (meta, tu_x, src_x, trg_x) in want.items():
    if key not in got:
        print("missing unit", key); bad += 1; continue
    gmeta, gtu, gsrc, gtrg = got[key]
    if meta["creationdate"] is None:
        meta["creationdate"] = gmeta["creationdate"]   # the import's date
    for what, a, b in (("attributes", meta, gmeta), ("tu props/notes", tu_x, gtu),
                       ("source tuv props/notes", src_x, gsrc),
                       ("target tuv props/notes", trg_x, gtrg)):
        if a != b:
            print("differs:", what, key[1][:30], a, "!=", b); bad += 1
print(f"units {len(want)} differing {bad}")
PY
    check_grep "$name: every unit keeps its metadata, props and notes" '^units [0-9]+ differing 0$' "$WORK/.cmp"
done
check_grep "a target <tuv>'s metadata becomes the unit's (spec sample)" 'creationdate="19970309T021145Z" creationid="BobW"' "$WORK/tmx14b-spec-appendix-a-sample.out.tmx"
check_grep "tuv notes are exported" '<tuv xml:lang="[^"]*"[^>]*><note' "$WORK/ImportTest1L.out.tmx"
check_ok "the export with metadata is valid against the DTD" \
    xmllint --noout --dtdvalid "$K/dtd/tmx14.dtd" "$WORK/ImportTest1L.out.tmx"
check_ok "re-import the export" "$TUMAC" tm import --tm "$WORK/again.db" "$WORK/ImportTest1L.out.tmx"
check_ok "export again" "$TUMAC" tm export --tm "$WORK/again.db" -o "$WORK/again.tmx"
check_files_same "export -> import -> export keeps the metadata byte for byte" \
    "$WORK/ImportTest1L.out.tmx" "$WORK/again.tmx"

# Dates: units from TSV are stamped with today's date (UTC); filters by date
# and origin pick the right units for export and delete.
export TUMAC_TM=$WORK/dates.db
cat > "$WORK/dated.tmx" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu creationdate="20240105T100000Z"><tuv xml:lang="en"><seg>Old release one.</seg></tuv><tuv xml:lang="bs"><seg>Staro saopćenje jedan.</seg></tuv></tu>
<tu creationdate="20240105T100000Z" changedate="20250610T120000Z"><tuv xml:lang="en"><seg>Changed in June.</seg></tuv><tuv xml:lang="bs"><seg>Promijenjeno u junu.</seg></tuv></tu>
<tu creationdate="20250610T235959Z"><tuv xml:lang="en"><seg>Last second of the day.</seg></tuv><tuv xml:lang="bs"><seg>Zadnja sekunda dana.</seg></tuv></tu>
<tu creationdate="2025-06-11"><tuv xml:lang="en"><seg>Created next day.</seg></tuv><tuv xml:lang="bs"><seg>Napravljeno sutradan.</seg></tuv></tu>
<tu creationdate="yesterday"><tuv xml:lang="en"><seg>A bad date.</seg></tuv><tuv xml:lang="bs"><seg>Loš datum.</seg></tuv></tu>
</body></tmx>
EOF
check_exit "a bad creationdate stops a --strict import" 1 "$TUMAC" tm import --strict "$WORK/dated.tmx"
check_grep "--strict names the line and the date" 'dated.tmx:8:.*bad creationdate "yesterday"' "$WORK/.err"
check_ok "import with a bad creationdate" "$TUMAC" tm import --origin releases/2025/june.html "$WORK/dated.tmx"
check_grep "the bad date is reported with its line, the unit kept" 'dated.tmx:8:.*bad creationdate "yesterday".*date not kept' "$WORK/.err"
check_grep "all five units are in" '5 read, 5 added' "$WORK/.err"
printf 'Imported today.\tUvezeno danas.\n' > "$WORK/today.tsv"
check_ok "TSV import" "$TUMAC" tm import -s en -t bs --origin notes/today.tsv "$WORK/today.tsv"
today=$(date -u +%Y%m%d)
check_ok "export all" "$TUMAC" tm export
check_grep "a TSV unit gets the import's date" "creationdate=\"${today}T[0-9]{6}Z\".*" "$WORK/.out"
check_grep "an ISO creationdate is stored in TMX form" 'creationdate="20250611T000000Z"' "$WORK/.out"

count_units() { grep -c '<tu ' "$WORK/.out"; }
check_ok "export --until 2024-12-31" "$TUMAC" tm export --until 2024-12-31
check_eq "--until takes units last changed up to that day" "$(count_units)" 1
check_grep "the unit changed later is not among them" 'Old release one' "$WORK/.out"
check_ok "export --since 2025-06-10 --until 2025-06-10" "$TUMAC" tm export --since 2025-06-10 --until 2025-06-10
check_eq "a bare day as --until runs to its last second" "$(count_units)" 2
check_grep "the change date counts, not the creation date" 'Changed in June' "$WORK/.out"
check_ok "export --since 20250611T000000Z" "$TUMAC" tm export --since 20250611T000000Z -t bs
check_eq "--since in TMX form (units created next day, bad-date unit and TSV unit: today)" "$(count_units)" 3
check_ok "export --origin 'releases/*'" "$TUMAC" tm export --origin 'releases/*'
check_eq "--origin is a glob on the origin" "$(count_units)" 5
check_ok "export --origin notes/today.tsv" "$TUMAC" tm export --origin notes/today.tsv -o "$WORK/notes.tmx"
check_eq "an exact origin takes its units" "$(grep -c '<tu ' "$WORK/notes.tmx")" 1
check_exit "a bad --since date is refused" 1 "$TUMAC" tm export --since 2025-13-01
check_grep "the bad date is named" 'bad since date "2025-13-01"' "$WORK/.err"
check_exit "a bad --until date is refused" 1 "$TUMAC" tm export --until 'June 2025'
check_ok "delete --until 2025-06-10" "$TUMAC" tm delete --until 2025-06-10
check_grep "delete by date removes those units" '^3 units deleted' "$WORK/.err"
check_ok "stats" "$TUMAC" tm stats
check_grep "the later units stay" '^units: 3$' "$WORK/.out"
check_exit "delete with no filter is a usage error" 2 "$TUMAC" tm delete

# A version 3 TM (no tu_info table) is migrated when opened, units kept.
check_ok "make a TM" "$TUMAC" tm import --tm "$WORK/v3.db" "$KIT/ImportTest2A.tmx"
# (the pairs back in one unit table, numbered from 1, as schemas 1-7 kept them)
sqlite3 "$WORK/v3.db" "CREATE TABLE tu3 (id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL,
  trg_lang TEXT NOT NULL, src_text TEXT NOT NULL, trg_text TEXT NOT NULL, src_xml TEXT NOT NULL,
  trg_xml TEXT NOT NULL, src_key TEXT NOT NULL, key_hash INTEGER NOT NULL,
  key_len INTEGER NOT NULL, prev_hash INTEGER NOT NULL DEFAULT 0,
  next_hash INTEGER NOT NULL DEFAULT 0, origin TEXT, approved INTEGER NOT NULL DEFAULT 0,
  created TEXT, UNIQUE (src_lang, trg_lang, src_xml, trg_xml));
  INSERT INTO tu3 SELECT row_number() OVER (ORDER BY id), src_lang, trg_lang, src_text, trg_text,
  src_xml, trg_xml, src_key, key_hash, key_len, prev_hash, next_hash, origin, approved, created
  FROM tu;
  DROP TRIGGER tu_delete; DROP VIEW tu; DROP TABLE tu_info; DROP TABLE tuv; DROP TABLE tu_group;
  ALTER TABLE tu3 RENAME TO tu; CREATE INDEX tu_hash ON tu (key_hash);
  CREATE INDEX tu_len ON tu (key_len); INSERT INTO tu_fts (tu_fts) VALUES ('rebuild');
  DELETE FROM meta WHERE key = 'fts_through'; UPDATE meta SET value = '3' WHERE key = 'schema';"
check_eq "the file is now version 3" "$(sqlite3 "$WORK/v3.db" "SELECT value FROM meta WHERE key='schema'")" 3
check_ok "a read-only export of a version 3 TM" "$TUMAC" tm export --tm "$WORK/v3.db"
check_eq "the export has every unit" "$(count_units)" 7
check_eq "the TM was migrated to the current version (8)" "$(sqlite3 "$WORK/v3.db" "SELECT value FROM meta WHERE key='schema'")" 8
check_eq "the migrated TM has the metadata table" "$(sqlite3 "$WORK/v3.db" "SELECT count(*) FROM tu_info")" 0
check_eq "its units count as in the concordance index" \
  "$(sqlite3 "$WORK/v3.db" "SELECT value FROM meta WHERE key = 'fts_through'")" \
  "$(sqlite3 "$WORK/v3.db" "SELECT max(id) FROM tu")"
check_ok "import into the migrated TM" "$TUMAC" tm import --tm "$WORK/v3.db" "$KIT/ImportTest1L.tmx"
check_eq "the migrated TM integrity" "$(sqlite3 "$WORK/v3.db" 'PRAGMA integrity_check')" ok

# Several translations of one source are kept; approved ones rank first,
# the newest first among them.
cat > "$WORK/versions.tmx" <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><prop type="x-tumac-approved">yes</prop><tuv xml:lang="en"><seg>The office opens today.</seg></tuv><tuv xml:lang="bs"><seg>Ured se otvara danas.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The office opens today.</seg></tuv><tuv xml:lang="bs"><seg>Kancelarija se otvara danas.</seg></tuv></tu>
<tu><prop type="x-tumac-approved">yes</prop><tuv xml:lang="en"><seg>The office opens today.</seg></tuv><tuv xml:lang="bs"><seg>Ured je otvoren danas.</seg></tuv></tu>
</body></tmx>
EOF2
check_ok "import three translations of one source" "$TUMAC" tm import --tm "$WORK/versions.db" "$WORK/versions.tmx"
check_ok "lookup" "$TUMAC" tm lookup --tm "$WORK/versions.db" -s en -t bs --max 3 'The office opens today.'
check_eq "newest approved, then older approved, then unapproved" "$(cut -f3 "$WORK/.out" | tr '\n' '|')" \
    "Ured je otvoren danas.|Ured se otvara danas.|Kancelarija se otvara danas.|"
