-- sitrep store schema, version 6: the events whose dates span more than a
-- day, by their last day, so that a date range finds the longer events that
-- start before it and end in it without reading every older event.

CREATE INDEX events_span ON events(date_hi, sort_key) WHERE date_hi > date_lo;
