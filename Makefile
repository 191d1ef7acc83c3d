# Hangup: the everyday commands. Nothing here needs more than Go; the tests
# that drive real Chromium, PostgreSQL and SIP peers find them if installed
# (.ci/run installs them).
GO ?= go
PKGS := ./...
BENCHTIME ?= 1s
FUZZTIME ?= 30s

.PHONY: test lint bench fuzz build run load clean

test:
	$(GO) test -count=1 $(PKGS)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) $(PKGS)

# fuzz runs every fuzz target for FUZZTIME each (go test -fuzz takes one
# target at a time).
fuzz:
	@for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

build:
	$(GO) build -o bin/hangup ./cmd/hangup

run:
	$(GO) run ./cmd/hangup serve

# load measures POST /api/v1/checks throughput with wrk (Debian package wrk)
# against a fresh server; see docs/benchmarks.md.
load: build
	./scripts/load-check.sh

clean:
	rm -rf bin
