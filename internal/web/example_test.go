package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
	"github.com/sitrep-dev/sitrep/internal/web"
)

// Example serves a store and asks for its size and one page of attacks.
func Example() {
	st, err := sqlite.Open(":memory:")
	if err != nil {
		panic(err)
	}
	defer st.Close()
	if _, err := storegen.Load(context.Background(), st, 100, 1); err != nil {
		panic(err)
	}
	srv := httptest.NewServer(web.New(web.Config{Store: st}).Handler())
	defer srv.Close()
	for _, path := range []string{"/api/meta", "/api/events?type=attack&limit=1"} {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			panic(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(path, resp.StatusCode, resp.Header.Get("Content-Type"), strings.HasPrefix(string(body), "{"))
	}
	// Output:
	// /api/meta 200 application/json true
	// /api/events?type=attack&limit=1 200 application/json true
}
