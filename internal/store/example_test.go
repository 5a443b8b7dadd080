package store_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/store"
)

func ExampleDateBounds() {
	for _, d := range []string{"2024", "2024-02", "2024-02-10"} {
		lo, hi, _ := store.DateBounds(d)
		fmt.Println(d, lo, hi)
	}
	// Output:
	// 2024 2024-01-01 2024-12-31
	// 2024-02 2024-02-01 2024-02-29
	// 2024-02-10 2024-02-10 2024-02-10
}
