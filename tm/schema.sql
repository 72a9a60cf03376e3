-- tumač translation memory, schema version 2 (2: gram rows carry the key
-- length, so a fuzzy query reads only the postings inside its length window).
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
    created   TEXT,
    UNIQUE (src_lang, trg_lang, src_xml, trg_xml)
);
CREATE INDEX IF NOT EXISTS tu_hash ON tu (key_hash);
CREATE INDEX IF NOT EXISTS tu_len ON tu (key_len);
CREATE TABLE IF NOT EXISTS gram (
    g   INTEGER NOT NULL,           -- trigram id (tu_tm_grams)
    len INTEGER NOT NULL,           -- tu.key_len, copied for the window
    tu  INTEGER NOT NULL REFERENCES tu (id) ON DELETE CASCADE,
    PRIMARY KEY (g, len, tu)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS gram_tu ON gram (tu);
CREATE VIRTUAL TABLE IF NOT EXISTS tu_fts USING fts5 (
    src_text, trg_text, content='tu', content_rowid='id'
);
