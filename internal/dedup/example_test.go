package dedup_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/dedup"
)

func Example() {
	original := `Militants attacked an army convoy on the road to the border town on Sunday, killing six soldiers, the defence ministry said.
The convoy was hit by a roadside bomb before gunmen opened fire from both sides of the road, a ministry statement said.
Reinforcements arrived by helicopter and the attackers withdrew into the forest, according to the statement.`
	copied := "Six soldiers killed in convoy ambush\n\nThis story was republished from a partner agency.\n\n" + original
	other := `Six soldiers died in an ambush near the frontier on Sunday. A bomb stopped their trucks and fighters then shot at them, officials said.`

	var idx dedup.Index
	idx.Add("wire", original)
	dup, sim := idx.Add("copy", copied)
	fmt.Printf("copy: duplicate of %q (similarity above threshold: %v)\n", dup, sim >= dedup.DefaultThreshold)
	dup, _ = idx.Add("rewrite", other)
	fmt.Printf("rewrite: duplicate of %q\n", dup)
	// Output:
	// copy: duplicate of "wire" (similarity above threshold: true)
	// rewrite: duplicate of ""
}
