package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/safefetch"
)

// TestServeFetchPagesFindsTheNumberToCall serves the fake Defender page on
// 127.0.0.2 to a server started with --fetch-pages whose page client may
// reach only that address: the API's answer carries the page's signs and
// its "call 0800 …" number.
func TestServeFetchPagesFindsTheNumberToCall(t *testing.T) {
	body, err := os.ReadFile("../../page/testdata/defender-alert.html")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(body)
	}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	base, _ := startAppWith(t, func(c *Config) {
		c.FetchPages = true
		c.pageClient = safefetch.New(safefetch.Config{Timeout: 2 * time.Second, Ports: []int{port},
			AllowPrefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}})
	})
	var sc hangup.SiteCheck
	if st := getJSON(t, base+"/api/v1/urls?u="+url.QueryEscape(srv.URL+"/fix"), &sc); st != 200 {
		t.Fatalf("status %d", st)
	}
	if sc.Page == nil || !sc.Page.Scam || sc.Verdict != hangup.SiteSuspicious || sc.Findings[0].Code != "page_tech_support_scam" {
		t.Fatalf("got %+v", sc)
	}
	if len(sc.Page.Phones) != 1 || sc.Page.Phones[0].Number != "+448000465678" || sc.Page.Phones[0].Reputation == nil {
		t.Errorf("phones %+v, want the 0800 number with its reputation", sc.Page.Phones)
	}
	// The number is linked to the site that showed it.
	var num struct {
		Sites []hangup.SiteNumber `json:"sites"`
	}
	if st := getJSON(t, base+"/api/v1/numbers/"+url.PathEscape("+448000465678"), &num); st != 200 || len(num.Sites) != 1 || num.Sites[0].Host != "127.0.0.2" {
		t.Errorf("number lookup: status %d, sites %+v, want the page's host", st, num.Sites)
	}
	var plain hangup.SiteCheck
	if st := getJSON(t, base+"/api/v1/urls?page=0&u="+url.QueryEscape(srv.URL+"/fix"), &plain); st != 200 || plain.Page != nil {
		t.Errorf("page=0 still fetched the page: %+v", plain.Page)
	}
}

func TestURLCommandRefusesToFetchPrivatePages(t *testing.T) {
	db := t.TempDir() + "/none.db"
	code, out, errOut := runCLI(t, "", nil, "url", "--fetch-pages", "http://127.0.0.1:8080/alert", "--db", db)
	if code != exitOK || !strings.Contains(out, "not a public website") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}
