package siteeval

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/data/sharedtest"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/site"
)

// sharedDir finds the shared data directory (HANGUP_SHARED_DATA, else the
// usual places); it skips the test when there is none, or fails it with
// HANGUP_REQUIRE_SHARED_DATA=1.
func sharedDir(t *testing.T) string { t.Helper(); return sharedtest.Dir(t, sharedPDB) }

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

// TestSharedListsReport logs the figures of docs/evaluation.md and holds
// the name analysis to issue 14's targets on every part: at least 85 % of
// the scam hosts whose name carries a brand or scam word are caught, and at
// most 0.5 % of held-out popular domains are flagged (0.34 % on the test
// part, 0.35 % on fit-other, see docs/evaluation.md). The counts by first
// finding add up to the flagged hosts.
func TestSharedListsReport(t *testing.T) {
	s := loadShared(t)
	for _, p := range parts() {
		pb, _ := strconv.Atoi(os.Getenv("SITEEVAL_POPULAR"))
		rep, err := Evaluate(Config{Shared: s, Part: p, Organisations: seedOrgs(t), Examples: 60, PopularBrands: pb})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := rep.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		t.Log("\n" + b.String())
		if rep.Subset < 1000 || rep.Popular < 2000 {
			t.Errorf("%s part too small: %d subset hosts, %d popular domains", p, rep.Subset, rep.Popular)
		}
		if r := Rate(rep.SubsetCaught, rep.Subset); r < TargetSubsetRecall {
			t.Errorf("%s part: subset recall %.3f, want >= %.2f", p, r, TargetSubsetRecall)
		}
		if r := Rate(rep.PopularFlagged, rep.Popular); r > TargetFalseAlarms {
			t.Errorf("%s part: %.2f%% of held-out popular domains flagged, want at most %.1f%%", p, 100*r, 100*TargetFalseAlarms)
		}
		scam, popular := 0, 0
		for _, f := range rep.Findings {
			scam += f.Scam
			popular += f.Popular
		}
		if scam != rep.ScamCaught || popular != rep.PopularFlagged {
			t.Errorf("%s part: findings count %d scam hosts and %d popular domains, want %d and %d", p, scam, popular, rep.ScamCaught, rep.PopularFlagged)
		}
	}
}

// TestShippedPhishedList: the shipped list of phished brands is what the
// fit part gives (eval-urls --write-targets), so it can be rebuilt and
// holds nothing learned from the test part's scam hosts.
func TestShippedPhishedList(t *testing.T) {
	s := loadShared(t)
	got, err := PhishedTargets(Config{Shared: s, Organisations: seedOrgs(t)})
	if err != nil {
		t.Fatal(err)
	}
	d, err := site.DefaultData()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, d.Phished) {
		t.Errorf("the fit part gives %d phished brands %v, the shipped list holds %d %v: rebuild it with hangup eval-urls --lists DIR --write-targets data/phished/brands.txt", len(got), got, len(d.Phished), d.Phished)
	}
	if len(got) < 5 {
		t.Errorf("only %d phished brands: the fit part should name more", len(got))
	}
}

func TestSplitIsDeterministicAndHoldsOutAThird(t *testing.T) {
	test := 0
	for i := range 10000 {
		if PartOf(strconv.Itoa(i)+".example") == Test {
			test++
		}
	}
	if test < 2800 || test > 3200 {
		t.Errorf("%d of 10,000 keys in the test part, want about 3,000", test)
	}
	// Fixed keys keep their part forever: the split must never move.
	for key, want := range map[string]Part{"paypal-login.example": PartOf("paypal-login.example")} {
		for range 3 {
			if got := PartOf(key); got != want {
				t.Fatalf("PartOf(%q) changed between calls", key)
			}
		}
	}
	plat := map[string]bool{"weebly.com": true}
	if k := SplitKey("shop.fix-my-pc.weebly.com", plat); k != "fix-my-pc.weebly.com" {
		t.Errorf("a user's site on a free host: key %q, want fix-my-pc.weebly.com", k)
	}
	if k := SplitKey("a.b.evil.co.uk", plat); k != "evil.co.uk" {
		t.Errorf("key %q, want the registrable domain", k)
	}
}

func TestSubsetWords(t *testing.T) {
	for host, want := range map[string]bool{"secure-paypa1.example": true, "com-trackxsl.top": true, "quiet-harbour-bakery.co.uk": false,
		"first.example": false, "paypal.com": true, "x.github.io": false} {
		if got := InSubset(host); got != want {
			t.Errorf("InSubset(%q) = %v, want %v", host, got, want)
		}
	}
	if len(SubsetWords) < 100 {
		t.Errorf("%d subset words", len(SubsetWords))
	}
}

func TestEvalDataScoresLabelledLines(t *testing.T) {
	chk, err := site.New(site.Config{Organisations: seedOrgs(t)})
	if err != nil {
		t.Fatal(err)
	}
	in := `{"text": "micros0ft-support.com", "label": "scam"}
{"text": "com-trackxsl.top", "label": 1}
{"text": "quiet-harbour-bakery.co.uk", "label": "scam"}

{"text": "www.bbc.co.uk", "label": "genuine"}
{"text": "support.microsoft.com", "label": false}
{"text": "paypal-verify.xyz", "label": "genuine"}
not json
{"text": "", "label": "scam"}
{"text": "x.example", "label": "maybe"}
{"text": "not an address", "label": "scam"}
`
	rep, err := EvalData(strings.NewReader(in), chk)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Lines != 10 || rep.Scam != 3 || rep.Genuine != 3 || rep.ErrorRows != 4 {
		t.Fatalf("lines %d scam %d genuine %d errors %d (%v)", rep.Lines, rep.Scam, rep.Genuine, rep.ErrorRows, rep.Errors)
	}
	if rep.TP != 2 || rep.FN != 1 || rep.FP != 1 || rep.TN != 2 {
		t.Errorf("confusion tp %d fn %d fp %d tn %d, want 2 1 1 2", rep.TP, rep.FN, rep.FP, rep.TN)
	}
	if !strings.Contains(rep.Errors[0], "line 8") {
		t.Errorf("errors %v should name line 8 first", rep.Errors)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil || !strings.Contains(b.String(), "2 of 3") {
		t.Errorf("report:\n%s", b.String())
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

func FuzzEvalData(f *testing.F) {
	for _, s := range []string{`{"text": "micros0ft-support.com", "label": "scam"}` + "\n" + `{"text": "bbc.co.uk", "label": 0}`,
		"not json\n\n{}", `{"text": "x", "label": [1]}`, `{"text": "a.example", "label": "genuine"}{"x":1}`} {
		f.Add(s)
	}
	chk, err := site.New(site.Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		rep, err := EvalData(strings.NewReader(in), chk)
		if err != nil {
			t.Fatalf("EvalData: %v", err)
		}
		if rep.Scam+rep.Genuine+rep.ErrorRows != rep.Lines || rep.TP+rep.FN != rep.Scam || rep.FP+rep.TN != rep.Genuine {
			t.Fatalf("counts do not add up: %+v", rep)
		}
	})
}
