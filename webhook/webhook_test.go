package webhook_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/mail"
	"github.com/hangup-org/hangup/mail/mailtest"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/report/reporttest"
	"github.com/hangup-org/hangup/safefetch"
	"github.com/hangup-org/hangup/sqlite"
	"github.com/hangup-org/hangup/webhook"
	"github.com/hangup-org/hangup/webhook/webhooktest"
)

var (
	imexMember = &hangup.User{ID: 1, Email: "it@imex.example", Role: hangup.RoleOrgAdmin, OrganisationID: "imex"}
	hmrcMember = &hangup.User{ID: 2, Email: "fraud@hmrc.example", Role: hangup.RoleOrgAdmin, OrganisationID: "hmrc"}
)

type fixture struct {
	db      *sqlite.DB
	reports *report.Service
	reg     *registry.Service
	now     time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st := reporttest.New(t, false)
	return &fixture{db: st.DB, reports: st.Reports, reg: st.Registry, now: time.Now().UTC()}
}

func (f *fixture) service(fetch *safefetch.Client, m hangup.Mailer, resolver *fakeResolver) *webhook.Service {
	deps := webhook.Deps{Store: f.db, Reports: f.db, Fetch: fetch, Mailer: m,
		Organisation: func(id string) (*hangup.Organisation, bool) { return f.reg.Snapshot().Organisation(id) },
		PublicURL:    func() string { return "https://hangup.example.org" }}
	if resolver != nil {
		deps.Resolver = resolver
	}
	s := webhook.New(webhook.Config{Backoff: []time.Duration{time.Minute, 5 * time.Minute}}, deps)
	s.SetClock(func() time.Time { return f.now })
	return s
}

func (f *fixture) report(t *testing.T, shown, callback, claimed string) {
	t.Helper()
	u := &hangup.User{ID: time.Now().UnixNano(), Email: "r" + strconv.FormatInt(time.Now().UnixNano(), 10) + "@example.org", Role: hangup.RoleAnalyst}
	if _, err := f.reports.Submit(context.Background(), hangup.ReportInput{NumberShown: shown, CallbackNumber: callback, ClaimedOrganisation: claimed,
		Started: hangup.StartedTheyCalled}, report.Reporter{User: u, Source: "api"}, ""); err != nil {
		t.Fatal(err)
	}
}

// TestWebhookDeliveryToALoopbackReceiverVerifiesItsSignature: IMEX
// registers a webhook with a threshold of 2; three reports name IMEX (one
// from a number that is IMEX's own); the scan finds the threshold and the
// two new numbers, and every delivery reaches the receiver with a
// signature it verifies. A second scan sends nothing again.
func TestWebhookDeliveryToALoopbackReceiverVerifiesItsSignature(t *testing.T) {
	f := newFixture(t)
	rc := webhooktest.Start(t)
	s := f.service(rc.Client(), nil, nil)
	ctx := context.Background()
	w, err := s.Register(ctx, imexMember, "imex", webhook.Registration{Kind: hangup.WebhookURL, Target: rc.URL + "/hangup", Threshold: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(w.Secret, "whsec_") || len(w.Secret) < 40 {
		t.Fatalf("secret %q", w.Secret)
	}
	rc.SetSecret(w.Secret)
	f.now = f.now.Add(time.Second)
	f.report(t, "0906 123 4567", "", "IMEX")
	f.report(t, "0906 123 4567", "020 7946 0000", "IMEX IT")
	f.report(t, "01793 781800", "", "IMEX")  // IMEX's own number: spoofed, not a new number
	f.report(t, "0906 765 4321", "", "HMRC") // not IMEX's business
	f.now = time.Now().UTC()
	n, err := s.Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("scan stored %d notices, want 3 (threshold, 0906 123 4567, 020 7946 0000)", n)
	}
	if n, _ := s.Scan(ctx); n != 0 {
		t.Errorf("a second scan stored %d notices, want none", n)
	}
	if sent, err := s.DeliverDue(ctx); err != nil || sent != 3 {
		t.Fatalf("DeliverDue = %d, %v", sent, err)
	}
	verified, rejected := rc.Verified(), rc.Rejected()
	if len(rejected) > 0 || len(verified) != 3 {
		t.Fatalf("receiver verified %d, rejected %v", len(verified), rejected)
	}
	got := map[string]bool{}
	for _, n := range verified {
		got[n.ID] = true
		if n.Organisation.ID != "imex" || n.Organisation.Name != "IMEX" || !strings.HasSuffix(n.Organisation.Dashboard, "/organisations/imex/dashboard") {
			t.Errorf("notice about %+v", n.Organisation)
		}
		if n.Event == hangup.EventThreshold && n.Data["reports"] != float64(3) {
			t.Errorf("threshold notice counts %v reports, want 3", n.Data["reports"])
		}
	}
	for _, key := range []string{"threshold:" + f.now.Format(time.DateOnly), "number:+449061234567", "number:+442079460000"} {
		if !got[key] {
			t.Errorf("no verified notice %s (got %v)", key, got)
		}
	}
	log, _ := f.db.ListDeliveries(ctx, w.ID, 10)
	for _, d := range log {
		if d.Status != hangup.DeliveryDelivered || d.ResponseStatus != http.StatusNoContent || d.Attempts != 1 {
			t.Errorf("delivery log: %s %s after %d attempts (HTTP %d)", d.Event, d.Status, d.Attempts, d.ResponseStatus)
		}
	}
}

func TestWebhookRetriesWithBackoffThenFails(t *testing.T) {
	f := newFixture(t)
	rc := webhooktest.Start(t)
	rc.FailNext(1)
	s := f.service(rc.Client(), nil, nil)
	ctx := context.Background()
	w, err := s.Register(ctx, imexMember, "imex", webhook.Registration{Kind: hangup.WebhookURL, Target: rc.URL})
	if err != nil {
		t.Fatal(err)
	}
	rc.SetSecret(w.Secret)
	d, err := s.Test(ctx, imexMember, "imex", w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != hangup.DeliveryPending || d.ResponseStatus != 503 || !d.NextAttemptAt.Equal(f.now.Add(time.Minute)) {
		t.Fatalf("after a 503: %s, HTTP %d, next at %v (want pending, a minute later)", d.Status, d.ResponseStatus, d.NextAttemptAt)
	}
	if n, _ := s.DeliverDue(ctx); n != 0 {
		t.Errorf("a retry went before its backoff")
	}
	f.now = f.now.Add(time.Minute)
	if n, _ := s.DeliverDue(ctx); n != 1 {
		t.Fatalf("the retry was not attempted when due")
	}
	log, _ := f.db.ListDeliveries(ctx, w.ID, 10)
	if log[0].Status != hangup.DeliveryDelivered || log[0].Attempts != 2 {
		t.Errorf("after the retry: %s after %d attempts", log[0].Status, log[0].Attempts)
	}

	// A receiver that never comes back: failed after the last backoff.
	rc.FailNext(100)
	d, _ = s.Test(ctx, imexMember, "imex", w.ID)
	for range 2 {
		f.now = f.now.Add(10 * time.Minute)
		s.DeliverDue(ctx)
	}
	log, _ = f.db.ListDeliveries(ctx, w.ID, 10)
	if log[0].ID != d.ID || log[0].Status != hangup.DeliveryFailed || log[0].Attempts != 3 || !strings.Contains(log[0].LastError, "503") {
		t.Errorf("a receiver always down: %s after %d attempts (%s), want failed after 3", log[0].Status, log[0].Attempts, log[0].LastError)
	}
}

type fakeResolver map[string][]netip.Addr

func (r fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := r[host]; ok {
		return a, nil
	}
	return nil, errors.New("no such host")
}

// TestWebhookRefusesPrivateAddresses: with the production rules, a webhook
// pointing at a private, loopback or metadata address, literally or
// through DNS, is refused with a clear message and nothing is stored.
func TestWebhookRefusesPrivateAddresses(t *testing.T) {
	f := newFixture(t)
	res := fakeResolver{
		"hooks.imex.example":    {netip.MustParseAddr("93.184.216.34")},
		"internal.imex.example": {netip.MustParseAddr("10.1.2.3")},
		"rebind.imex.example":   {netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("127.0.0.1")},
	}
	s := f.service(nil, nil, &res)
	ctx := context.Background()
	for _, target := range []string{"http://hooks.imex.example/hangup", "https://127.0.0.1/hook", "https://[::1]/hook", "https://10.0.0.5/hook",
		"https://169.254.169.254/latest/meta-data", "https://192.168.1.1/", "https://internal.imex.example/hook", "https://rebind.imex.example/hook",
		"https://hooks.imex.example:8443/hook", "https://hooks.imex.example:80/hook", "https://user:pw@hooks.imex.example/hook", "https://nowhere.imex.example/", "ftp://hooks.imex.example/", "not a url"} {
		_, err := s.Register(ctx, imexMember, "imex", webhook.Registration{Kind: hangup.WebhookURL, Target: target})
		if hangup.ErrorCode(err) != hangup.EINVALID || len(hangup.ErrorFields(err)) == 0 {
			t.Errorf("%s: %v, want EINVALID naming the address", target, err)
		}
	}
	if ws, _ := f.db.ListWebhooks(ctx, "imex"); len(ws) != 0 {
		t.Fatalf("refused webhooks were stored: %v", ws)
	}
	if _, err := s.Register(ctx, imexMember, "imex", webhook.Registration{Kind: hangup.WebhookURL, Target: "https://hooks.imex.example/hangup"}); err != nil {
		t.Errorf("a public HTTPS address was refused: %v", err)
	}
}

func TestWebhookBelongsToItsOrganisation(t *testing.T) {
	f := newFixture(t)
	res := fakeResolver{"hooks.imex.example": {netip.MustParseAddr("93.184.216.34")}}
	s := f.service(nil, nil, &res)
	ctx := context.Background()
	if _, err := s.Register(ctx, hmrcMember, "imex", webhook.Registration{Kind: hangup.WebhookURL, Target: "https://hooks.imex.example/"}); hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		t.Errorf("HMRC registered IMEX's webhook: %v", err)
	}
	if _, err := s.Register(ctx, &hangup.User{Email: "a@hangup.example", Role: hangup.RoleAnalyst}, "imex", webhook.Registration{Kind: hangup.WebhookURL, Target: "https://hooks.imex.example/"}); hangup.ErrorCode(err) != hangup.EFORBIDDEN {
		t.Errorf("an analyst registered IMEX's webhook: %v", err)
	}
	w, err := s.Register(ctx, imexMember, "imex", webhook.Registration{Kind: hangup.WebhookURL, Target: "https://hooks.imex.example/"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Test(ctx, hmrcMember, "hmrc", w.ID); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("HMRC tested IMEX's webhook: %v", err)
	}
	if err := s.Delete(ctx, hmrcMember, "hmrc", w.ID); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("HMRC deleted IMEX's webhook: %v", err)
	}
	if _, _, err := s.List(ctx, hmrcMember, "imex"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("HMRC listed IMEX's webhooks: %v", err)
	}
	if ws, _, err := s.List(ctx, imexMember, "imex"); err != nil || len(ws) != 1 {
		t.Errorf("IMEX's own list = %v, %v", ws, err)
	}
	if err := s.Delete(ctx, imexMember, "imex", w.ID); err != nil {
		t.Errorf("IMEX could not delete its webhook: %v", err)
	}
}

func TestEmailNotificationGoesThroughTheMailServer(t *testing.T) {
	f := newFixture(t)
	sink := mailtest.Start(t, mailtest.WithSTARTTLS())
	m, err := mail.New(mail.Config{Host: sink.Host(), Port: sink.Port(), From: "Hangup <noreply@hangup.example>",
		TLS: &tls.Config{RootCAs: sink.RootCAs(), ServerName: "127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	s := f.service(nil, m, nil)
	ctx := context.Background()
	if _, err := s.Register(ctx, imexMember, "imex", webhook.Registration{Kind: hangup.WebhookEmail, Target: "not an address"}); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("a bad address: %v", err)
	}
	w, err := s.Register(ctx, imexMember, "imex", webhook.Registration{Kind: hangup.WebhookEmail, Target: "fraud@imex.example", Threshold: 1})
	if err != nil {
		t.Fatal(err)
	}
	f.now = f.now.Add(time.Second)
	f.report(t, "0906 123 4567", "", "IMEX")
	f.now = time.Now().UTC()
	if _, err := s.Scan(ctx); err != nil {
		t.Fatal(err)
	}
	s.DeliverDue(ctx)
	msgs := sink.Wait(2, 5*time.Second)
	if len(msgs) != 2 {
		t.Fatalf("%d emails, want 2 (the threshold and the new number)", len(msgs))
	}
	var subjects []string
	for _, m := range msgs {
		subjects = append(subjects, m.Header.Get("Subject"))
		if m.To[0] != "fraud@imex.example" || !strings.Contains(m.Body, "https://hangup.example.org/organisations/imex/dashboard") {
			t.Errorf("email to %v:\n%s", m.To, m.Body)
		}
	}
	if !strings.Contains(strings.Join(subjects, "|"), "a new number is used in IMEX") {
		t.Errorf("subjects %v", subjects)
	}
	log, _ := f.db.ListDeliveries(ctx, w.ID, 10)
	for _, d := range log {
		if d.Status != hangup.DeliveryDelivered {
			t.Errorf("email delivery %s: %s (%s)", d.Event, d.Status, d.LastError)
		}
	}
}

func TestVerifyRefusesTamperingAndReplays(t *testing.T) {
	body := []byte(`{"event":"test"}`)
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	h := webhook.Sign("whsec_a", at, body)
	if err := webhook.Verify("whsec_a", h, body, at.Add(time.Minute), 5*time.Minute); err != nil {
		t.Errorf("a good signature: %v", err)
	}
	for name, tc := range map[string]struct {
		secret, header string
		body           []byte
		now            time.Time
		want           error
	}{
		"another secret":   {"whsec_b", h, body, at, webhook.ErrBadSignature},
		"a changed body":   {"whsec_a", h, []byte(`{"event":"tset"}`), at, webhook.ErrBadSignature},
		"a later replay":   {"whsec_a", h, body, at.Add(time.Hour), webhook.ErrStale},
		"no header":        {"whsec_a", "", body, at, webhook.ErrBadSignature},
		"a garbled header": {"whsec_a", "t=abc,v1=00", body, at, webhook.ErrBadSignature},
		"a moved timestamp": {"whsec_a", strings.Replace(h, "t="+strconv.FormatInt(at.Unix(), 10), "t="+strconv.FormatInt(at.Unix()+1, 10), 1),
			body, at, webhook.ErrBadSignature},
	} {
		if err := webhook.Verify(tc.secret, tc.header, tc.body, tc.now, 5*time.Minute); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
}
