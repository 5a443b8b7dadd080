package report_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/report"
)

// Example builds the brief of a small store of Sahel events and prints its
// key findings as Markdown: every figure links to the appendix.
func Example() {
	st, err := newFixture()
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	b, err := report.Build(context.Background(), st, report.Options{Title: "Sahel brief"})
	if err != nil {
		log.Fatal(err)
	}
	var md bytes.Buffer
	if err := b.Markdown(&md, ""); err != nil {
		log.Fatal(err)
	}
	_, rest, _ := strings.Cut(md.String(), "## Key findings\n\n")
	findings, _, _ := strings.Cut(rest, "\n\n")
	fmt.Println(findings)
	// Output:
	// - The brief covers [5 events](#appendix-events) reported as having happened between 2024-01-14 and 2024-03-19, with [55 fatalities](#deadliest) (best figures) in [4 countries](#appendix-countries), read from [4 source documents](#appendix-sources). 1 more report was planned, foiled, hypothetical or denied.
	// - The most active actors were [Jama'at Nusrat al-Islam wal-Muslimin](#actor-jama-at-nusrat-al-islam-wal-muslimin) (3 events, 50 killed), [Islamic State West Africa Province](#actor-islamic-state-west-africa-province) (1 event, 5 killed) and [Malian Armed Forces](#actor-malian-armed-forces) (1 event, 0 killed).
	// - [Jama'at Nusrat al-Islam wal-Muslimin](#actor-jama-at-nusrat-al-islam-wal-muslimin) attacked in Burkina Faso for the first time on [2024-03-10](#ev-ev-ouaga), after attacks in Mali.
	// - [3 alerts](#alerts) were raised in the period; the first: [Surge: Jama'at Nusrat al-Islam wal-Muslimin: 30 fatalities in the week of 2024-03-04, against a baseline of 1.7 a week (standard deviation 3.8) over the previous 12 weeks; the threshold is at least 20, three times the baseline and the baseline plus four standard deviations.](#alert-1)
	// - The deadliest event was the [2024-03-10 attack (bombing) in Ouagadougou, Burkina Faso](#ev-ev-ouaga), with 30 (sources say 30 to 40) killed.
}
