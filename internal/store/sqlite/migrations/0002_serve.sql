-- sitrep store schema, version 2: what the HTTP API aggregates without
-- decoding every fused event (fatalities, coordinates), relation evidence
-- for the actor network, and indexes for its queries.

ALTER TABLE events ADD COLUMN fatalities INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN lat REAL;
ALTER TABLE events ADD COLUMN lon REAL;
ALTER TABLE events ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN place_precision TEXT NOT NULL DEFAULT '';

UPDATE events SET
    fatalities = COALESCE((SELECT COALESCE(f.fused ->> '$.fatality_range.best', f.fused ->> '$.fatalities.min', 0)
                           FROM events_fused f WHERE f.rid = events.rid), 0),
    lat = (SELECT f.fused ->> '$.location.lat' FROM events_fused f WHERE f.rid = events.rid),
    lon = (SELECT f.fused ->> '$.location.lon' FROM events_fused f WHERE f.rid = events.rid),
    place = COALESCE((SELECT f.fused ->> '$.location.name' FROM events_fused f WHERE f.rid = events.rid), ''),
    place_precision = COALESCE((SELECT f.fused ->> '$.location.precision' FROM events_fused f WHERE f.rid = events.rid), '');

ALTER TABLE relations ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
ALTER TABLE relations ADD COLUMN date_start TEXT NOT NULL DEFAULT '';

UPDATE relations SET
    evidence = COALESCE((SELECT d.extraction -> ('$.relations[' || relations.seq || '].evidence')
                         FROM documents d WHERE d.id = relations.document_id), '[]'),
    date_start = COALESCE((SELECT d.extraction ->> ('$.relations[' || relations.seq || '].date.start')
                           FROM documents d WHERE d.id = relations.document_id), '');

CREATE INDEX event_actors_event ON event_actors(event_id, role);
CREATE INDEX events_modality ON events(modality);
CREATE INDEX events_sources ON events(independent_sources);
CREATE INDEX entities_type ON entities(type, name);
CREATE INDEX documents_ingested ON documents(ingested, id);
