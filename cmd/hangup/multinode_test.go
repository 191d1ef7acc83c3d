package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/postgres"
	"github.com/hangup-org/hangup/postgres/pgtest"
)

// startNode runs an App serving on loopback over the database dsn, as one
// node of several.
func startNode(tb testing.TB, dsn string) (string, *App) {
	tb.Helper()
	return startAppWith(tb, func(c *Config) { c.DB, c.TrustProxy = dsn, "127.0.0.1" })
}

// within polls ok until it holds or a second has passed since start (when
// the change began), and returns how long it took.
func within(t *testing.T, what string, start time.Time, ok func() bool) time.Duration {
	t.Helper()
	for time.Since(start) < time.Second {
		if ok() {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s: the other node did not follow within 1 s", what)
	return 0
}

func getJSON(t *testing.T, u string, v any) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil && resp.StatusCode == 200 {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

// TestTwoNodesStayInStep runs two nodes on one PostgreSQL database and
// changes things through one: the other's registry snapshot, reputation
// index (reports, deletions, the allow-list) and their HTTP answers follow
// within a second, with the periodic refresh slowed right down so that
// only the change feed can make it in time.
func TestTwoNodesStayInStep(t *testing.T) {
	dsn := pgtest.DSN(t)
	savedRefresh, savedKeys := RefreshInterval, KeysInterval
	RefreshInterval, KeysInterval = time.Hour, time.Hour
	defer func() { RefreshInterval, KeysInterval = savedRefresh, savedKeys }()
	baseA, a := startNode(t, dsn)
	baseB, b := startNode(t, dsn)
	ctx := context.Background()
	const number = "+449098790001"

	t.Run("registry import", func(t *testing.T) {
		org := &hangup.Organisation{ID: "acme-test-bank", Name: "Acme Test Bank", Kind: hangup.KindBank, Country: "GB",
			Numbers: []hangup.OrgNumber{{Number: "0113 123 0123", Role: hangup.RoleSupport, Label: "Help",
				Source: hangup.Source{URL: "https://acme.example/contact", Checked: "2026-11-28"}}}}
		if code := getJSON(t, baseB+"/api/v1/organisations/acme-test-bank", nil); code != 404 {
			t.Fatalf("node B knows the organisation before it exists: %d", code)
		}
		// Node A's Import returns only after A has rebuilt its own engines
		// (the website checker's index takes most of it); node B follows
		// from the commit, so it is watched while A is still importing.
		start := time.Now()
		imported := make(chan error, 1)
		go func() { imported <- a.Registry.Import(ctx, []*hangup.Organisation{org}) }()
		d := within(t, "registry", start, func() bool { _, ok := b.Registry.Snapshot().Organisation("acme-test-bank"); return ok })
		if err := <-imported; err != nil {
			t.Fatal(err)
		}
		t.Logf("node B's registry snapshot followed in %v", d)
		var got hangup.Organisation
		if code := getJSON(t, baseB+"/api/v1/organisations/acme-test-bank", &got); code != 200 || got.Name != "Acme Test Bank" {
			t.Errorf("node B answers %d %+v", code, got)
		}
		// The registry's dependants rebuilt too: B's reputation now counts
		// the new organisation's number as verified (the registry tells its
		// dependants just after it swaps the snapshot in).
		within(t, "reputation's verified numbers", time.Now(), func() bool {
			return b.Reputation.Lookup("+441131230123").Verdict == hangup.RepVerified
		})
	})

	var refs []string
	t.Run("reports", func(t *testing.T) {
		start := time.Now()
		for i := range 5 {
			body := fmt.Sprintf(`{"number_shown":"%s","claimed_organisation":"Microsoft","story":"Node test %d: they wanted remote access."}`, number, i)
			req, _ := http.NewRequest("POST", baseA+"/api/v1/reports", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("127.1.%d.1", i+1)) // five networks: five reporters
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var rc struct {
				Reference   string `json:"reference"`
				TrackingURL string `json:"tracking_url"`
			}
			json.NewDecoder(resp.Body).Decode(&rc)
			resp.Body.Close()
			if resp.StatusCode != 201 {
				t.Fatalf("report through node A: %d", resp.StatusCode)
			}
			refs = append(refs, rc.TrackingURL)
		}
		d := within(t, "reputation", start, func() bool { return b.Reputation.Lookup(number).Reports == 5 })
		t.Logf("node B's reputation index followed 5 reports in %v", d)
		// The screening snapshot is rebuilt from the same index.
		if got := b.Screen.Snapshot().Reputation().Reputation(number, time.Now()).Reports; got != 5 {
			t.Errorf("node B's screening snapshot counts %d reports, want 5", got)
		}
		var n struct {
			Reputation hangup.Reputation `json:"reputation"`
		}
		getJSON(t, baseB+"/api/v1/numbers/"+url.PathEscape(number), &n)
		if n.Reputation.Reports != 5 {
			t.Errorf("node B's API counts %d reports, want 5", n.Reputation.Reports)
		}
	})

	t.Run("report deletion", func(t *testing.T) {
		token := refs[0][strings.LastIndex(refs[0], "/r/")+3:]
		start := time.Now()
		if err := a.Reports.Delete(ctx, token); err != nil {
			t.Fatal(err)
		}
		d := within(t, "withdrawal", start, func() bool { return b.Reputation.Lookup(number).Reports == 4 })
		t.Logf("node B followed a deletion in %v", d)
	})

	t.Run("allow-list", func(t *testing.T) {
		start := time.Now()
		if err := a.Reputation.Allow(ctx, number, true, "admin@example.org", "our own line"); err != nil {
			t.Fatal(err)
		}
		d := within(t, "allow-list", start, func() bool { return b.Reputation.Lookup(number).Verdict == hangup.RepAllowed })
		t.Logf("node B followed the allow-list in %v", d)
		var n struct {
			Reputation hangup.Reputation `json:"reputation"`
		}
		getJSON(t, baseB+"/api/v1/numbers/"+url.PathEscape(number), &n)
		if n.Reputation.Verdict != hangup.RepAllowed {
			t.Errorf("node B's API says %s, want allowed", n.Reputation.Verdict)
		}
	})

	t.Run("changes through B reach A", func(t *testing.T) {
		start := time.Now()
		if err := b.Reputation.Allow(ctx, number, false, "admin@example.org", "mistake"); err != nil {
			t.Fatal(err)
		}
		d := within(t, "allow-list removal", start, func() bool { return a.Reputation.Lookup(number).Verdict != hangup.RepAllowed })
		t.Logf("node A followed node B in %v", d)
	})

	t.Run("API keys", func(t *testing.T) {
		before := b.ScreenKeys.Len()
		h := sha256.Sum256([]byte("hk_multinode-secret"))
		k := &hangup.APIKey{Name: "pbx-multinode", Prefix: "hk_mult", Hash: h[:], Policy: hangup.DefaultScreenPolicy()}
		start := time.Now()
		if err := a.DB.CreateAPIKey(ctx, k); err != nil {
			t.Fatal(err)
		}
		d := within(t, "API keys", start, func() bool { return b.ScreenKeys.Len() == before+1 })
		t.Logf("node B's API key cache followed in %v", d)
	})

	t.Run("subscribers see remote changes", func(t *testing.T) {
		got := make(chan hangup.Change, 8)
		stop := b.Changes.Subscribe(func(c hangup.Change) {
			if c.Topic == hangup.TopicAPIKeys && !c.Local {
				got <- c
			}
		})
		defer stop()
		if err := a.Changes.Publish(ctx, hangup.TopicAPIKeys); err != nil {
			t.Fatal(err)
		}
		select {
		case <-got:
		case <-time.After(time.Second):
			t.Fatal("a subscriber on node B did not hear node A's notice within 1 s")
		}
	})
}

// TestNodeFollowsWithoutNotices: with the change feed's notices lost, the
// periodic refresh still brings a node up to date within RefreshInterval.
func TestNodeFollowsWithoutNotices(t *testing.T) {
	dsn := pgtest.DSN(t)
	_, b := startNode(t, dsn)
	other, err := openTestDB(t, dsn)
	if err != nil {
		t.Fatal(err)
	}
	// Evidence written straight into the table, as by a node whose
	// notice never went out.
	const number = "+449098790002"
	start := time.Now()
	if _, err := other.(*postgres.DB).Pool().Exec(context.Background(), `INSERT INTO reputation_evidence
		(number, reporter_key, weight, at, report_ref, source) VALUES ($1, 'anon:quiet', 1, now(), 'HU-NOTE-0001', 'api')`, number); err != nil {
		t.Fatal(err)
	}
	d := within(t, "periodic refresh", start, func() bool { return b.Reputation.Lookup(number).Reports == 1 })
	t.Logf("node followed in %v", d)
}
