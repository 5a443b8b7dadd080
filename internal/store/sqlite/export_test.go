package sqlite

// DisableEventIndex makes db answer every page of events in SQL, to compare
// the two paths.
func DisableEventIndex(db *DB) { db.index.close() }

// IndexedPages is the number of pages db chose on its event index.
func IndexedPages(db *DB) int64 { return db.index.answered.Load() }
