package web

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strings"
)

// ingestTypes are the content types POST /api/documents reads.
var ingestTypes = map[string]bool{
	"text/plain": true, "text/markdown": true, "text/html": true, "application/xhtml+xml": true,
	"application/x-ndjson": true, "application/jsonl": true, "application/json": true,
}

// ingestHandler accepts documents over HTTP: bearer token, content type,
// size limit, then the Ingester.
func (s *Server) ingestHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Ingester == nil || s.cfg.Token == "" {
			writeProblem(w, http.StatusForbidden, "ingest_disabled",
				"this server does not accept documents; start it with SITREP_TOKEN set (or token: in the config file)")
			return
		}
		if !bearer(r, s.cfg.Token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
			writeProblem(w, http.StatusUnauthorized, "unauthorized", "POST /api/documents needs Authorization: Bearer TOKEN")
			return
		}
		ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || !ingestTypes[ct] {
			writeProblem(w, http.StatusUnsupportedMediaType, "unsupported_type",
				"send text/plain, text/markdown, text/html or application/x-ndjson")
			return
		}
		if r.ContentLength > s.cfg.MaxBodyBytes {
			writeProblem(w, http.StatusRequestEntityTooLarge, "too_large", "the body is larger than the server accepts")
			return
		}
		body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		q := r.URL.Query()
		meta := DocumentMeta{ContentType: ct, Source: strings.TrimSpace(q.Get("source")), Title: q.Get("title"), Published: q.Get("published")}
		res, err := s.cfg.Ingester.Ingest(r.Context(), body, meta)
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeProblem(w, http.StatusRequestEntityTooLarge, "too_large", "the body is larger than the server accepts")
			return
		case err != nil:
			var bad interface{ BadInput() bool }
			if errors.As(err, &bad) && bad.BadInput() {
				writeProblem(w, http.StatusBadRequest, "invalid", err.Error())
				return
			}
			s.cfg.Log.Error("ingest over HTTP failed", "error", err)
			writeProblem(w, http.StatusInternalServerError, "internal", "ingest failed; see the server log")
			return
		}
		s.cache.clear() // what the store answers may have changed
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if allQueued(res) {
			w.WriteHeader(http.StatusAccepted)
		}
		json.NewEncoder(w).Encode(IngestBody{Documents: nonNil(res)})
	})
}

// allQueued reports whether every document was queued rather than ingested:
// the answer is then 202 Accepted.
func allQueued(res []IngestResult) bool {
	for _, r := range res {
		if !r.Queued {
			return false
		}
	}
	return len(res) > 0
}
