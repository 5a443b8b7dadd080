package watch_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/watch"
)

func ExampleParseFeeds() {
	feeds, err := watch.ParseFeeds(strings.NewReader(`# wires
https://wire.example/world/rss.xml
https://monitor.example/atom.xml   # security monitor

https://wire.example/world/rss.xml
`))
	fmt.Println(feeds, err)
	// Output: [https://wire.example/world/rss.xml https://monitor.example/atom.xml] <nil>
}

func ExampleWatcher_RunOnce() {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Wire</title>
<item><title>Patrol attacked</title><link>%s/a/1</link><guid>a1</guid><pubDate>Mon, 02 Mar 2026 08:00:00 +0000</pubDate></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/a/1", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body><p>A patrol came under fire near the border.</p></body></html>")
	})

	w, err := watch.New(watch.Config{
		Feeds: []string{srv.URL + "/rss.xml"},
		Extract: func(page []byte) (title, published, text string, err error) {
			s := string(page)
			return "", "", s[strings.Index(s, "<p>")+3 : strings.Index(s, "</p>")], nil
		},
		Sink: func(ctx context.Context, a watch.Article) error {
			fmt.Printf("%s | %s | %s\n", a.Title, a.Published, a.Text)
			return nil
		},
		HostInterval: 10 * time.Millisecond,
		Logger:       slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for range 2 {
		r, err := w.RunOnce(context.Background())
		fmt.Printf("new %d, ingested %d, not modified %d, err %v\n", r.New, r.Ingested, r.NotModified, err)
	}
	// Output:
	// Patrol attacked | 2026-03-02 | A patrol came under fire near the border.
	// new 1, ingested 1, not modified 0, err <nil>
	// new 0, ingested 0, not modified 1, err <nil>
}
