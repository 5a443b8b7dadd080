package sqlite

import (
	"context"
	"fmt"
)

// EachDocumentText calls fn with the id and cleaned text of every stored
// document, in the order they were stored. The ingester uses it to rebuild
// its near-duplicate index when it starts.
func (db *DB) EachDocumentText(ctx context.Context, fn func(id, text string) error) error {
	rows, err := db.db.QueryContext(ctx, `SELECT id, text FROM documents ORDER BY rid`)
	if err != nil {
		return fmt.Errorf("sqlite: reading documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return fmt.Errorf("sqlite: reading documents: %w", err)
		}
		if err := fn(id, text); err != nil {
			return err
		}
	}
	return rows.Err()
}
