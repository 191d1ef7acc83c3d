package rmm

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func loadDefault(tb testing.TB) *Catalogue {
	tb.Helper()
	c, err := Default()
	if err != nil {
		tb.Fatalf("Default: %v", err)
	}
	return c
}

func TestLoadShippedData(t *testing.T) {
	c := loadDefault(t)
	tools := c.Tools()
	// LOLRMM has 319 YAML records; a few are listed twice and merge by name.
	if len(tools) < 290 || len(tools) > 319 {
		t.Errorf("got %d tools, want about 300 (319 records less duplicates)", len(tools))
	}
	var favoured []string
	for _, tl := range tools {
		if tl.ScamFavoured {
			favoured = append(favoured, tl.Name)
		}
		if tl.Category != CategoryRMM && tl.Category != CategoryRAT {
			t.Errorf("tool %q: got category %q, want RMM or RAT", tl.Name, tl.Category)
		}
		if len(tl.Names) == 0 || tl.Names[0] != NormaliseName(baseName(tl.Name)) {
			t.Errorf("tool %q: got names %q, want its own name first", tl.Name, tl.Names)
		}
	}
	for _, want := range []string{"AnyDesk", "TeamViewer", "UltraViewer", "Supremo", "RustDesk", "AnyViewer", "Ammyy Admin", "Quick Assist"} {
		if !slices.Contains(favoured, want) {
			t.Errorf("scam-favoured tools %q lack %q", favoured, want)
		}
	}
	if len(c.Skipped()) == 0 {
		t.Error("got no shared patterns set aside, want github.com and others")
	}
}

func TestMatchDomain(t *testing.T) {
	c := loadDefault(t)
	tests := []struct {
		name, host, want string // want "" means no match
	}{
		{"vendor home page", "anydesk.com", "AnyDesk"},
		{"wildcard subdomain", "download.anydesk.com", "AnyDesk"},
		{"regex relay", "relay-0a1b2c3d.net.anydesk.com", "AnyDesk"},
		{"regex relay wrong shape still under wildcard", "relay-xyz.net.anydesk.com", "AnyDesk"},
		{"trailing dot", "teamviewer.com.", "TeamViewer"},
		{"ultraviewer", "ultraviewer.net", "UltraViewer"},
		{"quick assist relay", "remoteassistance.support.services.microsoft.com", "Microsoft Quick Assist"},
		{"microsoft itself is not a tool", "microsoft.com", ""},
		{"support.microsoft.com is not a tool", "support.microsoft.com", ""},
		{"gotoassist join page", "www.fastsupport.com", "GoToAssist"},
		{"wildcard in the middle", "rescue-list.eu.logmein-gateway.com", "LogMeIn rescue"},
		{"wildcard inside a label", "agents7-cloud.acronis.com", "Acronis Cyber Protect (Remotix)"},
		{"chrome remote desktop", "remotedesktop.google.com", "Chrome Remote Desktop"},
		{"google itself is not a tool", "www.google.com", ""},
		{"shared host set aside", "github.com", ""},
		{"all of zoho set aside", "mail.zoho.com", ""},
		{"zoho assist kept", "assist.zoho.com", "Zoho Assist"},
		{"exact host beats parent wildcard", "live.screenconnect.com", "ConnectWise Control"},
		{"unrelated", "example.com", ""},
		{"suffix only", "com", ""},
		{"lookalike is not the tool", "anydesk.com.evil.example", ""},
		{"label boundary respected", "notanydesk.com", ""},
		{"empty", "", ""},
		{"ip literal in catalogue", "136.243.104.235", "Ammyy Admin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := c.MatchDomain(tt.host)
			if tt.want == "" {
				if ok {
					t.Errorf("MatchDomain(%q) = %q, want no match", tt.host, got.Name)
				}
				return
			}
			if !ok || got.Name != tt.want {
				t.Errorf("MatchDomain(%q) = %q, %v; want %q", tt.host, got.Name, ok, tt.want)
			}
		})
	}
}

func TestByName(t *testing.T) {
	c := loadDefault(t)
	tests := []struct{ spoken, want string }{
		{"AnyDesk", "AnyDesk"},
		{"any desk", "AnyDesk"},
		{"ANY-DESK", "AnyDesk"},
		{"team viewer", "TeamViewer"},
		{"teamviewer", "TeamViewer"},
		{"quick assist", "Quick Assist"},
		{"Microsoft  Quick Assist", "Microsoft Quick Assist"},
		{"ultra viewer", "UltraViewer"},
		{"screen connect", "ConnectWise Control"},
		{"LogMeIn", "LogMeIn"},
		{"log me in rescue", "LogMeIn rescue"},
		{"ammyy", "Ammyy Admin"},
		{"rust desk", "RustDesk"},
		{"bomgar", "BeyondTrust (Bomgar)"},
		{"Kaseya", "Kaseya (VSA)"},
		{"hello", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := c.ByName(tt.spoken)
		if tt.want == "" {
			if ok {
				t.Errorf("ByName(%q) = %q, want none", tt.spoken, got.Name)
			}
			continue
		}
		if !ok || got.Name != tt.want {
			t.Errorf("ByName(%q) = %q, %v; want %q", tt.spoken, got.Name, ok, tt.want)
		}
	}
}

func TestEverydayNames(t *testing.T) {
	c := loadDefault(t)
	tl, ok := c.ByName("level")
	if !ok {
		t.Fatal(`ByName("level") found nothing, want the Level tool`)
	}
	if !slices.Contains(tl.EverydayNames, "level") {
		t.Errorf("Level: got everyday names %q, want \"level\" among them", tl.EverydayNames)
	}
	any, _ := c.ByName("anydesk")
	if len(any.EverydayNames) != 0 {
		t.Errorf("AnyDesk: got everyday names %q, want none", any.EverydayNames)
	}
}

func TestNormaliseName(t *testing.T) {
	tests := map[string]string{
		"Team-Viewer":     "team viewer",
		"  TEAM   VIEWER": "team viewer",
		"Level.io":        "level io",
		"ÜberDesk!":       "überdesk",
		"":                "",
		"---":             "",
	}
	for in, want := range tests {
		if got := NormaliseName(in); got != want {
			t.Errorf("NormaliseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	const tools = "name,category,website\nAnyDesk,RMM,https://anydesk.com/en\n"
	tests := []struct {
		name    string
		fs      fstest.MapFS
		wantErr string
	}{
		{"no files", fstest.MapFS{}, "rmm_tools.csv"},
		{"missing column", fstest.MapFS{
			ToolsFile:   {Data: []byte("nom,category\nx,RMM\n")},
			DomainsFile: {Data: []byte("domain_pattern,tool_name\n")},
		}, `no column "name"`},
		{"pattern for unknown tool", fstest.MapFS{
			ToolsFile:   {Data: []byte(tools)},
			DomainsFile: {Data: []byte("domain_pattern,tool_name\nx.example,Nobody\n")},
		}, "unknown tool"},
		{"bad regex", fstest.MapFS{
			ToolsFile:   {Data: []byte(tools)},
			DomainsFile: {Data: []byte("domain_pattern,tool_name\nrelay-[a-f.anydesk.com,AnyDesk\n")},
		}, "unclosed ["},
		{"wildcard in last label", fstest.MapFS{
			ToolsFile:   {Data: []byte(tools)},
			DomainsFile: {Data: []byte("domain_pattern,tool_name\nanydesk.c*,AnyDesk\n")},
		}, "last label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fs)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Load: got error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestLoadSmallCatalogue(t *testing.T) {
	c, err := Load(fstest.MapFS{
		ToolsFile: {Data: []byte("name,category,website\nAnyDesk,RMM,https://anydesk.com/en\nAnyDesk,RMM,\nDeep,RAT,https://example.org/products/deep\n")},
		DomainsFile: {Data: []byte("domain_pattern,tool_name\nrelay-[a-f0-9]{8}.net.anydesk.com:443,AnyDesk\n" +
			"GitHub.com,Deep\n*.Deep.Example,Deep\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Tools()); n != 2 {
		t.Fatalf("got %d tools, want 2 (duplicate rows merge)", n)
	}
	for host, want := range map[string]string{
		"anydesk.com": "AnyDesk", "relay-deadbeef.net.anydesk.com": "AnyDesk",
		"relay-nothex!!.net.anydesk.com": "", "a.b.deep.example": "Deep", "deep.example": "Deep",
		"github.com": "", "example.org": "",
	} {
		got, ok := c.MatchDomain(host)
		if got.Name != want || ok != (want != "") {
			t.Errorf("MatchDomain(%q) = %q, %v; want %q", host, got.Name, ok, want)
		}
	}
}

func BenchmarkMatchDomain(b *testing.B) {
	c := loadDefault(b)
	hosts := []string{"anydesk.com", "relay-0a1b2c3d.net.anydesk.com", "www.example.co.uk", "support.microsoft.com", "a.b.c.d.e.example.com"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.MatchDomain(hosts[i%len(hosts)])
	}
}
