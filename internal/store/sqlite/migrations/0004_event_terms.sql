-- sitrep store schema, version 4: the actors of each event as lower-cased
-- terms (entity id and name) in date order, so that a page of one actor's
-- events reads its terms in order and stops after the page, instead of
-- fetching and sorting every event of the actor (19,000 for the busiest
-- actor of a 100,000-event store).

CREATE TABLE event_terms (
    term     TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (term, sort_key DESC, event_id)
) WITHOUT ROWID;
CREATE INDEX event_terms_event ON event_terms(event_id);

INSERT OR IGNORE INTO event_terms(term, sort_key, event_id)
    SELECT lower(a.entity), e.sort_key, e.id FROM event_actors a JOIN events e ON e.id = a.event_id WHERE a.entity != '';
INSERT OR IGNORE INTO event_terms(term, sort_key, event_id)
    SELECT lower(a.name), e.sort_key, e.id FROM event_actors a JOIN events e ON e.id = a.event_id WHERE a.name != '';
