// Package report takes incident reports: it validates what a person tells
// us, links it to other reports through the numbers, websites, tools and
// organisations it names, turns it into reputation evidence that one source
// cannot inflate, and answers with a reference, a private tracking token and
// guidance that fits what happened.
package report

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/clientip"
	"github.com/hangup-org/hangup/guidance"
	"github.com/hangup-org/hangup/ratelimit"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/rmm"
)

// Deps are the engines and stores the service uses. Analyzer and Sites are
// optional: without them stories are stored but not analysed, and websites
// are linked by their host only.
type Deps struct {
	Store hangup.ReportStore
	// Evidence stores evidence given outside a report ("this is a genuine
	// number I know"); nil: Genuine is not available.
	Evidence   hangup.ReputationStore
	Numbers    hangup.NumberService
	Orgs       hangup.OrganisationMatcher
	Reputation *reputation.Service
	Secrets    hangup.SecretStore
	Analyzer   hangup.Analyzer
	Sites      hangup.SiteChecker
	Tools      *rmm.Catalogue // remote-access tools, for linking by tool; nil loads the shipped catalogue
	Region     string         // the country of the people reporting, for guidance; default GB
	// AnonymousPerHour caps anonymous reports per client address (IPv6:
	// per /64); default 10.
	AnonymousPerHour float64
	Logger           *slog.Logger // what failed but was not the caller's problem; nil: slog.Default()
}

// Service takes reports.
type Service struct {
	deps   Deps
	secret []byte
	now    func() time.Time
	cfg    reputation.Config

	anonymous *ratelimit.Keyed // anonymous reports per client address
	tools     *rmm.Catalogue
	log       *slog.Logger
}

// Reporter says who is reporting. A signed-in user is identified by their
// account. Anyone else is anonymous, and their evidence is counted per
// network (clientip.Network: an IPv4 /24, an IPv6 /48) under a keyed hash,
// so that the network is never stored: every anonymous report from one
// network about one number is one unit of evidence per period, however
// many browsers, cookies or addresses it comes from. The browser cookie
// only tells apart two people of one network for idempotency.
type Reporter struct {
	User    *hangup.User
	Address string // client IP address
	Browser string // the browser cookie's value, "" for API clients
	Source  string // "web", "api", "cli"
}

// Receipt is the answer to a submitted report. Token is the private
// tracking token: it is shown once and stored only as a hash.
type Receipt struct {
	Report   *hangup.Report
	Token    string
	Guidance hangup.Guidance
	Replayed bool // the same form or idempotency key was submitted before
}

// New returns the service. It loads (or creates) the server secret used for
// anonymous reporter keys and replay-safe tokens.
func New(ctx context.Context, deps Deps) (*Service, error) {
	if deps.Region == "" {
		deps.Region = "GB"
	}
	if deps.AnonymousPerHour <= 0 {
		deps.AnonymousPerHour = 10
	}
	secret, err := deps.Secrets.Secret(ctx, "report-key", func() ([]byte, error) {
		b := make([]byte, 32)
		_, err := rand.Read(b)
		return b, err
	})
	if err != nil {
		return nil, fmt.Errorf("report: secret: %w", err)
	}
	cfg := reputation.DefaultConfig()
	if deps.Reputation != nil {
		cfg = deps.Reputation.Config()
	}
	tools := deps.Tools
	if tools == nil {
		if tools, err = rmm.Default(); err != nil {
			return nil, fmt.Errorf("report: tool catalogue: %w", err)
		}
	}
	log := deps.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Service{deps: deps, secret: secret, now: time.Now, cfg: cfg, tools: tools, log: log,
		anonymous: ratelimit.New(deps.AnonymousPerHour/3600, int(max(1, deps.AnonymousPerHour/2)), 100_000)}, nil
}

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

func (s *Service) mac(parts ...string) []byte {
	m := hmac.New(sha256.New, s.secret)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return m.Sum(nil)
}

// identity returns the reporter's keys and evidence weight: key names the
// person (an account, or a network address and browser) and scopes
// idempotency keys; evidenceKey is what reputation counts once per number
// per period: the account, or for anyone else their network.
func (s *Service) identity(who Reporter) (key, evidenceKey string, weight float64) {
	if who.User != nil && who.User.ID != 0 {
		key = fmt.Sprintf("user:%d", who.User.ID)
		return key, key, s.cfg.AccountWeight
	}
	return "anon:" + hex.EncodeToString(s.mac("reporter", who.Address, who.Browser)[:16]),
		hangup.AnonymousReporterPrefix + hex.EncodeToString(s.mac("network", clientip.NetworkOf(who.Address))[:16]),
		s.cfg.AnonymousWeight
}

// allow applies the anonymous rate limit, per client address whatever the
// browser says; accounts are not limited here.
func (s *Service) allow(who Reporter) bool {
	if who.User != nil && who.User.ID != 0 {
		return true
	}
	return s.anonymous.Allow(clientip.HostOf(who.Address), s.now())
}

// Validate checks a report without storing it, for forms that want to show
// problems before the last step.
func (s *Service) Validate(in hangup.ReportInput) error {
	_, err := s.validate(in, s.now())
	return err
}

// validate checks every field (see validate in input.go) and that each
// phone number field holds something that reads as a phone number: text
// such as "../../etc/passwd" is refused naming its field, never stored.
func (s *Service) validate(in hangup.ReportInput, now time.Time) (*cleaned, error) {
	c, err := validate(in, now)
	var p hangup.Problems
	switch hangup.ErrorCode(err) {
	case "":
	case hangup.ETOOLARGE:
		p.TooLarge = true
		p.Fields = hangup.ErrorFields(err)
	case hangup.EINVALID:
		p.Fields = hangup.ErrorFields(err)
	default:
		return nil, err
	}
	numbers := [][2]string{{"number_shown", in.NumberShown}, {"callback_number", in.CallbackNumber}}
	if in.Contact != nil {
		numbers = append(numbers, [2]string{"contact.phone", in.Contact.Phone})
	}
	for _, f := range numbers {
		field, v := f[0], strings.TrimSpace(f[1])
		if v == "" || slices.ContainsFunc(p.Fields, func(fe hangup.FieldError) bool { return fe.Field == field }) {
			continue
		}
		if n := s.deps.Numbers.ParseNumber(v); n.Unreadable() {
			p.Add(field, n.UnreadableReason())
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// Submit validates, enriches and stores a report. idempotencyKey, when set,
// makes a replay (a form submitted twice, an API retry) return the first
// report's receipt instead of a duplicate.
func (s *Service) Submit(ctx context.Context, in hangup.ReportInput, who Reporter, idempotencyKey string) (*Receipt, error) {
	now := s.now().UTC()
	key, evidenceKey, weight := s.identity(who)
	scopedKey := ""
	if idempotencyKey != "" {
		if len(idempotencyKey) > 200 {
			return nil, hangup.Invalid("The idempotency key is too long.", hangup.FieldError{Field: "Idempotency-Key", Message: "at most 200 characters"})
		}
		// Scoped to the reporter: another client using the same key gets
		// its own report, never someone else's receipt.
		scopedKey = key + ":" + idempotencyKey
		if r, err := s.deps.Store.FindReportByIdempotencyKey(ctx, scopedKey); err == nil {
			return s.receipt(r, s.trackingToken(r.Reference, scopedKey), true), nil
		} else if hangup.ErrorCode(err) != hangup.ENOTFOUND {
			return nil, err
		}
	}
	c, err := s.validate(in, now)
	if err != nil {
		return nil, err
	}
	if !s.allow(who) {
		return nil, hangup.Errorf(hangup.ERATELIMIT, "You have sent several reports in a short time. Please wait a while before sending another.")
	}
	r := s.build(ctx, c, now)
	r.Source, r.ReporterKey, r.ReporterWeight, r.IdempotencyKey = who.Source, key, weight, scopedKey
	if r.Source == "" {
		r.Source = "web"
	}
	var token string
	var contact *hangup.Contact
	if c.in.Contact != nil {
		ct := *c.in.Contact
		ct.Name, ct.Email, ct.Phone = strings.TrimSpace(ct.Name), strings.TrimSpace(ct.Email), strings.TrimSpace(ct.Phone)
		contact = &ct
		r.HasContact = true
	}
	for attempt := 0; ; attempt++ {
		r.Reference = NewReference()
		token = s.trackingToken(r.Reference, scopedKey)
		ev := s.evidence(r, evidenceKey, now)
		err = s.deps.Store.CreateReport(ctx, r, contact, HashToken(token), ev)
		if err == nil {
			break
		}
		if hangup.ErrorCode(err) != hangup.ECONFLICT || attempt >= 4 {
			return nil, err
		}
		if scopedKey != "" { // lost a race with the same submission
			if first, ferr := s.deps.Store.FindReportByIdempotencyKey(ctx, scopedKey); ferr == nil {
				return s.receipt(first, s.trackingToken(first.Reference, scopedKey), true), nil
			}
		}
		// Otherwise a reference collision: draw another.
	}
	if s.deps.Reputation != nil {
		if err := s.deps.Reputation.Refresh(ctx); err != nil {
			// The report is safe; the index catches up on the next refresh.
			s.log.Warn("report: reputation refresh after a report", "err", err)
		}
	}
	return s.receipt(r, token, false), nil
}

// trackingToken returns the tracking token of a new report: its reference
// and a short secret (see NewTrackingToken). An idempotent submission's
// secret is derived from its key, so a replay shows the same private link
// without the token being stored.
func (s *Service) trackingToken(reference, scopedKey string) string {
	if scopedKey == "" {
		return NewTrackingToken(reference)
	}
	return TrackingToken(reference, s.mac("token", scopedKey))
}

func (s *Service) receipt(r *hangup.Report, token string, replayed bool) *Receipt {
	return &Receipt{Report: r, Token: token, Guidance: s.Guidance(r), Replayed: replayed}
}

// Guidance is what to do after what the report says happened, naming the
// real fraud line of the organisation the caller pretended to be.
func (s *Service) Guidance(r *hangup.Report) hangup.Guidance {
	var org *hangup.Organisation
	if s.deps.Orgs != nil && r.OrganisationID != "" {
		org, _ = s.deps.Orgs.OrganisationByID(r.OrganisationID)
	}
	return guidance.For(r, org)
}

// evidence turns a report into reputation evidence about the numbers and
// the website it names: the number shown, any callback number the caller
// gave and the website they were sent to (counted against its
// EvidenceKey), under the reporter's evidence key.
func (s *Service) evidence(r *hangup.Report, reporter string, now time.Time) []hangup.Evidence {
	var out []hangup.Evidence
	category := string(r.ScamType)
	for _, n := range []string{r.NumberShownE164, r.CallbackE164} {
		if n == "" || len(out) > 0 && out[0].Number == n {
			continue
		}
		out = append(out, hangup.Evidence{Number: n, ReporterKey: reporter, Weight: r.ReporterWeight,
			Category: category, At: now, ReportRef: r.Reference, Source: r.Source})
	}
	if r.SiteKey != "" {
		out = append(out, hangup.Evidence{Domain: r.SiteKey, ReporterKey: reporter, Weight: r.ReporterWeight,
			Category: category, At: now, ReportRef: r.Reference, Source: r.Source})
	}
	return out
}

// ByToken returns the report a tracking token opens. A malformed or unknown
// token gives ENOTFOUND, never a hint about other reports.
func (s *Service) ByToken(ctx context.Context, token string) (*hangup.Report, error) {
	return s.deps.Store.FindReportByToken(ctx, HashToken(token))
}

// AddInfo appends what the reporter adds later.
func (s *Service) AddInfo(ctx context.Context, token, text string) error {
	r, err := s.ByToken(ctx, token)
	if err != nil {
		return err
	}
	text = strings.TrimSpace(text)
	var p hangup.Problems
	p.Text("text", text, MaxStory)
	switch {
	case text == "":
		return hangup.Invalid("There is a problem.", hangup.FieldError{Field: "text", Message: "Type what you want to add to your report, then press the button."})
	case p.Err() != nil:
		return p.Err()
	case len([]rune(r.Story))+len([]rune(text)) > 4*MaxStory:
		return &hangup.Error{Code: hangup.ETOOLARGE, Message: "There is a problem.",
			Fields: []hangup.FieldError{{Field: "text", Message: "This report already holds as much text as it can. Make a new report for the rest."}}}
	}
	return s.deps.Store.AddReportInfo(ctx, r.Reference, text)
}

// Delete deletes the report the token opens, with its personal data.
func (s *Service) Delete(ctx context.Context, token string) error {
	r, err := s.ByToken(ctx, token)
	if err != nil {
		return err
	}
	if err := s.deps.Store.DeleteReport(ctx, r.Reference, "reporter"); err != nil {
		return err
	}
	if s.deps.Reputation != nil {
		if err := s.deps.Reputation.Refresh(ctx); err != nil {
			s.log.Warn("report: reputation refresh after a deletion", "err", err)
		}
	}
	return nil
}

// Genuine records that the reporter knows number (E.164) as a genuine
// number: genuine evidence under the same rules as scam evidence (one
// unit per reporter, an account or an anonymous network, per number per
// EvidencePeriod, in the same slot as their reports; anonymous ones rate
// limited). Anonymous genuine evidence never lifts a listing: it can only
// mark the number disputed for an analyst (docs/reputation.md). It
// reports whether the evidence counted (false: this reporter already
// spoke about the number in the period).
func (s *Service) Genuine(ctx context.Context, number string, who Reporter) (bool, error) {
	if s.deps.Evidence == nil {
		return false, hangup.Errorf(hangup.EUNAVAILABLE, "Saying a number is genuine is not enabled on this server.")
	}
	n := s.deps.Numbers.ParseNumber(number)
	if n.E164 == "" {
		return false, hangup.Invalid("Please check the phone number.", hangup.FieldError{Field: "number", Message: "Enter a phone number we can read, for example 01632 960123."})
	}
	if !s.allow(who) {
		return false, hangup.Errorf(hangup.ERATELIMIT, "You have sent several reports in a short time. Please wait a while before sending another.")
	}
	_, evidenceKey, weight := s.identity(who)
	source := who.Source
	if source == "" {
		source = "web"
	}
	added, err := s.deps.Evidence.AddEvidence(ctx, hangup.Evidence{Number: n.E164, ReporterKey: evidenceKey, Weight: weight,
		Legit: true, At: s.now().UTC(), Source: source})
	if err != nil || !added {
		return added, err
	}
	if s.deps.Reputation != nil {
		if err := s.deps.Reputation.Refresh(ctx); err != nil {
			s.log.Warn("report: reputation refresh after genuine evidence", "err", err)
		}
	}
	return true, nil
}
