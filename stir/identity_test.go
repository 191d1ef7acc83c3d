package stir

import (
	"strings"
	"testing"

	"github.com/hangup-org/hangup/stir/stirtest"
)

func TestParseIdentity(t *testing.T) {
	sp := stirtest.NewCA(t).IssueSP("1", stirtest.SPOptions{})
	tok := sp.PASSporT(claims(), testX5U)
	info := "<" + testX5U + ">"
	tests := []struct {
		name   string
		in     string
		reason Reason // "" = parses
		info   string
		ppt    string
	}{
		{"canonical", tok + ";info=" + info + ";alg=ES256;ppt=shaken", "", testX5U, "shaken"},
		{"parameter order", tok + ";ppt=shaken;alg=ES256;info=" + info, "", testX5U, "shaken"},
		{"spaces around separators", tok + " ; info = " + info + " ; alg = ES256 ; ppt = shaken ", "", testX5U, "shaken"},
		{"upper-case names", tok + ";INFO=" + info + ";Alg=ES256;PPT=shaken", "", testX5U, "shaken"},
		{"quoted values", tok + `;info="` + info + `";alg="ES256";ppt="shaken"`, "", testX5U, "shaken"},
		{"bare info URI", tok + ";info=" + testX5U + ";ppt=shaken", "", testX5U, "shaken"},
		{"header name prefix", "Identity: " + tok + ";info=" + info, "", testX5U, ""},
		{"folded", tok + "\r\n ;info=" + info + "\r\n\t;ppt=shaken", "", testX5U, "shaken"},
		{"quoted token", `"` + tok + `";info=` + info, "", testX5U, ""},
		{"info with ';' inside", tok + ";info=<https://a.example/x;y=1>;ppt=shaken", "", "https://a.example/x;y=1", "shaken"},
		{"unknown parameter", tok + ";info=" + info + ";foo=bar;flag", "", testX5U, ""},
		{"padded base64", strings.Replace(tok, ".", "=.", 1) + ";info=" + info, "", testX5U, ""},

		{"empty", "", ReasonMalformed, "", ""},
		{"only parameters", ";info=" + info, ReasonMalformed, "", ""},
		{"missing info", tok + ";alg=ES256;ppt=shaken", ReasonMissingInfo, "", ""},
		{"empty info", tok + ";info=<>", ReasonMissingInfo, "", ""},
		{"info twice", tok + ";info=" + info + ";info=" + info, ReasonMalformed, "", ""},
		{"info without value", tok + ";info", ReasonMalformed, "", ""},
		{"unclosed info", tok + ";info=<https://a.example/x", ReasonMalformed, "", ""},
		{"text after info", tok + ";info=" + info + "alg=ES256", ReasonMalformed, "", ""},
		{"info with spaces", tok + ";info=https://a.example/ x", ReasonMalformed, "", ""},
		{"four parts", tok + ".x;info=" + info, ReasonMalformed, "", ""},
		{"compact form", strings.Split(tok, ".")[0] + "..sig;info=" + info, ReasonMalformed, "", ""},
		{"header not JSON", "bm90anNvbg." + strings.SplitN(tok, ".", 2)[1] + ";info=" + info, ReasonMalformed, "", ""},
		{"header JSON null", "bnVsbA." + strings.SplitN(tok, ".", 2)[1] + ";info=" + info, ReasonMalformed, "", ""},
		{"header alg number", "eyJhbGciOjF9." + strings.SplitN(tok, ".", 2)[1] + ";info=" + info, ReasonBadHeader, "", ""},
		{"too large", tok + ";info=" + info + strings.Repeat(" ", MaxIdentitySize), ReasonTooLarge, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := ParseIdentity(tt.in)
			if tt.reason != "" {
				if got := reasonOf(err); got != tt.reason {
					t.Fatalf("err = %v, want %s", err, tt.reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if id.Info != tt.info || id.PPT != tt.ppt || id.PASSporT.Header.X5U != testX5U || id.PASSporT.Claims.OrigTN != testOrig {
				t.Errorf("got %+v", id)
			}
		})
	}
}

func TestSplitIdentityValues(t *testing.T) {
	got := splitIdentityValues(`a.b.c;info=<https://x.example/a,b>, d.e.f;info="<https://y,z>"`)
	if len(got) != 2 || !strings.HasSuffix(got[0], "a,b>") || !strings.HasSuffix(got[1], `z>"`) {
		t.Errorf("got %q", got)
	}
}
