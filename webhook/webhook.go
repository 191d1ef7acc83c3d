// Package webhook tells organisations about the impersonation aimed at
// them: when the reports naming an organisation within a day reach the
// threshold it chose, and when a number that is not its own appears in a
// report naming it. Notices go to a webhook URL, signed with HMAC-SHA256
// over a timestamp and the body, or by email through the configured mail
// server.
//
// Every notice is first stored as a delivery, one per webhook and event
// (so nodes that find the same event send it once), then attempted, and
// retried with backoff until the receiver takes it or the attempts run
// out. The stored deliveries are the delivery log the organisation sees.
//
// Webhook URLs are someone else's choice of address, so they are fetched
// under package safefetch's rules, as the x5u fetcher's: no private,
// loopback or link-local address, checked when the webhook is registered
// and again at every connection. The rules are those of the safefetch
// client the service is given; only tests give one that reaches loopback.
package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/safefetch"
)

// Headers of a webhook delivery.
const (
	HeaderSignature = "Hangup-Signature" // t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
	HeaderEvent     = "Hangup-Event"     // the event, e.g. reports.threshold
	HeaderDelivery  = "Hangup-Delivery"  // the delivery's id, the same on every retry
)

// Limits and defaults.
const (
	DefaultThreshold = 10
	MaxThreshold     = 100000
	MaxPerOrg        = 10 // webhooks and email addresses per organisation
	Window           = 24 * time.Hour
	maxTarget        = 2048
	maxScanReports   = 10000
)

// DefaultBackoff is the wait before each retry: a notice is attempted
// len+1 times over about seven hours, then marked failed.
var DefaultBackoff = []time.Duration{30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour, 6 * time.Hour}

// Config tunes the service.
type Config struct {
	Every   time.Duration   // how often Run scans for events and sends due notices; default 1 minute
	Backoff []time.Duration // waits before retries; default DefaultBackoff
	Lease   time.Duration   // how long a claimed delivery is left to the node attempting it; default 2 minutes
}

// Deps are what the service needs.
type Deps struct {
	Store   hangup.WebhookStore
	Reports hangup.ReportStore
	// Organisation returns a registry organisation by ID.
	Organisation func(id string) (*hangup.Organisation, bool)
	// Fetch sends webhook deliveries. Its rules decide which addresses are
	// reachable; production uses safefetch's defaults (public addresses
	// only). Its allowed schemes and ports apply to registration too.
	Fetch *safefetch.Client
	// Resolver checks a webhook's host when it is registered; nil uses
	// net.DefaultResolver.
	Resolver interface {
		LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
	}
	Mailer    hangup.Mailer // nil: email notifications can't be registered
	PublicURL func() string // links in notices
	Logger    *slog.Logger
}

// Service registers webhooks, finds events and delivers notices. It is
// safe for concurrent use.
type Service struct {
	cfg  Config
	deps Deps
	log  *slog.Logger
	now  func() time.Time
}

// New returns a service.
func New(cfg Config, deps Deps) *Service {
	if cfg.Every <= 0 {
		cfg.Every = time.Minute
	}
	if len(cfg.Backoff) == 0 {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2 * time.Minute
	}
	if deps.Fetch == nil {
		deps.Fetch = safefetch.New(safefetch.Config{Timeout: 10 * time.Second, MaxBytes: 64 << 10, Schemes: []string{"https"}, Ports: []int{443},
			UserAgent: "Hangup-Webhook"})
	}
	if deps.Resolver == nil {
		deps.Resolver = net.DefaultResolver
	}
	if deps.PublicURL == nil {
		deps.PublicURL = func() string { return "" }
	}
	s := &Service{cfg: cfg, deps: deps, log: deps.Logger, now: time.Now}
	if s.log == nil {
		s.log = slog.Default()
	}
	return s
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// EmailEnabled reports whether email notifications can be registered.
func (s *Service) EmailEnabled() bool { return s.deps.Mailer != nil }

// Sign returns the signature header value of body sent at t with secret.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + mac(secret, ts, body)
}

func mac(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Errors of Verify.
var (
	ErrBadSignature = errors.New("webhook: the signature does not match")
	ErrStale        = errors.New("webhook: the signature's timestamp is too old or in the future")
)

// Verify checks a delivery's signature header against its body, as a
// receiver should: the HMAC in constant time, and the timestamp within
// tolerance of now, so an old delivery can't be replayed.
func Verify(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts, sig string
	for part := range strings.SplitSeq(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" {
		return ErrBadSignature
	}
	if subtle.ConstantTimeCompare([]byte(sig), []byte(mac(secret, ts, body))) != 1 {
		return ErrBadSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return ErrStale
	}
	return nil
}

// Registration is a new webhook or email address as its organisation
// gives it.
type Registration struct {
	Kind      hangup.WebhookKind
	Target    string
	Threshold int // 0: DefaultThreshold
}

// Register stores a new notification for organisation orgID on behalf of
// u, who must speak for it. A webhook's URL must pass the outbound rules
// now (a private or loopback address, or a name that resolves to one, is
// refused with a clear message and nothing stored). It returns the webhook
// with its signing secret, which is shown once.
func (s *Service) Register(ctx context.Context, u *hangup.User, orgID string, reg Registration) (*hangup.Webhook, error) {
	if !hangup.MayActForOrganisation(u, orgID) {
		return nil, hangup.Errorf(hangup.EFORBIDDEN, "Only someone who speaks for this organisation can set up its notifications.")
	}
	if _, ok := s.deps.Organisation(orgID); !ok {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "That organisation is not in Hangup's registry.")
	}
	existing, err := s.deps.Store.ListWebhooks(ctx, orgID)
	if err != nil {
		return nil, err
	}
	if len(existing) >= MaxPerOrg {
		return nil, hangup.Errorf(hangup.ECONFLICT, "An organisation can have at most %d notifications. Delete one first.", MaxPerOrg)
	}
	reg.Target = strings.TrimSpace(reg.Target)
	if reg.Threshold == 0 {
		reg.Threshold = DefaultThreshold
	}
	var p hangup.Problems
	if reg.Threshold < 1 || reg.Threshold > MaxThreshold {
		p.Add("threshold", fmt.Sprintf("Choose how many reports a day should tell you: from 1 to %d.", MaxThreshold))
	}
	p.Text("target", reg.Target, maxTarget)
	w := &hangup.Webhook{OrganisationID: orgID, Kind: reg.Kind, Target: reg.Target, Threshold: reg.Threshold, CreatedBy: u.Email, CreatedAt: s.now().UTC()}
	switch reg.Kind {
	case hangup.WebhookURL:
		if len(p.Fields) == 0 {
			if err := s.checkURL(ctx, reg.Target); err != nil {
				s.log.Warn("webhook refused", "organisation", orgID, "by", u.Email, "url", reg.Target, "err", err)
				p.Add("target", hangup.ErrorMessage(err))
			}
		}
		secret := make([]byte, 32)
		rand.Read(secret)
		w.Secret = "whsec_" + hex.EncodeToString(secret)
	case hangup.WebhookEmail:
		if s.deps.Mailer == nil {
			return nil, hangup.Errorf(hangup.EUNAVAILABLE, "This server sends no email. Use a webhook instead.")
		}
		if a, err := mail.ParseAddress(reg.Target); err != nil || a.Address != reg.Target {
			p.Add("target", "Enter an email address in the right format, like fraud-team@example.com.")
		}
	default:
		p.Add("kind", "Choose a webhook or an email address.")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if err := s.deps.Store.CreateWebhook(ctx, w); err != nil {
		return nil, err
	}
	s.log.Info("notification registered", "organisation", orgID, "by", u.Email, "kind", w.Kind, "webhook", w.ID)
	return w, nil
}

// checkURL applies the outbound rules to a webhook address at
// registration: the client's static rules, then every address its host
// resolves to. Delivery checks again at dial time (DNS can change).
func (s *Service) checkURL(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return hangup.Errorf(hangup.EINVALID, "Enter the full address of your webhook, starting https://.")
	}
	if err := s.deps.Fetch.CheckURL(u); err != nil {
		return hangup.Errorf(hangup.EINVALID, "Hangup can't send to that address: %s. Use a public HTTPS address on port 443.", strings.TrimPrefix(err.Error(), safefetch.ErrRefused.Error()+": "))
	}
	host := u.Hostname()
	if _, err := netip.ParseAddr(host); err == nil {
		return nil // a literal address: CheckURL judged it
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := s.deps.Resolver.LookupNetIP(ctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return hangup.Errorf(hangup.EINVALID, "Hangup can't find %s. Check the address.", host)
	}
	cfg := s.deps.Fetch.Config()
	for _, a := range addrs {
		if !safefetch.AddrAllowed(a, cfg.AllowLoopback) && !prefixesContain(cfg.AllowPrefixes, a) {
			return hangup.Errorf(hangup.EINVALID, "Hangup can't send to that address: %s points to %s, which is not a public address.", host, a)
		}
	}
	return nil
}

func prefixesContain(ps []netip.Prefix, a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// List returns an organisation's notifications with their recent
// deliveries, for someone who may read its data.
func (s *Service) List(ctx context.Context, u *hangup.User, orgID string) ([]*hangup.Webhook, map[int64][]*hangup.WebhookDelivery, error) {
	if !hangup.MayReadOrganisation(u, orgID) {
		return nil, nil, hangup.Errorf(hangup.ENOTFOUND, "There is nothing here for your account.")
	}
	ws, err := s.deps.Store.ListWebhooks(ctx, orgID)
	if err != nil {
		return nil, nil, err
	}
	log := map[int64][]*hangup.WebhookDelivery{}
	for _, w := range ws {
		if log[w.ID], err = s.deps.Store.ListDeliveries(ctx, w.ID, 20); err != nil {
			return nil, nil, err
		}
	}
	return ws, log, nil
}

// owned returns webhook id if u speaks for its organisation; ENOTFOUND
// otherwise, so another organisation can't probe ids.
func (s *Service) owned(ctx context.Context, u *hangup.User, orgID string, id int64) (*hangup.Webhook, error) {
	w, err := s.deps.Store.FindWebhook(ctx, id)
	if err != nil {
		return nil, err
	}
	if w.OrganisationID != orgID || !hangup.MayActForOrganisation(u, w.OrganisationID) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such notification.")
	}
	return w, nil
}

// Delete removes a notification and its log.
func (s *Service) Delete(ctx context.Context, u *hangup.User, orgID string, id int64) error {
	w, err := s.owned(ctx, u, orgID, id)
	if err != nil {
		return err
	}
	if err := s.deps.Store.DeleteWebhook(ctx, w.ID); err != nil {
		return err
	}
	s.log.Info("notification deleted", "organisation", orgID, "by", u.Email, "webhook", id)
	return nil
}

// Test sends a test notice now (the test button) and returns its
// delivery as attempted: delivered, or pending a retry with the error.
func (s *Service) Test(ctx context.Context, u *hangup.User, orgID string, id int64) (*hangup.WebhookDelivery, error) {
	w, err := s.owned(ctx, u, orgID, id)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	d, err := s.enqueue(ctx, w, "test:"+strconv.FormatInt(now.UnixNano(), 10), hangup.EventTest, map[string]any{
		"message": "This is a test from Hangup. Your notifications work."}, now)
	if err != nil || d == nil {
		return nil, err
	}
	s.attempt(ctx, w, d)
	return d, nil
}

// Notice is the JSON body of every delivery.
type Notice struct {
	ID           string         `json:"id"` // the event's key: the same on every retry
	Event        string         `json:"event"`
	Organisation NoticeOrg      `json:"organisation"`
	CreatedAt    time.Time      `json:"created_at"`
	Data         map[string]any `json:"data"`
}

// NoticeOrg names the organisation a notice is about.
type NoticeOrg struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Dashboard string `json:"dashboard,omitempty"`
}

// enqueue stores a delivery of event to w, unless w already has one with
// key; it returns nil then.
func (s *Service) enqueue(ctx context.Context, w *hangup.Webhook, key, event string, data map[string]any, now time.Time) (*hangup.WebhookDelivery, error) {
	n := Notice{ID: key, Event: event, Organisation: NoticeOrg{ID: w.OrganisationID, Name: w.OrganisationID}, CreatedAt: now, Data: data}
	if o, ok := s.deps.Organisation(w.OrganisationID); ok {
		n.Organisation.Name = o.Name
	}
	if base := s.deps.PublicURL(); base != "" {
		n.Organisation.Dashboard = base + "/organisations/" + url.PathEscape(w.OrganisationID) + "/dashboard"
	}
	body, err := json.Marshal(n)
	if err != nil {
		return nil, err
	}
	d := &hangup.WebhookDelivery{WebhookID: w.ID, EventKey: key, Event: event, Payload: body, NextAttemptAt: now, CreatedAt: now}
	created, err := s.deps.Store.EnqueueDelivery(ctx, d)
	if err != nil || !created {
		return nil, err
	}
	return d, nil
}

// Scan finds the events of every registered notification and stores a
// delivery for each one not yet stored. It returns how many it stored.
func (s *Service) Scan(ctx context.Context) (int, error) {
	ws, err := s.deps.Store.ListWebhooks(ctx, "")
	if err != nil {
		return 0, err
	}
	byOrg := map[string][]*hangup.Webhook{}
	for _, w := range ws {
		byOrg[w.OrganisationID] = append(byOrg[w.OrganisationID], w)
	}
	now := s.now().UTC()
	stored := 0
	for orgID, hooks := range byOrg {
		org, ok := s.deps.Organisation(orgID)
		if !ok {
			continue
		}
		n, err := s.scanOrg(ctx, org, hooks, now)
		stored += n
		if err != nil {
			return stored, err
		}
	}
	return stored, nil
}

func (s *Service) scanOrg(ctx context.Context, org *hangup.Organisation, hooks []*hangup.Webhook, now time.Time) (int, error) {
	var reports []*hangup.Report
	f := hangup.ReportFilter{OrganisationID: org.ID, From: now.Add(-Window), Limit: 1000}
	for len(reports) < maxScanReports {
		rs, err := s.deps.Reports.ListReports(ctx, f)
		if err != nil {
			return 0, err
		}
		reports = append(reports, rs...)
		if len(rs) < f.Limit {
			break
		}
		f.AfterID = rs[len(rs)-1].ID
	}
	own := map[string]bool{}
	for _, n := range org.Numbers {
		own[n.E164] = true
	}
	stored := 0
	day := now.Format(time.DateOnly)
	for _, w := range hooks {
		if len(reports) >= w.Threshold {
			d, err := s.enqueue(ctx, w, "threshold:"+day, hangup.EventThreshold, map[string]any{
				"reports": len(reports), "threshold": w.Threshold, "window_hours": int(Window.Hours())}, now)
			if err != nil {
				return stored, err
			}
			if d != nil {
				stored++
			}
		}
		// Oldest first, so each number is announced with its first report.
		for i := len(reports) - 1; i >= 0; i-- {
			r := reports[i]
			if r.CreatedAt.Before(w.CreatedAt) {
				continue // numbers before the notification existed are on the dashboard
			}
			for _, x := range []struct{ number, as string }{{r.NumberShownE164, hangup.LinkNumberShown}, {r.CallbackE164, hangup.LinkCallbackNumber}} {
				if x.number == "" || own[x.number] {
					continue
				}
				d, err := s.enqueue(ctx, w, "number:"+x.number, hangup.EventNewNumber, map[string]any{
					"number": x.number, "as": x.as, "first_report_at": r.CreatedAt.UTC()}, now)
				if err != nil {
					return stored, err
				}
				if d != nil {
					stored++
				}
			}
		}
	}
	return stored, nil
}

// DeliverDue attempts every delivery that is due, and returns how many it
// attempted.
func (s *Service) DeliverDue(ctx context.Context) (int, error) {
	ds, err := s.deps.Store.ClaimDeliveries(ctx, s.now().UTC(), s.cfg.Lease, 50)
	if err != nil {
		return 0, err
	}
	for _, d := range ds {
		w, err := s.deps.Store.FindWebhook(ctx, d.WebhookID)
		if err != nil {
			continue // deleted since: its deliveries went with it
		}
		s.attempt(ctx, w, d)
	}
	return len(ds), nil
}

// attempt sends one delivery and records the outcome: delivered, a retry
// after the next backoff, or failed.
func (s *Service) attempt(ctx context.Context, w *hangup.Webhook, d *hangup.WebhookDelivery) {
	now := s.now().UTC()
	d.Attempts++
	d.LastAttemptAt = &now
	d.ResponseStatus, d.LastError = 0, ""
	retry, err := s.send(ctx, w, d, now)
	switch {
	case err == nil:
		d.Status = hangup.DeliveryDelivered
	case retry && d.Attempts <= len(s.cfg.Backoff):
		d.Status, d.LastError = hangup.DeliveryPending, err.Error()
		d.NextAttemptAt = now.Add(s.cfg.Backoff[d.Attempts-1])
	default:
		d.Status, d.LastError = hangup.DeliveryFailed, err.Error()
	}
	if err != nil {
		s.log.Warn("notification not delivered", "organisation", w.OrganisationID, "webhook", w.ID, "delivery", d.ID,
			"attempt", d.Attempts, "status", d.Status, "err", err)
	}
	if rerr := s.deps.Store.RecordDeliveryAttempt(ctx, d); rerr != nil {
		s.log.Error("recording a delivery attempt", "delivery", d.ID, "err", rerr)
	}
}

// send makes one attempt. retry says whether a failure may succeed later.
func (s *Service) send(ctx context.Context, w *hangup.Webhook, d *hangup.WebhookDelivery, now time.Time) (retry bool, err error) {
	switch w.Kind {
	case hangup.WebhookEmail:
		if s.deps.Mailer == nil {
			return false, errors.New("this server sends no email")
		}
		err := s.deps.Mailer.Send(ctx, hangup.Email{To: w.Target, Subject: subject(d), Text: emailText(d)})
		return hangup.ErrorCode(err) != hangup.EINVALID, err
	case hangup.WebhookURL:
		hdr := http.Header{}
		hdr.Set("Content-Type", "application/json")
		hdr.Set(HeaderSignature, Sign(w.Secret, now, d.Payload))
		hdr.Set(HeaderEvent, d.Event)
		hdr.Set(HeaderDelivery, strconv.FormatInt(d.ID, 10))
		resp, err := s.deps.Fetch.Post(ctx, w.Target, hdr, d.Payload)
		if err != nil {
			// A refused address stays refused; a slow or broken one may recover.
			return !errors.Is(err, safefetch.ErrRefused), err
		}
		d.ResponseStatus = resp.Status
		if resp.Status >= 200 && resp.Status < 300 {
			return false, nil
		}
		retry := resp.Status >= 500 || resp.Status == http.StatusRequestTimeout || resp.Status == http.StatusTooManyRequests
		return retry, fmt.Errorf("the receiver answered HTTP %d", resp.Status)
	}
	return false, fmt.Errorf("unknown notification kind %q", w.Kind)
}

func subject(d *hangup.WebhookDelivery) string {
	var n Notice
	json.Unmarshal(d.Payload, &n)
	switch d.Event {
	case hangup.EventThreshold:
		return fmt.Sprintf("Hangup: %v reports named %s in the last day", n.Data["reports"], n.Organisation.Name)
	case hangup.EventNewNumber:
		return fmt.Sprintf("Hangup: a new number is used in %s's name", n.Organisation.Name)
	}
	return "Hangup: test notification for " + n.Organisation.Name
}

func emailText(d *hangup.WebhookDelivery) string {
	var n Notice
	json.Unmarshal(d.Payload, &n)
	var b strings.Builder
	switch d.Event {
	case hangup.EventThreshold:
		fmt.Fprintf(&b, "%v reports named %s in the last %v hours (your threshold is %v).\n", n.Data["reports"], n.Organisation.Name, n.Data["window_hours"], n.Data["threshold"])
	case hangup.EventNewNumber:
		fmt.Fprintf(&b, "A report naming %s gave a number that is not one of yours: %v (%v).\n", n.Organisation.Name, n.Data["number"], strings.ReplaceAll(fmt.Sprint(n.Data["as"]), "_", " "))
	default:
		fmt.Fprintf(&b, "%v\n", n.Data["message"])
	}
	if n.Organisation.Dashboard != "" {
		fmt.Fprintf(&b, "\nSee your dashboard: %s\n", n.Organisation.Dashboard)
	}
	b.WriteString("\nYou get this email because someone at your organisation asked Hangup to tell this address.\n")
	return b.String()
}

// Run scans and delivers every Every until ctx is done.
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(s.cfg.Every)
	defer t.Stop()
	for {
		if _, err := s.Scan(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("scanning for notifications", "err", err)
		}
		if _, err := s.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("delivering notifications", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
