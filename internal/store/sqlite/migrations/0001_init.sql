-- sitrep store schema, version 1.
-- Every table with a full-text index has an explicit INTEGER PRIMARY KEY so
-- that VACUUM never renumbers the rowids the index refers to.

CREATE TABLE documents (
    rid                INTEGER PRIMARY KEY,
    id                 TEXT    NOT NULL UNIQUE,
    source             TEXT    NOT NULL DEFAULT '',
    title              TEXT    NOT NULL DEFAULT '',
    published          TEXT    NOT NULL DEFAULT '',
    language           TEXT    NOT NULL DEFAULT '',
    url                TEXT    NOT NULL DEFAULT '',
    duplicate_of       TEXT,
    text               TEXT    NOT NULL DEFAULT '',
    extraction         TEXT    NOT NULL,
    extraction_text    INTEGER NOT NULL DEFAULT 0, -- 1: extraction.document.text is the text column
    ingested           TEXT    NOT NULL
);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX documents_published ON documents(published);

CREATE TABLE entities (
    document_id TEXT    NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    entity_id   TEXT    NOT NULL DEFAULT '',
    name        TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,
    type        TEXT    NOT NULL DEFAULT '',
    country     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX entities_entity_id ON entities(entity_id);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE mentions (
    document_id TEXT    NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_seq  INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    PRIMARY KEY (document_id, entity_seq, seq)
) WITHOUT ROWID;

CREATE TABLE relations (
    document_id TEXT    NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    type        TEXT    NOT NULL DEFAULT '',
    from_name   TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,
    from_entity TEXT    NOT NULL DEFAULT '',
    to_name     TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,
    to_entity   TEXT    NOT NULL DEFAULT '',
    modality    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX relations_from ON relations(from_entity);
CREATE INDEX relations_to ON relations(to_entity);

-- Full-text index over documents; the text lives only in documents.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content = 'documents', content_rowid = 'rid'
);

CREATE TABLE events (
    rid                 INTEGER PRIMARY KEY,
    id                  TEXT    NOT NULL UNIQUE,
    type                TEXT    NOT NULL DEFAULT '',
    subtype             TEXT    NOT NULL DEFAULT '',
    date_start          TEXT    NOT NULL DEFAULT '',
    date_end            TEXT    NOT NULL DEFAULT '',
    date_precision      TEXT    NOT NULL DEFAULT '',
    date_lo             TEXT,   -- first calendar day covered, NULL when unknown
    date_hi             TEXT,   -- last calendar day covered, NULL when unknown
    sort_key            TEXT    NOT NULL DEFAULT '',
    country             TEXT    NOT NULL DEFAULT '',
    modality            TEXT    NOT NULL DEFAULT '',
    independent_sources INTEGER NOT NULL DEFAULT 0,
    updated             TEXT    NOT NULL DEFAULT ''
);
-- The fused event as JSON, apart so that filtering scans narrow rows.
CREATE TABLE events_fused (
    rid   INTEGER PRIMARY KEY REFERENCES events(rid) ON DELETE CASCADE,
    fused TEXT    NOT NULL
);
CREATE INDEX events_order ON events(sort_key DESC, id);
CREATE INDEX events_type ON events(type, subtype);
CREATE INDEX events_country ON events(country);
CREATE INDEX events_dates ON events(date_lo, date_hi);

CREATE TABLE event_sources (
    event_id     TEXT    NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    document_id  TEXT    NOT NULL,
    source       TEXT    NOT NULL DEFAULT '',
    duplicate_of TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, seq)
) WITHOUT ROWID;
CREATE INDEX event_sources_document ON event_sources(document_id);

CREATE TABLE event_actors (
    event_id TEXT    NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    role     TEXT    NOT NULL, -- actor or claimed_by
    name     TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,
    entity   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, seq)
) WITHOUT ROWID;
CREATE INDEX event_actors_name ON event_actors(name);
CREATE INDEX event_actors_entity ON event_actors(entity);

-- Full-text index over each event's evidence and place name, rowid = events.rid.
CREATE VIRTUAL TABLE events_fts USING fts5(text);
