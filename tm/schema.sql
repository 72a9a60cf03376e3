-- tumač translation memory, schema version 7 (2: gram rows carried the key
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
-- quadratic).
-- Embedded into the binary as src/tm/schema.gen.h (make-schema.sh); a unit
-- test checks that the two agree.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tu (
    id        INTEGER PRIMARY KEY,
    src_lang  TEXT NOT NULL,
    trg_lang  TEXT NOT NULL,
    src_text  TEXT NOT NULL,        -- plain text, inline codes dropped
    trg_text  TEXT NOT NULL,
    src_xml   TEXT NOT NULL,        -- TMX <seg> content (codes kept)
    trg_xml   TEXT NOT NULL,
    src_key   TEXT NOT NULL,        -- tu_text_match_key(src_text)
    key_hash  INTEGER NOT NULL,     -- hash of src_key
    key_len   INTEGER NOT NULL,     -- code points of src_key
    prev_hash INTEGER NOT NULL DEFAULT 0,
    next_hash INTEGER NOT NULL DEFAULT 0,
    origin    TEXT,
    approved  INTEGER NOT NULL DEFAULT 0,
    created   TEXT,                 -- TMX form YYYYMMDDThhmmssZ (UTC)
    unit_hash INTEGER NOT NULL      -- hash of src_lang, trg_lang, src_xml, trg_xml:
                                    -- the fields that make two units the same
);
CREATE INDEX IF NOT EXISTS tu_hash ON tu (key_hash, unit_hash);
CREATE INDEX IF NOT EXISTS tu_len ON tu (key_len);
CREATE TABLE IF NOT EXISTS post (  -- posting lists (src/tm/index.c)
    k    INTEGER PRIMARY KEY,       -- trigram << 19 | length bucket << 12 | chunk
    last INTEGER NOT NULL,          -- the last unit id in data
    n    INTEGER NOT NULL,          -- postings in data
    data BLOB NOT NULL              -- varints: id delta << 1 | repeated [, count]
);
CREATE TABLE IF NOT EXISTS gram_df (
    g INTEGER PRIMARY KEY,          -- trigram id (37 bits)
    n INTEGER NOT NULL              -- postings over all buckets: lookup reads rare ones first
);
CREATE VIRTUAL TABLE IF NOT EXISTS tu_fts USING fts5 ( -- units up to meta 'fts_through'
    src_text, trg_text, content='tu', content_rowid='id'
);
CREATE TABLE IF NOT EXISTS tu_info ( -- TMX metadata, a row only when there is some
    id        INTEGER PRIMARY KEY REFERENCES tu (id) ON DELETE CASCADE,
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
