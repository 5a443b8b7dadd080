-- sitrep PostgreSQL store schema, version 1: the same data as the SQLite
-- store's migrations 1 to 3.
--
-- Identifiers and ISO dates are compared byte by byte (COLLATE "C"), so that
-- ordering and cursors agree with the SQLite store whatever the database's
-- locale. Full-text search uses tsvector columns with GIN indexes whose
-- lexemes the store builds itself (see text.go): letter and digit runs,
-- lower-cased, diacritics removed, neither stemmed nor dropped as stop
-- words, as the 'simple' configuration would.

CREATE TABLE documents (
    rid             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              text    COLLATE "C" NOT NULL UNIQUE,
    source          text    NOT NULL DEFAULT '',
    title           text    NOT NULL DEFAULT '',
    published       text    NOT NULL DEFAULT '',
    language        text    NOT NULL DEFAULT '',
    url             text    NOT NULL DEFAULT '',
    duplicate_of    text    COLLATE "C",
    -- The cleaned text as given: bytea, because a document's text may hold
    -- NUL bytes or invalid UTF-8, which a text column refuses.
    body            bytea   NOT NULL,
    extraction      text    NOT NULL, -- JSON (text: it may hold \u0000, which jsonb refuses)
    extraction_text boolean NOT NULL DEFAULT false, -- extraction.document.text is body
    ingested        bigint  NOT NULL, -- Unix nanoseconds
    tsv             tsvector NOT NULL
);
CREATE INDEX documents_tsv ON documents USING gin (tsv);
CREATE INDEX documents_ingested ON documents (ingested DESC, id);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE TABLE entities (
    document_id text    COLLATE "C" NOT NULL,
    seq         integer NOT NULL,
    entity_id   text    COLLATE "C" NOT NULL DEFAULT '',
    name        text    COLLATE "C" NOT NULL DEFAULT '',
    name_key    text    COLLATE "C" NOT NULL DEFAULT '', -- lower-cased name
    type        text    COLLATE "C" NOT NULL DEFAULT '',
    country     text    NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX entities_entity_id ON entities (entity_id);
CREATE INDEX entities_type ON entities (type, name_key);

CREATE TABLE mentions (
    document_id text    COLLATE "C" NOT NULL,
    entity_seq  integer NOT NULL,
    seq         integer NOT NULL,
    start_pos   integer NOT NULL,
    end_pos     integer NOT NULL,
    PRIMARY KEY (document_id, entity_seq, seq)
);

CREATE TABLE relations (
    document_id text    COLLATE "C" NOT NULL,
    seq         integer NOT NULL,
    type        text    NOT NULL DEFAULT '',
    from_name   text    NOT NULL DEFAULT '',
    from_key    text    NOT NULL DEFAULT '',
    from_entity text    NOT NULL DEFAULT '',
    to_name     text    NOT NULL DEFAULT '',
    to_key      text    NOT NULL DEFAULT '',
    to_entity   text    NOT NULL DEFAULT '',
    modality    text    NOT NULL DEFAULT '',
    evidence    text    NOT NULL DEFAULT '[]', -- JSON array of spans
    date_start  text    NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX relations_from ON relations (from_entity);
CREATE INDEX relations_to ON relations (to_entity);
CREATE INDEX relations_from_key ON relations (from_key);
CREATE INDEX relations_to_key ON relations (to_key);

CREATE TABLE events (
    rid                 bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                  text    COLLATE "C" NOT NULL UNIQUE,
    type                text    COLLATE "C" NOT NULL DEFAULT '',
    subtype             text    COLLATE "C" NOT NULL DEFAULT '',
    date_start          text    NOT NULL DEFAULT '',
    date_lo             text    COLLATE "C", -- first calendar day covered, NULL when unknown
    date_hi             text    COLLATE "C", -- last calendar day covered, NULL when unknown
    sort_key            text    COLLATE "C" NOT NULL DEFAULT '', -- date_lo, '' when undated
    country             text    COLLATE "C" NOT NULL DEFAULT '',
    modality            text    COLLATE "C" NOT NULL DEFAULT '',
    independent_sources integer NOT NULL DEFAULT 0,
    fatalities          integer NOT NULL DEFAULT 0,
    lat                 double precision,
    lon                 double precision,
    place               text    NOT NULL DEFAULT '',
    place_precision     text    NOT NULL DEFAULT '',
    nationalities       text[]  COLLATE "C" NOT NULL DEFAULT '{}',
    tsv                 tsvector NOT NULL, -- evidence and place name
    fused               text    NOT NULL -- the fused event as JSON
);
CREATE INDEX events_order ON events (sort_key DESC, id);
CREATE INDEX events_order_asc ON events ((sort_key = ''), sort_key, id);
CREATE INDEX events_type_order ON events (type, sort_key DESC, id);
CREATE INDEX events_subtype_order ON events (type, subtype, sort_key DESC, id);
CREATE INDEX events_country_order ON events (country, sort_key DESC, id);
CREATE INDEX events_modality_order ON events (modality, sort_key DESC, id);
CREATE INDEX events_dates ON events (date_lo, date_hi);
CREATE INDEX events_sources ON events (independent_sources);
CREATE INDEX events_tsv ON events USING gin (tsv);

CREATE TABLE event_sources (
    event_id     text    COLLATE "C" NOT NULL,
    seq          integer NOT NULL,
    document_id  text    COLLATE "C" NOT NULL,
    source       text    NOT NULL DEFAULT '',
    duplicate_of text    NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, seq)
);
CREATE INDEX event_sources_document ON event_sources (document_id);

CREATE TABLE event_actors (
    event_id text    COLLATE "C" NOT NULL,
    seq      integer NOT NULL,
    role     text    NOT NULL, -- actor or claimed_by
    name     text    COLLATE "C" NOT NULL DEFAULT '',
    name_key text    COLLATE "C" NOT NULL DEFAULT '', -- lower-cased name
    entity   text    COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, seq)
);
CREATE INDEX event_actors_name ON event_actors (name_key);
CREATE INDEX event_actors_entity ON event_actors (entity);
