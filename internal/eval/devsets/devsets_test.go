package devsets

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

const devDir = "../../../../shared/data/dev"

func needDev(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(devDir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared development data not found at %s (only present in the sitrep workplace): %v", p, err)
	}
	return p
}

func TestDecodeStream(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		err      bool
	}{
		{"lines", "{\"a\":1}\n{\"a\":2}\n", []string{`{"a":1}`, `{"a":2}`}, false},
		{"array", " [ {\"a\":1}, {\"a\":2} ] ", []string{`{"a":1}`, `{"a":2}`}, false},
		{"bom", "\xef\xbb\xbf{\"a\":1}", []string{`{"a":1}`}, false},
		{"empty", "", nil, false},
		{"blank", " \n\t", nil, false},
		{"empty array", "[]", nil, false},
		{"garbage", "{\"a\":", nil, true},
		{"unclosed array", "[{}", []string{`{}`}, true},
	}
	for _, tc := range tests {
		var got []string
		err := decodeStream(strings.NewReader(tc.in), func(r json.RawMessage) error {
			got = append(got, string(r))
			return nil
		})
		if (err != nil) != tc.err {
			t.Errorf("%s: err = %v, want error %v", tc.name, err, tc.err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestRuneIndexAndAlign(t *testing.T) {
	s := "Ankara é x"
	ri := newRuneIndex(s)
	if got := ri.byteOff(7); got != 7 || s[ri.byteOff(7):ri.byteOff(8)] != "é" {
		t.Errorf("byteOff(7) = %d", got)
	}
	if got := ri.byteOff(9); got != 10 {
		t.Errorf("byteOff(9) = %d, want 10", got)
	}
	if got := ri.byteOff(99); got != len(s) {
		t.Errorf("byteOff(99) = %d, want %d", got, len(s))
	}
	tests := []struct {
		sp         sitrep.Span
		start, end int
		ok         bool
	}{
		{sitrep.Span{Start: 0, End: 6, Text: "Ankara"}, 0, 6, true},
		{sitrep.Span{Start: 3, End: 9, Text: "Ankara"}, 0, 6, true}, // offsets of a cleaned text: found by text
		{sitrep.Span{Start: 2, End: 1, Text: "nowhere"}, 0, 0, false},
		{sitrep.Span{Start: 0, End: 99}, 0, 0, false},
	}
	for _, tc := range tests {
		s0, e0, ok := alignSpan(s, tc.sp)
		if s0 != tc.start || e0 != tc.end || ok != tc.ok {
			t.Errorf("alignSpan(%+v) = %d %d %v", tc.sp, s0, e0, ok)
		}
	}
}

// writeRe3d writes a small re3d-style folder (mongoexport lines).
func writeRe3d(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "src")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	text := "Gendarmes in Niamey détained Moussa Traoré of the Sahel Front."
	docs := `{ "_id" : "D1", "sourceUrl" : "http://example.org/1", "title" : "t", "text" : ` + jsonString(text) + ` }` + "\n"
	// Offsets are code points: "é" is one.
	ents := []string{
		`{ "documentId" : "D1", "begin" : 13, "end" : 19, "type" : "Location", "value" : "Niamey", "confidence" : 1 }`,
		`{ "documentId" : "D1", "begin" : 29, "end" : 42, "type" : "Person", "value" : "Moussa Traoré", "confidence" : 0.9 }`,
		`{ "documentId" : "D1", "begin" : 46, "end" : 61, "type" : "Organisation", "value" : "the Sahel Front", "confidence" : 1 }`,
		`{ "documentId" : "D1", "begin" : 0, "end" : 9, "type" : "Organisation", "value" : "Gendarmes", "confidence" : 0 }`,
		`{ "documentId" : "D1", "begin" : 0, "end" : 9, "type" : "Weapon", "value" : "Gendarmes", "confidence" : 1 }`,
	}
	if err := os.WriteFile(filepath.Join(dir, "documents.json"), []byte(docs), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "entities.json"), []byte(strings.Join(ents, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(dir)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func mention(text, sub string) sitrep.Span {
	i := strings.Index(text, sub)
	return sitrep.Span{Start: i, End: i + len(sub), Text: sub}
}

func TestRe3dSmall(t *testing.T) {
	root := writeRe3d(t)
	docs, err := LoadRe3d(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Entities) != 3 {
		t.Fatalf("loaded %+v", docs)
	}
	d := docs[0]
	if got := d.Text[d.Entities[1].Start:d.Entities[1].End]; got != "Moussa Traoré" {
		t.Fatalf("person span = %q", got)
	}
	rep, err := RunRe3d(context.Background(), root, func(_ context.Context, text, pub, src string) (*sitrep.Extraction, error) {
		if src != "http://example.org/1" || pub != "" {
			t.Errorf("source %q published %q", src, pub)
		}
		return &sitrep.Extraction{Entities: []sitrep.Entity{
			{Type: sitrep.GPE, Name: "Niamey", Mentions: []sitrep.Span{mention(text, "Niamey")}},
			{Type: sitrep.ArmedGroup, Name: "Moussa Traoré", Mentions: []sitrep.Span{mention(text, "Moussa Traoré")}}, // wrong type
			{Type: sitrep.ArmedGroup, Name: "Sahel Front", Mentions: []sitrep.Span{mention(text, "Sahel Front")}},
			{Type: sitrep.Person, Name: "Gendarmes", Mentions: []sitrep.Span{{Start: 500, End: 509, Text: "Gendarmes"}}},
		}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][3]int{}
	for _, ts := range rep.Types {
		got[ts.Type] = [3]int{ts.Names.TP, ts.Names.FP, ts.Names.FN}
	}
	want := map[string][3]int{Re3dLocation: {1, 0, 0}, Re3dPerson: {0, 1, 1}, Re3dOrganisation: {1, 1, 0}, Re3dNationality: {}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	if rep.Total.Spans.TP != 2 || rep.Total.Spans.FN != 1 {
		t.Errorf("span total %+v", rep.Total.Spans)
	}
	if len(rep.Confusions) != 1 || rep.Confusions[0].Item != "gold Person -> system Organisation" {
		t.Errorf("confusions %+v", rep.Confusions)
	}
	var sb strings.Builder
	if err := rep.WriteText(&sb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), "TOTAL") {
		t.Error(sb.String())
	}
	rep, err = RunRe3d(context.Background(), root, func(context.Context, string, string, string) (*sitrep.Extraction, error) {
		return nil, errors.New("boom")
	})
	if err != nil || rep.Failed != 1 || rep.Total.Names.Recall != 0 {
		t.Errorf("failing extractor: %v %+v", err, rep)
	}
}

func re3dEcho(docs []Re3dDoc) map[string]*sitrep.Extraction {
	types := map[string]sitrep.EntityType{Re3dPerson: sitrep.Person, Re3dOrganisation: sitrep.Org, Re3dLocation: sitrep.GPE, Re3dNationality: sitrep.Norp}
	out := map[string]*sitrep.Extraction{}
	for _, d := range docs {
		x := &sitrep.Extraction{}
		for _, e := range d.Entities {
			x.Entities = append(x.Entities, sitrep.Entity{Type: types[e.Type], Name: e.Value,
				Mentions: []sitrep.Span{{Start: e.Start, End: e.End, Text: d.Text[e.Start:e.End]}}})
		}
		out[d.Source+"\x00"+d.Text] = x
	}
	return out
}

func TestRe3dReal(t *testing.T) {
	dir := needDev(t, "re3d")
	docs, err := LoadRe3d(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 40 {
		t.Fatalf("only %d re3d documents", len(docs))
	}
	echo := re3dEcho(docs)
	rep, err := RunRe3d(context.Background(), dir, func(_ context.Context, text, _, src string) (*sitrep.Extraction, error) {
		x, ok := echo[src+"\x00"+text]
		if !ok {
			return nil, errors.New("unknown document")
		}
		return x, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, ts := range append(rep.Types, rep.Total) {
		if ts.Names.F1 != 1 && ts.Names.TP+ts.Names.FN > 0 {
			t.Errorf("%s names %+v, want F1 1", ts.Type, ts.Names)
		}
		if ts.Spans.F1 != 1 && ts.Spans.TP+ts.Spans.FN > 0 {
			t.Errorf("%s spans %+v, want F1 1", ts.Type, ts.Spans)
		}
	}
	if rep.Total.Names.TP < 500 || rep.Unaligned != 0 || rep.Failed != 0 {
		t.Errorf("total %+v unaligned %d failed %d", rep.Total.Names, rep.Unaligned, rep.Failed)
	}
	t.Logf("re3d: %d documents, %d gold names", rep.Documents, rep.Total.Names.TP)
}

const wikiLine = `{"doc_id": "w1", "text": "ignored", "sentences": [
 [[["Rebels", 0, 6], ["shelled", 7, 14], ["a", 15, 16], ["depot", 17, 22], [".", 22, 23]], "Rebels shelled a depot."],
 [[["Police", 24, 30], ["held", 31, 35], ["two", 36, 39], ["men", 40, 43], [".", 43, 44]], "Police held two men."],
 [[["Talks", 45, 50], ["resumed", 51, 58], [".", 58, 59]], "Talks resumed."]],
 "event_mentions": [
  {"id": "w1-E1", "event_type": "Conflict.Attack.Unspecified", "trigger": {"start": 1, "end": 2, "text": "shelled", "sent_idx": 0}, "arguments": []},
  {"id": "w1-E2", "event_type": "Justice.ArrestJailDetain.Unspecified", "trigger": {"start": 6, "end": 7, "text": "held", "sent_idx": 1}, "arguments": []},
  {"id": "w1-E3", "event_type": "Contact.Negotiate.Unspecified", "trigger": {"start": 11, "end": 12, "text": "resumed", "sent_idx": 2}, "arguments": []},
  {"id": "w1-E4", "event_type": "Conflict.Attack.Unspecified", "trigger": {"start": 11, "end": 12, "text": "bad", "sent_idx": 9}, "arguments": []}]}`

func TestWikiEventsSmall(t *testing.T) {
	d, err := parseWikiDoc([]byte(wikiLine))
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "Rebels shelled a depot.\nPolice held two men.\nTalks resumed." {
		t.Fatalf("text %q", d.Text)
	}
	want := []WikiMention{
		{Type: sitrep.TypeAttack, KairosType: "Conflict.Attack.Unspecified", Trigger: "shelled", Start: 0, End: 23},
		{Type: sitrep.TypeArrest, KairosType: "Justice.ArrestJailDetain.Unspecified", Trigger: "held", Start: 24, End: 44},
	}
	if diff := cmp.Diff(want, d.Mentions); diff != "" {
		t.Fatalf("mentions (-want +got):\n%s", diff)
	}
	x := &sitrep.Extraction{Events: []sitrep.Event{
		{Type: sitrep.TypeAttack, Modality: sitrep.Asserted, Evidence: []sitrep.Span{mention(d.Text, "shelled a depot")}},
		{Type: sitrep.TypeAttack, Modality: sitrep.Asserted, Evidence: []sitrep.Span{mention(d.Text, "Talks resumed")}}, // wrong sentence
		{Type: sitrep.TypeArrest, Modality: sitrep.Planned, Evidence: []sitrep.Span{mention(d.Text, "Police held")}},    // non-factual
		{Type: sitrep.TypeArrest, Modality: sitrep.Reported},                                                            // no evidence
	}}
	rep := ScoreWikiEvents([]WikiDoc{*d}, []*sitrep.Extraction{x})
	got := map[string][4]int{}
	for _, ts := range rep.Types {
		got[ts.Type] = [4]int{ts.GoldMentions, ts.Found, ts.SystemEvents, ts.Correct}
	}
	if diff := cmp.Diff(map[string][4]int{sitrep.TypeAttack: {1, 1, 2, 1}, sitrep.TypeArrest: {1, 0, 1, 0}}, got); diff != "" {
		t.Errorf("types (-want +got):\n%s", diff)
	}
	if rep.NonFactual != 1 || rep.NoEvidence != 1 {
		t.Errorf("nonfactual %d noevidence %d", rep.NonFactual, rep.NoEvidence)
	}
	if a := rep.Types[0].Score; a.Recall != 1 || a.Precision != 0.5 {
		t.Errorf("attack score %+v", a)
	}
}

func TestWikiEventsReal(t *testing.T) {
	p := needDev(t, "wikievents/dev.jsonl")
	docs, err := LoadWikiEvents(p)
	if err != nil {
		t.Fatal(err)
	}
	byText := map[string]*WikiDoc{}
	for i := range docs {
		byText[docs[i].Text] = &docs[i]
	}
	rep, err := RunWikiEvents(context.Background(), p, func(_ context.Context, text, _, _ string) (*sitrep.Extraction, error) {
		d := byText[text]
		if d == nil {
			return nil, errors.New("unknown document")
		}
		x := &sitrep.Extraction{}
		for _, m := range d.Mentions {
			x.Events = append(x.Events, sitrep.Event{Type: m.Type, Modality: sitrep.Asserted,
				Evidence: []sitrep.Span{{Start: m.Start, End: m.End, Text: text[m.Start:m.End]}}})
		}
		return x, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 20 || rep.Failed != 0 {
		t.Fatalf("documents %d failed %d", rep.Documents, rep.Failed)
	}
	for _, ts := range rep.Types {
		if ts.GoldMentions == 0 || ts.Score.Recall != 1 || ts.Score.Precision != 1 {
			t.Errorf("%s: %+v, want P=R=1 on echoed gold", ts.Type, ts)
		}
	}
	rep, err = RunWikiEvents(context.Background(), p, func(context.Context, string, string, string) (*sitrep.Extraction, error) {
		return &sitrep.Extraction{}, nil
	})
	if err != nil || rep.Types[0].Score.Recall != 0 || len(rep.Missed) == 0 {
		t.Errorf("empty extractor: %v %+v", err, rep)
	}
}

const mucLine = `{"docid": "M1", "doctext": "urban guerrillas bombed a power pylon near the capital.", "extracts": {"PerpInd": [[["urban guerrillas", 0]]], "PerpOrg": [], "Target": [[["power pylon", 26], ["pylon", 32]]], "Victim": [], "Weapon": []}}
{"docid": "M2", "doctext": "the ministers met to discuss trade.", "extracts": {"PerpInd": [], "PerpOrg": [], "Target": [], "Victim": [], "Weapon": []}}
{"docid": "M3", "doctext": "a judge was shot dead.", "extracts": {"PerpInd": [], "PerpOrg": [], "Target": [], "Victim": [[["judge", 2]]], "Weapon": []}}
`

func TestMUC4Small(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.json")
	if err := os.WriteFile(p, []byte(mucLine), 0o644); err != nil {
		t.Fatal(err)
	}
	xs := map[string]*sitrep.Extraction{
		"muc4:M1": {Events: []sitrep.Event{{Type: sitrep.TypeAttack, Modality: sitrep.Asserted,
			Actors: []sitrep.Ref{{Name: "guerrillas"}}, Targets: []sitrep.Ref{{Name: "the pylon"}, {Name: "capital"}}}}},
		"muc4:M2": {Events: []sitrep.Event{{Type: sitrep.TypeAttack, Modality: sitrep.Hypothetical}}},
		"muc4:M3": {Events: []sitrep.Event{{Type: sitrep.TypeArrest, Modality: sitrep.Asserted}}},
	}
	rep, err := RunMUC4(context.Background(), p, func(_ context.Context, _, _, src string) (*sitrep.Extraction, error) {
		return xs[src], nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Incidents.TP != 1 || rep.Incidents.FN != 1 || rep.Incidents.FP != 0 || rep.TN != 1 || rep.NonFactualOnly != 1 {
		t.Errorf("incidents %+v TN %d nonfactual %d", rep.Incidents, rep.TN, rep.NonFactualOnly)
	}
	got := map[string][3]int{}
	for _, r := range rep.Roles {
		got[r.Role] = [3]int{r.Score.TP, r.Score.FP, r.Score.FN}
	}
	want := map[string][3]int{"Perpetrator": {1, 0, 0}, "Target": {1, 1, 0}, "Victim": {}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"M3"}, rep.Missed); diff != "" {
		t.Errorf("missed (-want +got):\n%s", diff)
	}
}

func TestMUC4Real(t *testing.T) {
	p := needDev(t, "muc4/dev.json")
	docs, err := LoadMUC4(p)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*MUCDoc{}
	pos := 0
	for i := range docs {
		byID["muc4:"+docs[i].ID] = &docs[i]
		if docs[i].Incident() {
			pos++
		}
	}
	if len(docs) != 200 || pos == 0 || pos == len(docs) {
		t.Fatalf("%d documents, %d with incidents", len(docs), pos)
	}
	first := func(ents [][]string) []sitrep.Ref {
		var out []sitrep.Ref
		for _, e := range ents {
			out = append(out, sitrep.Ref{Name: e[0]})
		}
		return out
	}
	rep, err := RunMUC4(context.Background(), p, func(_ context.Context, text, _, src string) (*sitrep.Extraction, error) {
		d := byID[src]
		if d == nil || d.Text != text {
			return nil, errors.New("unknown document")
		}
		if !d.Incident() {
			return &sitrep.Extraction{}, nil
		}
		return &sitrep.Extraction{Events: []sitrep.Event{{Type: sitrep.TypeAttack, Modality: sitrep.Asserted,
			Actors: append(first(d.Extracts["PerpInd"]), first(d.Extracts["PerpOrg"])...), Targets: first(d.Extracts["Target"]), Victims: first(d.Extracts["Victim"])}}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Incidents.F1 != 1 || rep.TN != len(docs)-pos {
		t.Errorf("incidents %+v TN %d", rep.Incidents, rep.TN)
	}
	for _, r := range rep.Roles {
		if r.Score.Recall != 1 || r.Score.Precision != 1 {
			t.Errorf("%s %+v, want P=R=1 on echoed gold", r.Role, r.Score)
		}
	}
	var sb strings.Builder
	if err := rep.WriteText(&sb); err != nil {
		t.Fatal(err)
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Fatal(err)
	}
}

func FuzzParseWikiDoc(f *testing.F) {
	f.Add([]byte(wikiLine))
	f.Add([]byte(`{"sentences": [[[], "x"]], "event_mentions": [{"event_type": "Conflict.Attack", "trigger": {"sent_idx": -1}}]}`))
	f.Add([]byte(`{"sentences": [1]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseWikiDoc(data)
		if err != nil {
			return
		}
		for _, m := range d.Mentions {
			if m.Start < 0 || m.End > len(d.Text) || m.Start > m.End {
				t.Fatalf("mention span %d..%d outside text of %d bytes", m.Start, m.End, len(d.Text))
			}
		}
		ScoreWikiEvents([]WikiDoc{*d}, []*sitrep.Extraction{{Events: []sitrep.Event{{Type: "attack", Evidence: []sitrep.Span{{Start: -1, End: 1 << 30, Text: "\xff"}}}}}})
	})
}

func FuzzParseMUCDoc(f *testing.F) {
	for _, l := range strings.Split(strings.TrimSpace(mucLine), "\n") {
		f.Add([]byte(l))
	}
	f.Add([]byte(`{"extracts": {"Target": [[[]], [[1, 2]]]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseMUCDoc(data)
		if err != nil {
			return
		}
		ScoreMUC4([]MUCDoc{*d}, []*sitrep.Extraction{{Events: []sitrep.Event{{Type: "attack", Actors: []sitrep.Ref{{Name: "\xff x"}}}}}})
	})
}

func FuzzDecodeStream(f *testing.F) {
	f.Add([]byte("{\"a\":1}\n{\"a\":2}\n"))
	f.Add([]byte("[1, 2, {}]"))
	f.Add([]byte("\xef\xbb\xbf"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		_ = decodeStream(strings.NewReader(string(data)), func(r json.RawMessage) error {
			n++
			if !json.Valid(r) {
				t.Fatalf("invalid value %q", r)
			}
			if n > len(data) {
				t.Fatalf("more values (%d) than input bytes", n)
			}
			return nil
		})
	})
}

func BenchmarkLoadWikiEvents(b *testing.B) {
	p := needDev(b, "wikievents/dev.jsonl")
	st, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadWikiEvents(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreRe3d(b *testing.B) {
	dir := needDev(b, "re3d")
	docs, err := LoadRe3d(dir)
	if err != nil {
		b.Fatal(err)
	}
	echo := re3dEcho(docs)
	xs := make([]*sitrep.Extraction, len(docs))
	size := 0
	for i, d := range docs {
		xs[i] = echo[d.Source+"\x00"+d.Text]
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		ScoreRe3d(docs, xs)
	}
}

// TestExtractEach checks that a failed extraction is counted, recorded and
// scored as empty, and that a cancelled context stops the run.
func TestExtractEach(t *testing.T) {
	docs := []MUCDoc{{ID: "a", Text: "one"}, {ID: "b", Text: "two"}, {ID: "c", Text: "three"}}
	extract := func(ctx context.Context, text, published, source string) (*sitrep.Extraction, error) {
		if text == "two" {
			return nil, errors.New("broken")
		}
		return &sitrep.Extraction{}, nil
	}
	input := func(d *MUCDoc) (string, string, string) { return d.Text, "muc4:" + d.ID, d.ID }
	var got []bool
	add := func(d *MUCDoc, x *sitrep.Extraction) { got = append(got, x != nil) }
	failed, errs, err := extractEach(context.Background(), docs, extract, input, add)
	if err != nil || failed != 1 {
		t.Fatalf("failed = %d, err = %v; want 1, nil", failed, err)
	}
	if diff := cmp.Diff([]string{"b: broken"}, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{true, false, true}, got); diff != "" {
		t.Errorf("extractions handed on (-want +got):\n%s", diff)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := extractEach(ctx, docs, extract, input, add); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: err = %v, want context.Canceled", err)
	}
}
