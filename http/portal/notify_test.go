package portal_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	hhttp "github.com/hangup-org/hangup/http"
	"github.com/hangup-org/hangup/webhook/webhooktest"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/servertest"
	"github.com/hangup-org/hangup/http/internal/testenv"
)

// withWebhooks gives the test server notifications whose outbound client
// reaches only the given loopback port (0: the production rules).
func withWebhooks(port int) func(*hhttp.Deps, *testenv.Env) {
	return func(d *hhttp.Deps, e *testenv.Env) { d.Webhooks = testenv.Webhooks(e.DB, e.Registry, port) }
}

// TestNotificationPageTestButtonReachesASignedReceiver: IMEX adds a webhook
// on the notifications page, sees its secret once, presses "Send a test",
// and a receiver on loopback verifies the signature; the delivery log
// shows it. HMRC can't open IMEX's page.
func TestNotificationPageTestButtonReachesASignedReceiver(t *testing.T) {
	rcv := webhooktest.Start(t)
	port := rcv.Port
	s, e := servertest.New(t, hhttp.DefaultConfig(), withWebhooks(port))
	imex, hmrc := testenv.NewBrowser(t, s), testenv.NewBrowser(t, s)
	testenv.SignIn(t, e.Accounts, imex, "it@imex.example", hangup.RoleOrgAdmin, "imex")
	testenv.SignIn(t, e.Accounts, hmrc, "fraud@hmrc.example", hangup.RoleOrgAdmin, "hmrc")

	_, page, _ := imex.Get("/organisations/imex/notifications")
	st, page, _ := imex.Post("/organisations/imex/notifications", testenv.Merge(testenv.Hidden(page), map[string]string{"kind": "webhook", "target": rcv.URL + "/hook", "threshold": "5"}))
	m := regexp.MustCompile(`<code class="secret">(whsec_[0-9a-f]+)</code>`).FindStringSubmatch(page)
	if st != http.StatusOK || m == nil {
		t.Fatalf("adding the webhook: %d, secret shown: %v", st, m)
	}
	rcv.SetSecret(m[1])
	if _, again, _ := imex.Get("/organisations/imex/notifications"); strings.Contains(again, m[1]) {
		t.Error("the secret is shown again")
	}
	action := regexp.MustCompile(`action="(/organisations/imex/notifications/\d+/test)"`).FindStringSubmatch(page)
	if action == nil {
		t.Fatal("no test button")
	}
	st, page, _ = imex.Post(action[1], testenv.Hidden(page))
	if st != http.StatusOK || !strings.Contains(page, `id="test-result" data-status="delivered"`) {
		t.Errorf("the test: %d, the page does not say delivered", st)
	}
	if verified, rejected := rcv.Counts(); verified != 1 || rejected != 0 {
		t.Errorf("receiver verified %d, rejected %d; want 1, 0", verified, rejected)
	}
	if !strings.Contains(page, `<tr data-status="delivered">`) {
		t.Error("the delivery log does not show the delivered test")
	}

	if st, _, _ := hmrc.Get("/organisations/imex/notifications"); st != http.StatusNotFound {
		t.Errorf("HMRC opened IMEX's notifications: %d", st)
	}
	_, hp, _ := hmrc.Get("/organisations/hmrc/notifications")
	if st, _, _ := hmrc.Post(action[1], testenv.Hidden(hp)); st != http.StatusNotFound {
		t.Errorf("HMRC pressed IMEX's test button: %d", st)
	}
	hmrcAction := strings.Replace(action[1], "/imex/", "/hmrc/", 1)
	if st, _, _ := hmrc.Post(hmrcAction, testenv.Hidden(hp)); st != http.StatusNotFound {
		t.Errorf("HMRC tested IMEX's webhook through its own page: %d", st)
	}
}

func TestNotificationPageRefusesAPrivateAddress(t *testing.T) {
	s, e := servertest.New(t, hhttp.DefaultConfig(), withWebhooks(0))
	imex := testenv.NewBrowser(t, s)
	testenv.SignIn(t, e.Accounts, imex, "it@imex.example", hangup.RoleOrgAdmin, "imex")
	_, page, _ := imex.Get("/organisations/imex/notifications")
	for _, target := range []string{"https://10.0.0.1/hook", "https://127.0.0.1/hook", "https://169.254.169.254/", "https://localhost/hook"} {
		st, body, _ := imex.Post("/organisations/imex/notifications", testenv.Merge(testenv.Hidden(page), map[string]string{"kind": "webhook", "target": target}))
		if st != http.StatusBadRequest || !strings.Contains(body, "can&#39;t send to that address") || !strings.Contains(body, target) {
			t.Errorf("%s: %d, the form does not say why", target, st)
		}
	}
	if ws, _ := e.DB.ListWebhooks(t.Context(), "imex"); len(ws) != 0 {
		t.Errorf("refused addresses stored %d webhooks", len(ws))
	}
}
