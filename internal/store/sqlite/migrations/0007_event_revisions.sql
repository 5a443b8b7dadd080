-- sitrep store schema, version 7: an event's revision history apart from the
-- rest of its JSON, so that a page of events (which lists do not show the
-- history) reads and sends a third fewer bytes.

ALTER TABLE events_fused ADD COLUMN revisions TEXT NOT NULL DEFAULT '[]';
UPDATE events_fused SET revisions = COALESCE(fused -> '$.revisions', '[]'),
    fused = json_remove(fused, '$.revisions');
