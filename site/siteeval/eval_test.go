package siteeval

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/site"
)

// sharedDir finds the shared data directory (HANGUP_SHARED_DATA, else the
// usual places); it skips the test when there is none, or fails it with
// HANGUP_REQUIRE_SHARED_DATA=1.
func sharedDir(t *testing.T) string {
	t.Helper()
	var tried []string
	for _, d := range []string{os.Getenv("HANGUP_SHARED_DATA"), "../../../shared/data", "/work/shared/data"} {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, sharedPDB)); err == nil {
			return d
		}
		tried = append(tried, d)
	}
	msg := "shared phishing lists not found (set HANGUP_SHARED_DATA); tried " + strings.Join(tried, ", ")
	if os.Getenv("HANGUP_REQUIRE_SHARED_DATA") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

var (
	orgsOnce sync.Once
	orgs     []*hangup.Organisation
	orgsErr  error
)

func seedOrgs(t *testing.T) []*hangup.Organisation {
	t.Helper()
	orgsOnce.Do(func() {
		var ph *phone.Intel
		if ph, orgsErr = phone.New(phone.Config{DefaultRegion: "GB"}); orgsErr == nil {
			orgs, orgsErr = registry.Seed(ph)
		}
	})
	if orgsErr != nil {
		t.Fatal(orgsErr)
	}
	return orgs
}

func loadShared(t *testing.T) *Shared {
	t.Helper()
	d, err := site.DefaultData()
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadShared(sharedDir(t), append(append([]string{}, d.FreeHosts...), d.SiteBuilders...))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSharedListsReport(t *testing.T) {
	s := loadShared(t)
	for _, p := range parts() {
		pb, _ := strconv.Atoi(os.Getenv("SITEEVAL_POPULAR"))
		rep, err := Evaluate(Config{Shared: s, Part: p, Organisations: seedOrgs(t), Examples: 60, PopularBrands: pb})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		rep.WriteText(&b)
		t.Log("\n" + b.String())
	}
}

// parts are the parts TestSharedListsReport logs: SITEEVAL_PART=fit while
// tuning (the held-out part stays unseen), both by default.
func parts() []Part {
	switch os.Getenv("SITEEVAL_PART") {
	case "fit":
		return []Part{Fit}
	case "test":
		return []Part{Test}
	}
	return []Part{Fit, Test}
}
