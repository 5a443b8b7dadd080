-- sitrep store schema, version 5: which events each stored document is a
-- source of, by row ids, so that a full-text match on documents maps
-- straight to event rows (a common word matches thousands of documents).

CREATE TABLE event_document_rids (
    document_rid INTEGER NOT NULL,
    event_rid    INTEGER NOT NULL,
    PRIMARY KEY (document_rid, event_rid)
) WITHOUT ROWID;
CREATE INDEX event_document_rids_event ON event_document_rids(event_rid);

INSERT OR IGNORE INTO event_document_rids(document_rid, event_rid)
    SELECT d.rid, e.rid FROM event_sources s
    JOIN documents d ON d.id = s.document_id
    JOIN events e ON e.id = s.event_id;
