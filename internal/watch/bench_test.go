package watch

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// benchFeed is an RSS feed of 100 items, the size of a busy news feed.
func benchFeed() string {
	var arts []article
	for i := range 100 {
		arts = append(arts, article{path: fmt.Sprintf("/news/%d", i), title: fmt.Sprintf("Report number %d on the fighting in the north", i),
			guid: fmt.Sprintf("wire-%d", i), date: day.Add(time.Duration(i) * time.Hour)})
	}
	return rssFeed("http://news.test", arts)
}

func BenchmarkParseItems(b *testing.B) {
	body := []byte(benchFeed())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		items, err := parseItems(newParser(), "http://news.test/rss", body)
		if err != nil || len(items) != 100 {
			b.Fatalf("%d items, %v", len(items), err)
		}
	}
}

func BenchmarkParseFeeds(b *testing.B) {
	var sb strings.Builder
	for i := range 200 {
		fmt.Fprintf(&sb, "# outlet %d\nhttps://outlet%d.test/world/rss.xml\n\n", i, i)
	}
	in := sb.String()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if feeds, err := ParseFeeds(strings.NewReader(in)); err != nil || len(feeds) != 200 {
			b.Fatal(len(feeds), err)
		}
	}
}

// BenchmarkRoundAllSeen measures a round over a 100-item feed whose items
// are all known (the feed answers 200 without validators): the cost of a
// poll that finds nothing new.
func BenchmarkRoundAllSeen(b *testing.B) {
	srv := newTestServer(b)
	body := benchFeed()
	srv.setFeed("/rss.xml", &feedDoc{body: body, ctype: "application/rss+xml"})
	w, err := New(Config{Feeds: []string{srv.URL + "/rss.xml"}, Extract: testExtract, HostInterval: -1,
		Sink: func(context.Context, Article) error { return nil }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	// Mark every item seen.
	fs := w.st.feed(srv.URL + "/rss.xml")
	for i := range 100 {
		fs.Seen[fmt.Sprintf("wire-%d", i)] = time.Now()
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := w.RunOnce(context.Background())
		if err != nil || r.New != 0 || r.FeedsFailed != 0 {
			b.Fatalf("%+v %v", r, err)
		}
		srv.requests()
	}
}
