-- tumač translation memory, schema version 8 (2: gram rows carried the key
-- length; 3: the trigram index is packed posting lists, a row per chunk of a
-- trigram's postings in a length bucket, instead of a row per trigram and unit;
-- 4: tu_info keeps the TMX metadata lookup does not need; 5: identical units
-- are found by a 64-bit hash with a plain index instead of a UNIQUE index
-- over four text columns, and trigram ids have 37 bits; 6: the full-text
-- index may lag behind the units: meta 'fts_through' is the last unit id in
-- tu_fts, and the first concordance after an import indexes the rest; the
-- unit hash has no index of its own: an add finds the same unit among those
-- with its key hash, one random B-tree fewer to write); 7: that index is on
-- (key_hash, unit_hash), so the add finds the same unit by one seek rather
-- than reading every unit with its key hash (20,000 units with one source:
-- quadratic); 8: a sentence group (a TMX <tu>) holds variants, one per
-- language or more; each variant is indexed once, in its language, so a
-- query in any language finds the group and returns its variant in the
-- target language; the pairs of schema 7 are the view `tu`. A stored pair
-- adds its target to the group of its source variant.
-- Embedded into the binary as src/tm/schema.gen.h (make-schema.sh); a unit
-- test checks that the two agree.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tu_group ( -- a sentence: the equivalent variants of one TMX <tu>
    id       INTEGER PRIMARY KEY,
    src_lang TEXT                   -- the <tu>'s srclang; NULL: *all* (no single source)
);
CREATE TABLE IF NOT EXISTS tuv (    -- a variant: one sentence in one language
    id        INTEGER PRIMARY KEY,
    grp       INTEGER NOT NULL,     -- tu_group id
    src       INTEGER,              -- the variant this one was translated from; NULL: a source
    lang      TEXT NOT NULL,        -- BCP 47 as stored (script-exact)
    text      TEXT NOT NULL,        -- plain text, inline codes dropped
    xml       TEXT NOT NULL,        -- TMX <seg> content (codes kept)
    key       TEXT NOT NULL,        -- tu_text_match_key(text): Serbian/Bosnian Cyrillic folded to Latin
    key_hash  INTEGER NOT NULL,     -- hash of key
    key_len   INTEGER NOT NULL,     -- code points of key
    prev_hash INTEGER NOT NULL DEFAULT 0, -- context: that of `src` when this variant was made
    next_hash INTEGER NOT NULL DEFAULT 0, -- from it; a source's own (its first pair's)
    origin    TEXT,
    approved  INTEGER NOT NULL DEFAULT 0,
    created   TEXT,                 -- TMX form YYYYMMDDThhmmssZ (UTC)
    var_hash  INTEGER NOT NULL      -- hash of lang and xml: what makes two variants the same
);
-- exact lookup (key_hash) and the duplicate checks of an add (the same
-- variant anywhere, the same variant in one group): one seek each
CREATE INDEX IF NOT EXISTS tuv_hash ON tuv (key_hash, var_hash, grp);
CREATE INDEX IF NOT EXISTS tuv_grp ON tuv (grp, lang); -- a group's variants in a language
-- (no index on key_len: only the exhaustive reference scan reads by length,
-- and an index for it was 2 of the 6 index entries an import wrote per unit)
-- The pairs as they were added (a variant and the one it was translated
-- from), under the names of schema 7's unit table: export, stats, delete,
-- concordance and usage counts work on pairs; lookup works on variants.
CREATE VIEW IF NOT EXISTS tu AS SELECT t.id AS id, t.grp AS grp, t.src AS src_id,
    s.lang AS src_lang, t.lang AS trg_lang, s.text AS src_text, t.text AS trg_text,
    s.xml AS src_xml, t.xml AS trg_xml, s.key AS src_key, s.key_hash AS key_hash,
    s.key_len AS key_len, t.prev_hash AS prev_hash, t.next_hash AS next_hash,
    t.origin AS origin, t.approved AS approved, t.created AS created
    FROM tuv t JOIN tuv s ON s.id = t.src;
-- A deleted pair takes its target variant, unless other variants were
-- translated from it: then that stays, as a source of its group, without
-- the pair's context and metadata. A group left without pairs goes whole.
CREATE TRIGGER IF NOT EXISTS tu_delete INSTEAD OF DELETE ON tu BEGIN
    UPDATE tuv SET src = NULL, prev_hash = 0, next_hash = 0 WHERE id = old.id
        AND EXISTS (SELECT 1 FROM tuv WHERE grp = old.grp AND src = old.id);
    DELETE FROM tu_info WHERE id = old.id;
    DELETE FROM tuv WHERE id = old.id AND src IS NOT NULL;
    DELETE FROM tuv WHERE grp = old.grp
        AND NOT EXISTS (SELECT 1 FROM tuv WHERE grp = old.grp AND src IS NOT NULL);
    DELETE FROM tu_group WHERE id = old.grp AND NOT EXISTS (SELECT 1 FROM tuv WHERE grp = old.grp);
END;
CREATE TABLE IF NOT EXISTS post (  -- posting lists (src/tm/index.c)
    k    INTEGER PRIMARY KEY,       -- trigram << 19 | length bucket << 12 | chunk; the
                                    -- trigram id mixes in the variant's language: one
                                    -- index per language, each variant indexed once
    last INTEGER NOT NULL,          -- the last unit id in data
    n    INTEGER NOT NULL,          -- postings in data
    data BLOB NOT NULL              -- varints: variant id delta << 1 | repeated [, count]
);
CREATE TABLE IF NOT EXISTS gram_df (
    g INTEGER PRIMARY KEY,          -- trigram id (37 bits)
    n INTEGER NOT NULL              -- postings over all buckets: lookup reads rare ones first
);
CREATE VIRTUAL TABLE IF NOT EXISTS tu_fts USING fts5 ( -- units up to meta 'fts_through'
    src_text, trg_text, content='tu', content_rowid='id'
);
CREATE TABLE IF NOT EXISTS tu_info ( -- TMX metadata, a row only when there is some
    id        INTEGER PRIMARY KEY REFERENCES tuv (id) ON DELETE CASCADE, -- the pair's target
    tuid      TEXT,                 -- the TMX tuid
    creator   TEXT,                 -- creationid
    changed   TEXT,                 -- changedate, TMX form like tu.created
    changer   TEXT,                 -- changeid
    usage     INTEGER NOT NULL DEFAULT 0, -- usagecount
    last_used TEXT,                 -- lastusagedate, TMX form
    tu_extra  TEXT,                 -- other <prop>/<note> of the <tu>, as TMX XML
    src_extra TEXT,                 -- <prop>/<note> of the source <tuv>
    trg_extra TEXT                  -- <prop>/<note> of the target <tuv>
);
