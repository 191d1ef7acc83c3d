# Hangup: the everyday commands. Nothing here needs more than Go; the tests
# that drive real Chromium and PostgreSQL find them if installed, and the
# SIP suite (make test-sip) needs Kamailio and SIPp (.ci/run installs them).
GO ?= go
PKGS := ./...
BENCHTIME ?= 1s
FUZZTIME ?= 30s

.PHONY: test test-sip lint bench fuzz build run load clean

# test runs every test but the SIP suite, which is kept out of it by the
# build tag "sip": it drives real Kamailio and SIPp at up to 400 calls/s and
# freezes a Hangup process, and must not share two cores with every other
# package's tests.
test:
	$(GO) test -count=1 $(PKGS)

# test-sip runs the SIP suite on its own, one test at a time, failing if
# Kamailio or SIPp is missing (apt-get install kamailio
# kamailio-utils-modules sip-tester). -v prints the measured figures.
test-sip:
	HANGUP_REQUIRE_SIP=1 $(GO) test -tags sip -count=1 -p 1 -run '^TestSIP' -v ./cmd/hangup

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) vet -tags sip ./cmd/hangup
	$(GO) tool staticcheck $(PKGS)
	$(GO) tool staticcheck -tags sip ./cmd/hangup

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
