# sitrep's two everyday commands (the README's first lines):
#   make demo   build the web UI and sitrep, ingest the demo corpus, serve it
#   make test   build the web UI, then vet and run every test
# Needs Go 1.26 and Node.js 20 with npm (for the UI); Chromium only for the
# browser test, which skips without it unless SITREP_BROWSER_TESTS=required.

GO ?= go
UI_SOURCES := $(shell find web/src -type f 2>/dev/null) web/build.mjs web/package.json web/package-lock.json
ADDR ?= 127.0.0.1:8080

.PHONY: demo ui build test clean

ui: internal/web/ui/dist/index.html

internal/web/ui/dist/index.html: $(UI_SOURCES)
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

build: ui
	$(GO) build -o bin/sitrep ./cmd/sitrep

demo: build
	bin/sitrep ingest corpus/dev
	bin/sitrep serve --addr $(ADDR)

test: ui
	$(GO) vet ./...
	$(GO) test ./...

clean:
	rm -rf bin internal/web/ui/dist web/node_modules test-artifacts
