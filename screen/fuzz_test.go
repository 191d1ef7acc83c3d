package screen

import (
	"context"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

// FuzzScreen: whatever a SIP peer puts in From, To, the Identity header and
// the verstat, the engine answers with a well-formed decision: a known
// action, a reason for anything but a plain allow, a 603 only for a block,
// and never a block for a call to an emergency number.
func FuzzScreen(f *testing.F) {
	for _, s := range [][4]string{
		{"sip:+449061234567@carrier;user=phone", "+442079460000", "", ""},
		{`"Anonymous" <sip:anonymous@anonymous.invalid>`, "sip:999@pbx", "", "TN-Validation-Failed"},
		{"tel:%2B44-1632-960123", "<sip:+441793781800@x>", "a.b.c;info=<https://127.0.0.1/x>", "TN-Validation-Passed-A"},
		{"<sip:", ">", ";;;", "no-tn-validation"},
		{"+" + strings.Repeat("9", 20), "112", "eyJhbGciOiJFUzI1NiJ9..", ""},
		{"sips:%ff%00@\x00", "0", "\xff", "TN-Validation-Passed-Z"},
	} {
		f.Add(s[0], s[1], s[2], s[3], false)
	}
	w := newWorld(f, Config{})
	w.report(f, "+447400111222", 30)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, from, to, identity, verstat string, international bool) {
		req := hangup.ScreenRequest{From: from, To: to, Verstat: verstat, International: international}
		if identity != "" {
			req.Identity = []string{identity}
		}
		d, err := w.engine.Screen(ctx, req, nil)
		if err != nil {
			t.Fatalf("error for one call's values: %v", err)
		}
		if d.Action.Rank() == 0 && d.Action != hangup.ActionAllow {
			t.Fatalf("unknown action %q", d.Action)
		}
		if d.Action != hangup.ActionAllow && len(d.Reasons) == 0 {
			t.Fatalf("%s without a reason", d.Action)
		}
		if (d.SIP.Code == 603) != (d.Action == hangup.ActionBlock) {
			t.Fatalf("SIP %d for %s", d.SIP.Code, d.Action)
		}
		if d.Action == hangup.ActionBlock && w.engine.isEmergency(userPart(to)) {
			t.Fatalf("blocked a call to emergency number %q", to)
		}
		if d.Score < 0 || d.Score > 100 {
			t.Fatalf("score %d", d.Score)
		}
	})
}
