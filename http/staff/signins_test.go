package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	hhttp "github.com/hangup-org/hangup/http"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/servertest"
	"github.com/hangup-org/hangup/http/internal/testenv"
)

// TestAdminSeesAndClearsSignInThrottles: an administrator sees which
// account is being guessed at from which network, and clears it; no one
// else can open the page.
func TestAdminSeesAndClearsSignInThrottles(t *testing.T) {
	s, e := servertest.New(t, hhttp.DefaultConfig())
	ctx := context.Background()
	for range 6 {
		e.Accounts.Login(ctx, "victim@example.org", "not the password", "198.51.100.23")
	}
	if _, _, err := e.Accounts.Login(ctx, "victim@example.org", "not the password", "198.51.100.23"); hangup.ErrorCode(err) != hangup.ERATELIMIT {
		t.Fatalf("seventh failure from one network: %v, want a wait", err)
	}
	analyst := testenv.NewBrowser(t, s)
	testenv.SignIn(t, e.Accounts, analyst, "analyst@example.org", hangup.RoleAnalyst, "")
	if st, _, _ := analyst.Get("/admin/signins"); st != http.StatusForbidden {
		t.Errorf("an analyst opened the throttles: %d", st)
	}
	admin := testenv.NewBrowser(t, s)
	testenv.SignIn(t, e.Accounts, admin, "admin@example.org", hangup.RoleAdmin, "")
	st, page, _ := admin.Get("/admin/signins")
	if st != http.StatusOK || !strings.Contains(page, "victim@example.org") || !strings.Contains(page, "198.51.100.0/24") {
		t.Fatalf("GET /admin/signins: %d\n%s", st, page)
	}
	st, _, hdr := admin.Post("/admin/signins", url.Values{"csrf": testenv.Hidden(page)["csrf"][:1], "account": {"victim@example.org"}, "network": {"198.51.100.0/24"}})
	if st != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/admin/signins?cleared=") {
		t.Fatalf("clear: %d %v", st, hdr)
	}
	if _, page, _ := admin.Get(hdr.Get("Location")); !strings.Contains(page, "Cleared 1 throttle") || strings.Contains(page, "victim@example.org</td>") {
		t.Errorf("after clearing:\n%s", page)
	}
	if _, _, err := e.Accounts.Login(ctx, "victim@example.org", "not the password", "198.51.100.23"); hangup.ErrorCode(err) != hangup.EUNAUTHORIZED {
		t.Errorf("after clearing, the network's attempt: %v, want it tried (and refused as wrong)", err)
	}
	// The sign-in page says how long to wait, with Retry-After.
	b := testenv.NewBrowser(t, s)
	for range 10 {
		_, page, _ = b.Get("/login")
		st, page, hdr = b.Post("/login", testenv.Merge(testenv.Hidden(page), map[string]string{"email": "victim@example.org", "password": "still not it"}))
	}
	if st != http.StatusTooManyRequests || hdr.Get("Retry-After") == "" || !strings.Contains(page, "Please wait") {
		t.Errorf("tenth failure from one browser: %d Retry-After %q", st, hdr.Get("Retry-After"))
	}
}
