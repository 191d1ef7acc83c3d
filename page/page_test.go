package page_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/page"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/safefetch"
)

// fakeReputation knows one number as a scam.
type fakeReputation map[string]hangup.ReputationVerdict

func (f fakeReputation) Lookup(e164 string) hangup.Reputation {
	v, ok := f[e164]
	if !ok {
		v = hangup.RepUnknown
	}
	return hangup.Reputation{Number: e164, Verdict: v}
}

// server serves the fixtures and the hostile pages on 127.0.0.2, so that
// a client allowed only that address can be shown refusing 127.0.0.1.
func server(t *testing.T) (*httptest.Server, int) {
	t.Helper()
	mux := http.NewServeMux()
	for _, f := range []string{"defender-alert.html", "apple-locked.html", "genuine-help.html"} {
		body, err := os.ReadFile("testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		mux.HandleFunc("/"+f, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(body)
		})
	}
	mux.HandleFunc("/huge", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := strings.Repeat("<p>virus detected</p>", 1000)
		for range 200 {
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>Your computer is infected")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/redirect-forever", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		http.Redirect(w, r, "/redirect-forever?n="+strconv.Itoa(n+1), http.StatusFound)
	})
	mux.HandleFunc("/binary", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"))
	})
	mux.HandleFunc("/binary-as-html", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("\x00\x01\x02virus detected call support 0800 046 5678"))
	})
	mux.HandleFunc("/to-loopback", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.1:"+r.Host[strings.LastIndexByte(r.Host, ':')+1:]+"/defender-alert.html", http.StatusFound)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/to-localhost", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://localhost:"+r.Host[strings.LastIndexByte(r.Host, ':')+1:]+"/defender-alert.html", http.StatusFound)
	})
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	srv := httptest.NewUnstartedServer(mux)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, ln.Addr().(*net.TCPAddr).Port
}

func checker(t *testing.T, port int, rep page.NumberReputation) *page.Checker {
	t.Helper()
	ph, err := phone.New(phone.Config{DefaultRegion: "GB"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := page.New(page.Config{
		// Only the test server's address is let through; 127.0.0.1 and
		// every other non-public address stay refused.
		Client: safefetch.New(safefetch.Config{Timeout: time.Second, MaxBytes: 64 << 10, MaxRedirects: 5,
			Ports: []int{port}, AllowPrefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}}),
		Numbers: ph, Reputation: rep, MaxConcurrent: 2, Wait: 200 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func codesOf(rs []hangup.Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

func TestFakeDefenderPageIsRecognisedAndItsNumberLinked(t *testing.T) {
	srv, port := server(t)
	c := checker(t, port, fakeReputation{"+448000465678": hangup.RepScam})
	pc, err := c.CheckPage(context.Background(), srv.URL+"/defender-alert.html")
	if err != nil {
		t.Fatal(err)
	}
	if !pc.Fetched || !pc.Scam {
		t.Fatalf("fetched %v scam %v (score %d, signs %v, error %q)", pc.Fetched, pc.Scam, pc.Score, codesOf(pc.Signs), pc.Error)
	}
	for _, code := range []string{page.CodeFakeVirusWarning, page.CodeLockedScreen, page.CodeCallSupport, page.CodePhoneShown,
		page.CodeTrapsScreen, page.CodeAutoplaySound, page.CodeRemoteToolLink} {
		if !hasCode(pc.Signs, code) {
			t.Errorf("signs %v lack %s", codesOf(pc.Signs), code)
		}
	}
	if len(pc.Phones) != 1 || pc.Phones[0].Number != "+448000465678" || pc.Phones[0].Display != "0800 046 5678" {
		t.Fatalf("phones %+v, want the 0800 number", pc.Phones)
	}
	if pc.Phones[0].Reputation == nil || pc.Phones[0].Reputation.Verdict != hangup.RepScam {
		t.Errorf("the number is not linked to its reputation: %+v", pc.Phones[0].Reputation)
	}
	if len(pc.Tools) != 1 || pc.Tools[0] != "AnyDesk" {
		t.Errorf("tools %v, want AnyDesk", pc.Tools)
	}
	if !strings.Contains(pc.Summary, "0800 046 5678") || !strings.Contains(pc.Title, "Windows Defender") {
		t.Errorf("summary %q title %q", pc.Summary, pc.Title)
	}
	for _, s := range pc.Signs {
		if s.Message == "" {
			t.Errorf("sign %s has no message", s.Code)
		}
	}
}

func TestLockedIPhonePageWrittenByScriptIsRecognised(t *testing.T) {
	srv, port := server(t)
	pc, err := checker(t, port, nil).CheckPage(context.Background(), srv.URL+"/apple-locked.html")
	if err != nil {
		t.Fatal(err)
	}
	if !pc.Scam || len(pc.Phones) != 1 || pc.Phones[0].Number != "+18445550147" || !hasCode(pc.Signs, page.CodeTrapsScreen) {
		t.Errorf("scam %v phones %+v signs %v", pc.Scam, pc.Phones, codesOf(pc.Signs))
	}
}

func TestGenuineContactPageIsNotAScamPage(t *testing.T) {
	srv, port := server(t)
	pc, err := checker(t, port, nil).CheckPage(context.Background(), srv.URL+"/genuine-help.html")
	if err != nil {
		t.Fatal(err)
	}
	if pc.Scam || hasCode(pc.Signs, page.CodeFakeVirusWarning) || hasCode(pc.Signs, page.CodeCallSupport) {
		t.Errorf("a genuine contact page: scam %v, signs %v", pc.Scam, codesOf(pc.Signs))
	}
	if len(pc.Phones) != 1 || pc.Phones[0].Number != "+441212304567" {
		t.Errorf("phones %+v, want the shop's number", pc.Phones)
	}
}

func TestHostilePagesAreRefusedWithinTheLimits(t *testing.T) {
	srv, port := server(t)
	c := checker(t, port, nil)
	tests := []struct{ path, want string }{
		{"/huge", "larger than"},
		{"/slow", "did not load within"},
		{"/redirect-forever", "not a public website"},
		{"/binary", "not a web page"},
		{"/binary-as-html", "not a web page"},
		{"/to-loopback", "not a public website"},
		{"/to-localhost", "not a public website"},
		{"/to-metadata", "not a public website"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			start := time.Now()
			pc, err := c.CheckPage(context.Background(), srv.URL+tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if pc.Fetched || pc.Scam || !strings.Contains(pc.Error, tt.want) || !hasCode(pc.Signs, page.CodeNotFetched) {
				t.Errorf("got fetched %v scam %v error %q; want a refusal saying %q", pc.Fetched, pc.Scam, pc.Error, tt.want)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	for _, bad := range []string{"ftp://example.com/x", "javascript:alert(1)", "not a url", "http://"} {
		if _, err := c.CheckPage(context.Background(), bad); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("CheckPage(%q): %v, want EINVALID", bad, err)
		}
	}
}

func TestPageChecksAreBoundedInConcurrency(t *testing.T) {
	srv, port := server(t)
	c := checker(t, port, nil) // two at once, 200 ms wait for a slot
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.CheckPage(context.Background(), srv.URL+"/slow")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	busy := 0
	for err := range errs {
		if hangup.ErrorCode(err) == hangup.EUNAVAILABLE {
			busy++
		}
	}
	if busy == 0 {
		t.Error("six slow checks at once with two slots: none was turned away")
	}
}

func TestMergeMakesAScamPageSuspicious(t *testing.T) {
	sc := hangup.SiteCheck{Verdict: hangup.SiteUnknown, Summary: "nothing known",
		Findings: []hangup.Reason{{Code: "no_information", Severity: hangup.SeverityInfo, Message: "x"}}}
	page.Merge(&sc, hangup.PageCheck{Scam: true, Summary: "This page is a fake warning."})
	if sc.Verdict != hangup.SiteSuspicious || sc.Findings[0].Code != page.CodePageScam || sc.Page == nil || sc.HasFinding("no_information") {
		t.Errorf("after Merge: %+v", sc)
	}
}

func hasCode(rs []hangup.Reason, code string) bool {
	for _, r := range rs {
		if r.Code == code {
			return true
		}
	}
	return false
}
