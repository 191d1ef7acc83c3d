package report_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/guidance"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/sqlite"
)

type fixture struct {
	db  *sqlite.DB
	rep *reputation.Service
	svc *report.Service
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	ctx := context.Background()
	p, err := phone.New(phone.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "report.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	reg, err := registry.NewService(ctx, db, p, true)
	if err != nil {
		tb.Fatal(err)
	}
	rep := reputation.New(reputation.DefaultConfig(), db)
	if err := rep.Load(ctx); err != nil {
		tb.Fatal(err)
	}
	svc, err := report.New(ctx, report.Deps{Store: db, Evidence: db, Numbers: p, Orgs: reg, Reputation: rep, Secrets: db, AnonymousPerHour: 1e6})
	if err != nil {
		tb.Fatal(err)
	}
	return &fixture{db: db, rep: rep, svc: svc}
}

var anon = report.Reporter{Address: "192.0.2.1", Browser: "cookie-1", Source: "web"}

func sample() hangup.ReportInput {
	return hangup.ReportInput{
		NumberShown: "0906 123 4567", CallbackNumber: "020 7946 0000", ClaimedOrganisation: "Microsoft support",
		Started: hangup.StartedTheyCalled, Happened: []hangup.Happened{hangup.HappenedRemoteAccess, hangup.HappenedPaid},
		Software: "any desk", Website: "https://www.anydesk.com/download", Amount: "£250", PaymentMethod: "gift cards",
		OccurredAt: "2026-11-27T14:05", Story: "He said my computer had a virus.",
		Contact: &hangup.Contact{Name: "Ann", Email: "ann@example.org", Consent: true},
	}
}

var refPattern = regexp.MustCompile(`^HU-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`)

func TestSubmit(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	rc, err := f.svc.Submit(ctx, sample(), anon, "")
	if err != nil {
		t.Fatal(err)
	}
	r := rc.Report
	if !refPattern.MatchString(r.Reference) {
		t.Errorf("reference %q does not look like HU-XXXX-XXXX", r.Reference)
	}
	if _, ok := report.NormaliseReference(r.Reference); !ok {
		t.Errorf("reference %q fails its own check character", r.Reference)
	}
	if secret, ok := strings.CutPrefix(rc.Token, r.Reference+"-"); !ok || len(strings.ReplaceAll(secret, "-", "")) != 8 || report.NormaliseToken(rc.Token) != rc.Token {
		t.Errorf("token %q is not the reference and an 8-character secret", rc.Token)
	}
	if r.NumberShownE164 != "+449061234567" || r.CallbackE164 != "+442079460000" || r.OrganisationID != "microsoft" ||
		r.Amount != 250 || r.Currency != "GBP" || r.OccurredAt == nil || !r.HasContact {
		t.Errorf("report %+v", r)
	}
	links := map[string]string{}
	for _, l := range r.Links {
		links[l.Kind] = l.Value
	}
	if links[hangup.LinkTool] != "AnyDesk" || links[hangup.LinkDomain] != "anydesk.com" || links[hangup.LinkOrganisation] != "microsoft" {
		t.Errorf("links %v", links)
	}
	if rc.Guidance.Steps[0].Code != guidance.StepCutInternet || !strings.Contains(rc.Guidance.BankRoute, "159") {
		t.Errorf("guidance %+v", rc.Guidance)
	}
	got, err := f.svc.ByToken(ctx, rc.Token)
	if err != nil || got.Reference != r.Reference {
		t.Fatalf("ByToken: %v %v", got, err)
	}
	if c, _ := f.db.ReportContact(ctx, r.Reference); c == nil || c.Email != "ann@example.org" {
		t.Errorf("contact %+v", c)
	}
	// Evidence reached the reputation index at once.
	if rp := f.rep.Lookup("+449061234567"); rp.Reports != 1 {
		t.Errorf("reputation after one report: %+v", rp)
	}
	if rp := f.rep.Lookup("+442079460000"); rp.Reports != 1 {
		t.Errorf("callback number reputation: %+v", rp)
	}
}

func TestTokens(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	a, _ := f.svc.Submit(ctx, sample(), anon, "")
	b, _ := f.svc.Submit(ctx, sample(), anon, "")
	if a.Token == b.Token || a.Report.Reference == b.Report.Reference {
		t.Fatal("two reports share a token or reference")
	}
	if r, _ := f.svc.ByToken(ctx, b.Token); r.Reference != b.Report.Reference {
		t.Error("b's token opened another report")
	}
	// As people type it from a letter or an email: any case, without
	// dashes, O for 0.
	typed := strings.ToLower(strings.ReplaceAll(b.Token, "-", " "))
	typed = strings.ReplaceAll(typed, "0", "o")
	if r, err := f.svc.ByToken(ctx, typed); err != nil || r.Reference != b.Report.Reference {
		t.Errorf("ByToken(%q) = %v, %v; want report %s", typed, r, err, b.Report.Reference)
	}
	// The reference with another report's secret opens nothing.
	crossed := b.Report.Reference + strings.TrimPrefix(a.Token, a.Report.Reference)
	for _, bad := range []string{"", "x", a.Token + "x", a.Token + "0", crossed, strings.Repeat("A", 43), a.Report.Reference, "../../etc/passwd"} {
		if _, err := f.svc.ByToken(ctx, bad); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("ByToken(%q) err %v, want ENOTFOUND", bad, err)
		}
	}
}

// TestLongTokensStillOpen: reports filed before short links keep the
// 43-character tracking tokens their people were given.
func TestLongTokensStillOpen(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	token, hash := report.NewToken()
	now := time.Now().UTC()
	r := &hangup.Report{Reference: report.NewReference(), Status: hangup.StatusNew, Source: "web", CreatedAt: now, UpdatedAt: now,
		Country: "GB", Happened: []hangup.Happened{}, Links: []hangup.Link{}, Story: "Before short links.", ReporterKey: "anon:x", ReporterWeight: 1}
	if err := f.db.CreateReport(ctx, r, nil, hash, nil); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.ByToken(ctx, token)
	if err != nil || got.Reference != r.Reference {
		t.Fatalf("ByToken(long token) = %v, %v; want %s", got, err, r.Reference)
	}
}

func TestReplay(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	first, err := f.svc.Submit(ctx, sample(), anon, "nonce-123")
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.svc.Submit(ctx, sample(), anon, "nonce-123")
	if err != nil {
		t.Fatal(err)
	}
	if !again.Replayed || again.Report.Reference != first.Report.Reference || again.Token != first.Token {
		t.Errorf("replay gave %s (replayed %v), first %s", again.Report.Reference, again.Replayed, first.Report.Reference)
	}
	other := report.Reporter{Address: "198.51.100.7", Browser: "cookie-2"}
	theirs, err := f.svc.Submit(ctx, sample(), other, "nonce-123")
	if err != nil || theirs.Replayed || theirs.Report.Reference == first.Report.Reference {
		t.Errorf("another reporter with the same key got %+v (%v)", theirs, err)
	}
	if list, _ := f.db.ListReports(ctx, hangup.ReportFilter{}); len(list) != 2 {
		t.Errorf("%d reports, want 2", len(list))
	}
}

func TestValidation(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	mod := func(fn func(*hangup.ReportInput)) hangup.ReportInput { in := sample(); fn(&in); return in }
	tests := []struct {
		name  string
		in    hangup.ReportInput
		code  string
		field string
	}{
		{"empty", hangup.ReportInput{}, hangup.EINVALID, "story"},
		{"bad started", mod(func(in *hangup.ReportInput) { in.Started = "fax" }), hangup.EINVALID, "started"},
		{"bad happened", mod(func(in *hangup.ReportInput) { in.Happened = []hangup.Happened{"abducted"} }), hangup.EINVALID, "happened"},
		{"bad amount", mod(func(in *hangup.ReportInput) { in.Amount = "lots" }), hangup.EINVALID, "amount"},
		{"negative amount", mod(func(in *hangup.ReportInput) { in.Amount = "-5" }), hangup.EINVALID, "amount"},
		{"bad currency", mod(func(in *hangup.ReportInput) { in.Currency = "pounds" }), hangup.EINVALID, "currency"},
		{"future", mod(func(in *hangup.ReportInput) { in.OccurredAt = "2999-01-01" }), hangup.EINVALID, "occurred_at"},
		{"bad date", mod(func(in *hangup.ReportInput) { in.OccurredAt = "last tuesday" }), hangup.EINVALID, "occurred_at"},
		{"story too long", mod(func(in *hangup.ReportInput) { in.Story = strings.Repeat("a", report.MaxStory+1) }), hangup.ETOOLARGE, "story"},
		{"invalid utf8", mod(func(in *hangup.ReportInput) { in.Story = "abc\xff" }), hangup.EINVALID, "story"},
		{"no consent", mod(func(in *hangup.ReportInput) { in.Contact.Consent = false }), hangup.EINVALID, "contact.consent"},
		{"bad email", mod(func(in *hangup.ReportInput) { in.Contact.Email = "not an email" }), hangup.EINVALID, "contact.email"},
		{"amount with letters", mod(func(in *hangup.ReportInput) { in.Amount = "12abc" }), hangup.EINVALID, "amount"},
		{"number that is a path", mod(func(in *hangup.ReportInput) { in.NumberShown = "../../etc/passwd" }), hangup.EINVALID, "number_shown"},
		{"callback that is words", mod(func(in *hangup.ReportInput) { in.CallbackNumber = "call me please" }), hangup.EINVALID, "callback_number"},
		{"contact phone that is markup", mod(func(in *hangup.ReportInput) { in.Contact.Phone = "<script>" }), hangup.EINVALID, "contact.phone"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.Submit(ctx, tc.in, anon, "")
			if hangup.ErrorCode(err) != tc.code {
				t.Fatalf("err %v, want %s", err, tc.code)
			}
			found := false
			for _, fe := range hangup.ErrorFields(err) {
				found = found || fe.Field == tc.field
			}
			if !found {
				t.Errorf("fields %+v lack %s", hangup.ErrorFields(err), tc.field)
			}
		})
	}
	if list, _ := f.db.ListReports(ctx, hangup.ReportFilter{}); len(list) != 0 {
		t.Errorf("invalid reports were stored: %d", len(list))
	}
}

func TestAnonymousRateLimit(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	p, _ := phone.New(phone.Config{})
	svc, _ := report.New(ctx, report.Deps{Store: f.db, Numbers: p, Secrets: f.db, AnonymousPerHour: 4})
	limited := false
	for range 10 {
		if _, err := svc.Submit(ctx, sample(), anon, ""); hangup.ErrorCode(err) == hangup.ERATELIMIT {
			limited = true
		}
	}
	if !limited {
		t.Error("ten anonymous reports at 4 an hour were never limited")
	}
	user := report.Reporter{User: &hangup.User{ID: 9, Role: hangup.RoleAnalyst}}
	for range 10 {
		if _, err := svc.Submit(ctx, sample(), user, ""); err != nil {
			t.Fatalf("signed-in reporter limited: %v", err)
		}
	}
}

func TestAddInfoAndDelete(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	rc, _ := f.svc.Submit(ctx, sample(), anon, "")
	if err := f.svc.AddInfo(ctx, rc.Token, "They called again from 0800 000 000."); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.AddInfo(ctx, rc.Token, "  "); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("empty addition: %v", err)
	}
	r, _ := f.svc.ByToken(ctx, rc.Token)
	if !strings.Contains(r.Story, "They called again") {
		t.Errorf("story %q", r.Story)
	}
	if err := f.svc.Delete(ctx, rc.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ByToken(ctx, rc.Token); hangup.ErrorCode(err) != hangup.ENOTFOUND {
		t.Errorf("deleted report still opens: %v", err)
	}
	if c, _ := f.db.ReportContact(ctx, rc.Report.Reference); c != nil {
		t.Error("personal data survived deletion")
	}
	if rp := f.rep.Lookup("+449061234567"); rp.Reports != 0 || rp.ScamEvidence != 0 {
		t.Errorf("evidence of a deleted report remains: %+v", rp)
	}
	// The same reporter cannot cast the vote again within the period.
	f.svc.Submit(ctx, sample(), anon, "")
	if rp := f.rep.Lookup("+449061234567"); rp.Reports != 0 {
		t.Errorf("a deleted vote was cast again: %+v", rp)
	}
}

func TestManyReportsFromOneSource(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for range 500 {
		if _, err := f.svc.Submit(ctx, sample(), anon, ""); err != nil {
			t.Fatal(err)
		}
	}
	if rp := f.rep.Lookup("+449061234567"); rp.Verdict != hangup.RepUnknown || rp.Reports != 1 {
		t.Errorf("500 reports from one source: %+v", rp)
	}
	for i := range 20 {
		who := report.Reporter{User: &hangup.User{ID: int64(100 + i)}}
		f.svc.Submit(ctx, sample(), who, "")
	}
	if rp := f.rep.Lookup("+449061234567"); rp.Verdict != hangup.RepScam {
		t.Errorf("20 distinct reporters: %+v", rp)
	}
	// A verified organisation's number cannot be blacklisted at all.
	f.rep.SetVerified(map[string]reputation.Verified{"+441793781800": {Organisation: "IMEX", Number: "01793 781800"}})
	for i := range 50 {
		in := sample()
		in.NumberShown = "01793 781800"
		f.svc.Submit(ctx, in, report.Reporter{User: &hangup.User{ID: int64(500 + i)}}, "")
	}
	if rp := f.rep.Lookup("+441793781800"); rp.Verdict != hangup.RepVerified || !rp.Spoofed {
		t.Errorf("verified number: %+v", rp)
	}
}

func TestReference(t *testing.T) {
	seen := map[string]bool{}
	for range 10000 {
		r := report.NewReference()
		if seen[r] {
			t.Fatalf("reference %s drawn twice in 10,000", r)
		}
		seen[r] = true
		canon, ok := report.NormaliseReference(strings.ToLower(strings.ReplaceAll(r, "-", " ")))
		if !ok || canon != r {
			t.Fatalf("NormaliseReference(%q) = %q %v", r, canon, ok)
		}
		// Every single-character change and every swap of neighbours is caught.
		body := []byte(strings.ReplaceAll(r[3:], "-", ""))
		for i := range body {
			for _, c := range []byte("0123456789ABCDEFGHJKMNPQRSTVWXYZ") {
				if c == body[i] {
					continue
				}
				b := append([]byte(nil), body...)
				b[i] = c
				if _, ok := report.NormaliseReference(string(b)); ok {
					t.Fatalf("%s with position %d changed to %c still passes", r, i, c)
				}
			}
			if i+1 < len(body) && body[i] != body[i+1] {
				b := append([]byte(nil), body...)
				b[i], b[i+1] = b[i+1], b[i]
				if _, ok := report.NormaliseReference(string(b)); ok {
					t.Fatalf("%s with positions %d,%d swapped still passes", r, i, i+1)
				}
			}
		}
		if len(seen) > 200 {
			break
		}
	}
	if c, ok := report.NormaliseReference("hu-0o1l-i000"); ok {
		t.Logf("lenient reading gave %s", c)
	}
}

func openFTC(tb testing.TB) *os.File {
	tb.Helper()
	f, err := os.Open("../testdata/ftc/dnc_complaint_numbers_2021-07-08.csv")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func TestImportFTC(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	sum, err := f.svc.ImportFTC(ctx, openFTC(t), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The file repeats a few rows word for word: those count as already present.
	if sum.Rows != 14034 || sum.Imported+sum.AlreadyPresent+sum.Bad != sum.Rows || sum.Bad == 0 || sum.Imported < 13000 || len(sum.BadLines) == 0 {
		t.Errorf("first import %+v", sum)
	}
	if sum.BadLines[0].Line < 2 || sum.BadLines[0].Msg == "" {
		t.Errorf("bad lines must be named: %+v", sum.BadLines[0])
	}
	again, err := f.svc.ImportFTC(ctx, openFTC(t), false, nil)
	if err != nil || again.Imported != 0 || again.AlreadyPresent != sum.Imported+sum.AlreadyPresent {
		t.Errorf("second import %+v %v, want nothing added", again, err)
	}
	list, _ := f.db.ListReports(ctx, hangup.ReportFilter{Number: "+12178398804"})
	if len(list) == 0 || list[0].Source != "ftc-dnc" || list[0].Country != "US" {
		t.Errorf("imported report: %+v", list)
	}
	// Strict: nothing at all when a row is bad.
	g := newFixture(t)
	if _, err := g.svc.ImportFTC(ctx, openFTC(t), true, nil); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("strict import of a file with bad rows: %v", err)
	}
	if list, _ := g.db.ListReports(ctx, hangup.ReportFilter{Limit: 10}); len(list) != 0 {
		t.Errorf("strict import stored %d reports", len(list))
	}
	// Not an FTC file at all.
	if _, err := g.svc.ImportFTC(ctx, strings.NewReader("name,age\nbob,3\n"), false, nil); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("foreign file: %v", err)
	}
}

// BenchmarkImportFTC measures rows per second importing the FTC sample into
// a fresh SQLite database each time.
func BenchmarkImportFTC(b *testing.B) {
	ctx := context.Background()
	body, err := os.ReadFile("../testdata/ftc/dnc_complaint_numbers_2021-07-08.csv")
	if err != nil {
		b.Fatal(err)
	}
	rows := 0
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		f := newFixture(b)
		b.StartTimer()
		start := time.Now()
		sum, err := f.svc.ImportFTC(ctx, strings.NewReader(string(body)), false, nil)
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		rows += sum.Rows
	}
	b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
}

func BenchmarkSubmit(b *testing.B) {
	ctx := context.Background()
	f := newFixture(b)
	in := sample()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		in.NumberShown = fmt.Sprintf("0906 1%06d", i%1000000)
		if _, err := f.svc.Submit(ctx, in, report.Reporter{User: &hangup.User{ID: int64(i)}}, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStoryFillsTheGaps: what the story names fills the answers the person
// left empty, on the form (Suggest) and in the stored report alike, and
// never overrides what they typed.
func TestStoryFillsTheGaps(t *testing.T) {
	ctx := context.Background()
	svc := newAnalysingService(t)
	story := "He said he was from Microsoft, told me to go to anydesk dot com and install AnyDesk, then call him back on 020 7946 0000. I paid £300 in Google Play gift cards."
	in := hangup.ReportInput{NumberShown: "0906 123 4567", Story: story, PaymentMethod: "typed by me"}
	sg := svc.Suggest(ctx, in)
	got := sg.Input
	if got.CallbackNumber != "020 7946 0000" || got.Website == "" || got.Software == "" || got.Amount != "£300" || got.PaymentMethod != "typed by me" {
		t.Errorf("Suggest = %+v", got)
	}
	if slices.Contains(sg.Filled, "payment_method") || !slices.Contains(sg.Filled, "callback_number") {
		t.Errorf("Suggest filled %v: it must name callback_number and not the payment method the person typed", sg.Filled)
	}
	rc, err := svc.Submit(ctx, in, anon, "")
	if err != nil {
		t.Fatal(err)
	}
	r := rc.Report
	if r.CallbackE164 != "+442079460000" || r.Amount != 300 || r.PaymentMethod != "typed by me" || r.Verdict != hangup.VerdictScam {
		t.Errorf("stored report %+v", r)
	}
}

// TestStoryFillsTheRightFields: the story's words decide which answer a
// number or an amount fills, and the person's own answers are never
// overwritten.
func TestStoryFillsTheRightFields(t *testing.T) {
	ctx := context.Background()
	svc := newAnalysingService(t)
	for _, tc := range []struct {
		name, story     string
		shown, callback string
		amount, method  string
		happened        []hangup.Happened
		notHappened     []hangup.Happened
	}{
		{name: "paid by debit card, with the pound sign",
			story:  "He said my computer had a virus and I had to pay £199.99 for a security licence with my debit card.",
			amount: "£199.99", method: "debit card", happened: []hangup.Happened{hangup.HappenedPaid}},
		{name: "called back from a number is the number that called",
			story: "Microsoft rang about a virus. He called back from 020 7946 0000 an hour later.",
			shown: "020 7946 0000", notHappened: []hangup.Happened{hangup.HappenedPaid}},
		{name: "a number to call back on is the callback number",
			story:    "She told me to call her back on 0906 123 4567 to fix it.",
			callback: "0906 123 4567"},
		{name: "both numbers in one story",
			story: "They called me from 01793 781800 and gave me 0906 123 4567 to ring back.",
			shown: "01793 781800", callback: "0906 123 4567"},
		{name: "they got into the computer",
			story:    "He got into my computer and moved the mouse around, then I installed AnyDesk.",
			happened: []hangup.Happened{hangup.HappenedRemoteAccess, hangup.HappenedInstalledSoftware}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := svc.Suggest(ctx, hangup.ReportInput{Story: tc.story}).Input
			if got.NumberShown != tc.shown || got.CallbackNumber != tc.callback {
				t.Errorf("number shown %q, callback %q; want %q, %q", got.NumberShown, got.CallbackNumber, tc.shown, tc.callback)
			}
			if got.Amount != tc.amount || got.PaymentMethod != tc.method {
				t.Errorf("amount %q paid by %q; want %q by %q", got.Amount, got.PaymentMethod, tc.amount, tc.method)
			}
			for _, h := range tc.happened {
				if !got.HasHappened(h) {
					t.Errorf("happened %v lacks %s", got.Happened, h)
				}
			}
			for _, h := range tc.notHappened {
				if got.HasHappened(h) {
					t.Errorf("happened %v has %s", got.Happened, h)
				}
			}
		})
	}
	// The person's own answers stand.
	got := svc.Suggest(ctx, hangup.ReportInput{Story: "He called back from 020 7946 0000. I paid £20 by bank transfer.",
		NumberShown: "0800 000 000", Amount: "15", PaymentMethod: "cash"}).Input
	if got.NumberShown != "0800 000 000" || got.Amount != "15" || got.PaymentMethod != "cash" {
		t.Errorf("Suggest overwrote answers: %+v", got)
	}
}

func TestFormatMoneyReadsBack(t *testing.T) {
	for _, tc := range []struct {
		amount   float64
		currency string
		want     string
	}{{199.99, "GBP", "£199.99"}, {1200, "GBP", "£1,200"}, {50.5, "USD", "$50.50"}, {300, "CAD", "300 CAD"}, {7, "", "7"}} {
		if got := report.FormatMoney(tc.amount, tc.currency); got != tc.want {
			t.Errorf("FormatMoney(%v, %q) = %q, want %q", tc.amount, tc.currency, got, tc.want)
		}
	}
}

// TestWhenAsPeopleSayIt: "today", "yesterday" and dates in boxes, with a
// time or without.
func TestWhenAsPeopleSayIt(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	now := time.Date(2026, 12, 10, 16, 30, 0, 0, time.UTC)
	f.svc.SetClock(func() time.Time { return now })
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"today", time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)},
		{"Today 14:05", time.Date(2026, 12, 10, 14, 5, 0, 0, time.UTC)},
		{"yesterday 2pm", time.Date(2026, 12, 9, 14, 0, 0, 0, time.UTC)},
		{"yesterday at 9.30am", time.Date(2026, 12, 9, 9, 30, 0, 0, time.UTC)},
		{"2026-11-27", time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)},
		{"2026-11-27T14:05", time.Date(2026, 11, 27, 14, 5, 0, 0, time.UTC)},
		{"2026-1-7 12am", time.Date(2026, 1, 7, 0, 0, 0, 0, time.UTC)},
		{"27/11/2026 14:05", time.Date(2026, 11, 27, 14, 5, 0, 0, time.UTC)},
		{"2026-11-27T14:05:00Z", time.Date(2026, 11, 27, 14, 5, 0, 0, time.UTC)},
	} {
		rc, err := f.svc.Submit(ctx, hangup.ReportInput{Story: "They called.", OccurredAt: tc.in}, anon, "")
		if err != nil {
			t.Errorf("OccurredAt %q: %v", tc.in, err)
			continue
		}
		if got := rc.Report.OccurredAt; got == nil || !got.Equal(tc.want) {
			t.Errorf("OccurredAt %q = %v, want %v", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{"soon", "2026-02-30", "today 25:00", "yesterday 13pm", "2026-11-27 14:5", "2027-01-01", "1980-01-01"} {
		_, err := f.svc.Submit(ctx, hangup.ReportInput{Story: "They called.", OccurredAt: bad}, anon, "")
		if fe := hangup.ErrorFields(err); hangup.ErrorCode(err) != hangup.EINVALID || len(fe) != 1 || fe[0].Field != "occurred_at" || !strings.HasSuffix(fe[0].Message, ".") {
			t.Errorf("OccurredAt %q: %v, want one sentence about occurred_at", bad, err)
		}
	}
}

func TestParseAmountIsStrict(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	tests := []struct {
		in       string
		amount   float64
		currency string
		ok       bool
	}{
		{"250", 250, "", true},
		{"£1,200.50", 1200.5, "GBP", true},
		{"$99", 99, "USD", true},
		{"300 pounds", 300, "GBP", true},
		{"GBP 40", 40, "GBP", true},
		{"40gbp", 40, "GBP", true},
		{"12.5 euros", 12.5, "EUR", true},
		{"€ 7", 7, "EUR", true},
		{"12abc", 0, "", false},
		{"lots", 0, "", false},
		{"1.2.3", 0, "", false},
		{"1,20", 0, "", false},
		{"12,34,567", 0, "", false},
		{"12.345", 0, "", false},
		{"£-5", 0, "", false},
		{"5 pounds 6", 0, "", false},
		{"$£5", 0, "", false},
		{"1e9", 0, "", false},
		{"0x10", 0, "", false},
	}
	for _, tt := range tests {
		in := hangup.ReportInput{Story: "They took my money.", Amount: tt.in}
		rc, err := f.svc.Submit(ctx, in, report.Reporter{User: &hangup.User{ID: 1}}, "")
		if !tt.ok {
			if hangup.ErrorCode(err) != hangup.EINVALID || len(hangup.ErrorFields(err)) == 0 || hangup.ErrorFields(err)[0].Field != "amount" {
				t.Errorf("amount %q: %v, want refused naming the amount", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("amount %q: %v", tt.in, err)
			continue
		}
		if rc.Report.Amount != tt.amount || tt.currency != "" && rc.Report.Currency != tt.currency {
			t.Errorf("amount %q stored as %v %q, want %v %q", tt.in, rc.Report.Amount, rc.Report.Currency, tt.amount, tt.currency)
		}
	}
}

// TestAnonymousEvidenceCountsOncePerNetwork: every anonymous report from
// one network (an IPv4 /24, an IPv6 /48) about one number is one unit of
// evidence, whatever addresses and browser cookies it comes with; another
// network is another unit; accounts are counted each on their own.
func TestAnonymousEvidenceCountsOncePerNetwork(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	in := hangup.ReportInput{NumberShown: "0906 123 4567", Story: "They said my computer had a virus."}
	submit := func(who report.Reporter) {
		t.Helper()
		if _, err := f.svc.Submit(ctx, in, who, ""); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 60 {
		submit(report.Reporter{Address: fmt.Sprintf("203.0.113.%d", i), Browser: fmt.Sprintf("cookie-%d", i)})
		submit(report.Reporter{Address: fmt.Sprintf("2001:db8:77:%x::%x", i, i+1), Browser: fmt.Sprintf("v6-cookie-%d", i)})
	}
	r := f.rep.Lookup("+449061234567")
	if r.Reports != 2 || r.ScamEvidence > 2*reputation.DefaultConfig().AnonymousWeight+1e-9 {
		t.Fatalf("120 reports from one IPv4 /24 and one IPv6 /48: %d units, %.2f evidence; want 2 units", r.Reports, r.ScamEvidence)
	}
	submit(report.Reporter{Address: "198.51.100.9"})
	if r := f.rep.Lookup("+449061234567"); r.Reports != 3 {
		t.Errorf("a report from another network: %d units, want 3", r.Reports)
	}
	// The network is never stored: only a keyed hash of it.
	list, _ := f.db.ListReports(ctx, hangup.ReportFilter{Limit: 500})
	for _, rep := range list {
		if strings.Contains(rep.ReporterKey, "203.0.113") || strings.Contains(rep.ReporterKey, "2001:db8") {
			t.Fatalf("reporter key %q holds the address", rep.ReporterKey)
		}
	}
	var keys []string
	f.db.AllEvidence(ctx, func(ev hangup.Evidence) error { keys = append(keys, ev.ReporterKey); return nil })
	for _, k := range keys {
		if !strings.HasPrefix(k, hangup.AnonymousReporterPrefix) || strings.Contains(k, "203.0.113") {
			t.Errorf("evidence key %q", k)
		}
	}
}

// TestAnonymousRateLimitIgnoresCookies: the per-address limit holds however
// many browser cookies the reports come with.
func TestAnonymousRateLimitIgnoresCookies(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	p, _ := phone.New(phone.Config{})
	svc, _ := report.New(ctx, report.Deps{Store: f.db, Numbers: p, Secrets: f.db, AnonymousPerHour: 4})
	accepted := 0
	for i := range 20 {
		if _, err := svc.Submit(ctx, sample(), report.Reporter{Address: "192.0.2.44", Browser: fmt.Sprint("fresh-", i)}, ""); err == nil {
			accepted++
		}
	}
	if accepted > 2 {
		t.Errorf("%d of 20 reports with fresh cookies accepted at 4 an hour (burst 2)", accepted)
	}
}

// TestReportedStoriesOfCommonScamsAreFlagged: the report form's analysis of
// what the person wrote flags the everyday ways people describe a
// tech-support call and a utility cut-off threat.
func TestReportedStoriesOfCommonScamsAreFlagged(t *testing.T) {
	ctx := context.Background()
	svc := newAnalysingService(t)
	for _, story := range []string{
		"He said my computer has a virus and told me to install AnyDesk",
		"the caller said my electricity would be cut off unless I paid by card now",
	} {
		rc, err := svc.Submit(ctx, hangup.ReportInput{Story: story, NumberShown: "07400 123456"}, anon, "")
		if err != nil {
			t.Fatal(err)
		}
		if v := rc.Report.Verdict; v != hangup.VerdictScam && v != hangup.VerdictSuspicious {
			t.Errorf("%q: stored verdict %s, want scam or suspicious", story, v)
		}
	}
}

// newAnalysingService is a report service that reads the person's story
// with the analysis, on a fresh database, without an anonymous rate limit.
func newAnalysingService(t *testing.T) *report.Service {
	t.Helper()
	f := newFixture(t)
	p, _ := phone.New(phone.Config{})
	an, err := analyze.New(analyze.Deps{Numbers: p})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := report.New(context.Background(), report.Deps{Store: f.db, Numbers: p, Secrets: f.db, Analyzer: an, AnonymousPerHour: 1e6})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}
