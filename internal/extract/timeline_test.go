package extract_test

import "testing"

// TestTimelineHeadings checks that a timeline's date headings date the
// entries under them, and that a lone date line dates nothing.
func TestTimelineHeadings(t *testing.T) {
	const timeline = "How the week unfolded\n\n" +
		"Tuesday, March 5\nGunmen stormed a police post in Dori, killing four officers.\n\n" +
		"Thursday, March 7\nSoldiers arrested nine suspects in Djibo. Troops later raided a camp outside the town.\n"
	runEventCases(t, []eventCase{
		{
			name: "an entry takes the heading above it",
			text: timeline,
			pub:  "2024-03-10",
			want: evView{Type: "attack", Date: "2024-03-05/day", Loc: "Dori/BF"},
		},
		{
			name: "a later entry takes its own heading, not the first",
			text: timeline,
			pub:  "2024-03-10",
			want: evView{Type: "arrest", Date: "2024-03-07/day"},
		},
		{
			name: "a date the entry gives itself wins over the heading",
			text: "Tuesday, March 5\nOfficials met in Dori.\n\nThursday, March 7\nThe army said gunmen had killed six herders on March 1 near Djibo.\n",
			pub:  "2024-03-10",
			want: evView{Type: "attack", Date: "2024-03-01/day"},
		},
		{
			name: "a single date line is no timeline heading",
			text: "March 5, 2024\n\nMourners gathered in Dori for four officers killed when gunmen stormed their police post.\n",
			pub:  "2024-03-10",
			want: evView{Type: "attack", Date: "none"},
		},
	}, false)
}
