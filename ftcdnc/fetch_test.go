package ftcdnc_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup/ftcdnc"
)

func TestFetchRefusesPrivateAddressesUnlessAllowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(header)) }))
	defer srv.Close()
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for _, u := range []string{srv.URL + "/{date}.csv", "http://example.org/{date}.csv", "https://10.1.2.3/{date}.csv", "https://[::1]/{date}.csv", "https://user:pw@example.org/{date}.csv"} {
		if _, err := ftcdnc.NewFetcher(ftcdnc.FetchConfig{URL: u}); !errors.Is(err, ftcdnc.ErrRefused) {
			t.Errorf("%s: %v, want refused", u, err)
		}
	}
	// A public-looking name that resolves to loopback is refused on dial.
	f, err := ftcdnc.NewFetcher(ftcdnc.FetchConfig{URL: "https://localhost:" + srv.URL[strings.LastIndex(srv.URL, ":")+1:] + "/{date}.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Get(context.Background(), day); !errors.Is(err, ftcdnc.ErrRefused) {
		t.Errorf("localhost: %v, want refused at dial time", err)
	}
	if _, err := ftcdnc.NewFetcher(ftcdnc.FetchConfig{URL: "https://example.org/file.csv"}); err == nil {
		t.Error("an address without {date} was accepted")
	}
	ok, err := ftcdnc.NewFetcher(ftcdnc.FetchConfig{URL: srv.URL + "/{date}.csv", AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if body, err := ok.Get(context.Background(), day); err != nil || string(body) != header {
		t.Errorf("allowed loopback: %q %v", body, err)
	}
}

func TestFetchCapsSizeAndNamesMissingDays(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.Contains(r.URL.Path, "2026-11-01"):
			w.Write([]byte(strings.Repeat("x", 5000)))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	f, err := ftcdnc.NewFetcher(ftcdnc.FetchConfig{URL: srv.URL + "/{date}.csv", AllowPrivate: true, MaxBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Get(context.Background(), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)); err == nil || !strings.Contains(err.Error(), "cap") {
		t.Errorf("an oversized file: %v", err)
	}
	if _, err := f.Get(context.Background(), time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)); !errors.Is(err, ftcdnc.ErrNoFile) {
		t.Errorf("a missing day: %v, want ErrNoFile", err)
	}
	days, err := ftcdnc.Days(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), 10)
	if err != nil || len(days) != 3 || days[2].Day() != 2 {
		t.Errorf("Days: %v %v", days, err)
	}
	if _, err := ftcdnc.Days(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), 10); err == nil {
		t.Error("a backwards range was accepted")
	}
	if _, err := ftcdnc.Days(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), 30); err == nil {
		t.Error("a range over the cap was accepted")
	}
}
