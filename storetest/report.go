package storetest

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
)

// t0 is a fixed instant: stores must keep times exactly (to the
// microsecond at least) and in UTC.
var t0 = time.Date(2026, 11, 20, 9, 30, 15, 123456000, time.UTC)

func sampleReport(ref string, at time.Time) *hangup.Report {
	occurred := at.Add(-2 * time.Hour)
	return &hangup.Report{
		Reference: ref, Status: hangup.StatusNew, Source: "web", CreatedAt: at, UpdatedAt: at, OccurredAt: &occurred,
		Country: "GB", NumberShown: "0906 123 4567", NumberShownE164: "+449061234567",
		CallbackNumber: "0800 000 000", CallbackE164: "+44800000000", ClaimedOrganisation: "Microsoft",
		OrganisationID: "microsoft", Started: hangup.StartedTheyCalled,
		Happened: []hangup.Happened{hangup.HappenedRemoteAccess, hangup.HappenedPaid}, Software: "AnyDesk",
		Website: "anydesk.com", Amount: 250.5, Currency: "GBP", PaymentMethod: "gift card",
		Story: "He said — “your computer has a virus”.", Verdict: hangup.VerdictScam, ScamType: hangup.ScamTechSupport,
		Links:       []hangup.Link{{Kind: hangup.LinkNumberShown, Value: "+449061234567"}, {Kind: hangup.LinkTool, Value: "AnyDesk"}},
		ReporterKey: "anon:abc", ReporterWeight: 0.5,
	}
}

func testReports(t *testing.T, open Opener) {
	ctx := context.Background()

	t.Run("create and find", func(t *testing.T) {
		s := open(t).Reports
		r := sampleReport("HU-AAAA-AAA1", t0)
		r.IdempotencyKey = "form-nonce-1"
		contact := &hangup.Contact{Name: "Ann", Email: "ann@example.org", Phone: "07700 900123", Consent: true}
		r.HasContact = true
		token := []byte("token-hash-1")
		if err := s.CreateReport(ctx, r, contact, token, nil); err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 {
			t.Error("CreateReport did not set the ID")
		}
		// Links: the numbers and organisation from the report's own fields,
		// then the others it was stored with.
		wantLinks := []hangup.Link{{Kind: hangup.LinkNumberShown, Value: "+449061234567"}, {Kind: hangup.LinkCallbackNumber, Value: "+44800000000"},
			{Kind: hangup.LinkOrganisation, Value: "microsoft"}, {Kind: hangup.LinkTool, Value: "AnyDesk"}}
		for name, find := range map[string]func() (*hangup.Report, error){
			"reference":   func() (*hangup.Report, error) { return s.FindReport(ctx, r.Reference) },
			"token":       func() (*hangup.Report, error) { return s.FindReportByToken(ctx, token) },
			"idempotency": func() (*hangup.Report, error) { return s.FindReportByIdempotencyKey(ctx, "form-nonce-1") },
		} {
			got, err := find()
			if err != nil {
				t.Fatalf("by %s: %v", name, err)
			}
			if got.Reference != r.Reference || got.Story != r.Story || got.Amount != 250.5 || !got.CreatedAt.Equal(t0) ||
				got.OccurredAt == nil || !got.OccurredAt.Equal(*r.OccurredAt) || !slices.Equal(got.Happened, r.Happened) ||
				!slices.Equal(got.Links, wantLinks) || !got.HasContact || got.ReporterKey != "anon:abc" || got.Verdict != hangup.VerdictScam {
				t.Errorf("by %s: got %+v", name, got)
			}
		}
		c, err := s.ReportContact(ctx, r.Reference)
		if err != nil || c == nil || *c != *contact {
			t.Errorf("ReportContact = %+v, %v", c, err)
		}
		for _, bad := range []func() error{
			func() error { _, err := s.FindReport(ctx, "HU-NONE-NONE"); return err },
			func() error { _, err := s.FindReportByToken(ctx, []byte("other")); return err },
			func() error { _, err := s.FindReportByToken(ctx, nil); return err },
			func() error { _, err := s.FindReportByIdempotencyKey(ctx, ""); return err },
		} {
			if err := bad(); hangup.ErrorCode(err) != hangup.ENOTFOUND {
				t.Errorf("lookup of a missing report: err %v, want ENOTFOUND", err)
			}
		}
		// The same reference twice is a conflict, and nothing half-written.
		dup := sampleReport("HU-AAAA-AAA1", t0)
		if err := s.CreateReport(ctx, dup, nil, []byte("token-hash-2"), nil); hangup.ErrorCode(err) != hangup.ECONFLICT {
			t.Errorf("duplicate reference: err %v, want ECONFLICT", err)
		}
		if _, err := s.FindReportByToken(ctx, []byte("token-hash-2")); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Error("a failed create left its report behind")
		}
		if ev, _ := s.ReportEvents(ctx, r.Reference); len(ev) != 1 || ev[0].Kind != "created" {
			t.Errorf("events %+v, want one created", ev)
		}
	})

	t.Run("import is idempotent", func(t *testing.T) {
		s := open(t).Reports
		var rs []*hangup.Report
		for i := range 5 {
			r := sampleReport(fmt.Sprintf("HU-IMPO-RT%02d", i), t0)
			r.Source, r.SourceRef = "ftc-dnc", fmt.Sprintf("row-%d", i)
			rs = append(rs, r)
		}
		c, sk, err := s.CreateReports(ctx, rs, nil)
		if err != nil || c != 5 || sk != 0 {
			t.Fatalf("first import: %d created %d skipped %v", c, sk, err)
		}
		again := make([]*hangup.Report, len(rs))
		for i, r := range rs {
			cp := *r
			cp.Reference = fmt.Sprintf("HU-AGAI-N%03d", i)
			cp.ID = 0
			again[i] = &cp
		}
		c, sk, err = s.CreateReports(ctx, again, nil)
		if err != nil || c != 0 || sk != 5 {
			t.Fatalf("second import: %d created %d skipped %v, want 0 and 5", c, sk, err)
		}
		got, _ := s.ListReports(ctx, hangup.ReportFilter{Source: "ftc-dnc", Limit: 100})
		if len(got) != 5 {
			t.Errorf("after two imports: %d reports, want 5", len(got))
		}
	})

	t.Run("filters and links", func(t *testing.T) {
		s := open(t).Reports
		mk := func(ref string, mutate func(*hangup.Report)) *hangup.Report {
			r := sampleReport(ref, t0)
			mutate(r)
			if err := s.CreateReport(ctx, r, nil, []byte("tok-"+ref), nil); err != nil {
				t.Fatal(err)
			}
			return r
		}
		a := mk("HU-FILT-ER01", func(r *hangup.Report) {})
		b := mk("HU-FILT-ER02", func(r *hangup.Report) {
			r.NumberShownE164, r.CallbackE164, r.OrganisationID, r.Amount = "+441134960000", "+449061234567", "imex", 0
			r.Links = []hangup.Link{{Kind: hangup.LinkCallbackNumber, Value: "+449061234567"}}
			r.CreatedAt = t0.Add(time.Hour)
		})
		c := mk("HU-FILT-ER03", func(r *hangup.Report) {
			r.NumberShownE164, r.CallbackE164, r.OrganisationID, r.Story = "+15551234567", "", "", "Nothing to see 100% here_"
			r.Links = []hangup.Link{{Kind: hangup.LinkDomain, Value: "micros0ft-support.com"}}
			r.CreatedAt = t0.Add(2 * time.Hour)
		})
		refs := func(rs []*hangup.Report) []string {
			var out []string
			for _, r := range rs {
				out = append(out, r.Reference)
			}
			return out
		}
		tests := []struct {
			name string
			f    hangup.ReportFilter
			want []string
		}{
			{"all newest first", hangup.ReportFilter{}, []string{c.Reference, b.Reference, a.Reference}},
			{"number matches shown or callback", hangup.ReportFilter{Number: "+449061234567"}, []string{b.Reference, a.Reference}},
			{"organisation", hangup.ReportFilter{OrganisationID: "imex"}, []string{b.Reference}},
			{"tool", hangup.ReportFilter{Tool: "AnyDesk"}, []string{a.Reference}},
			{"domain", hangup.ReportFilter{Domain: "micros0ft-support.com"}, []string{c.Reference}},
			{"loss", hangup.ReportFilter{MinLoss: 100}, []string{c.Reference, a.Reference}},
			{"dates", hangup.ReportFilter{From: t0.Add(30 * time.Minute), To: t0.Add(90 * time.Minute)}, []string{b.Reference}},
			{"text is literal", hangup.ReportFilter{Text: "100% here_"}, []string{c.Reference}},
			{"text wildcard is not a wildcard", hangup.ReportFilter{Text: "%"}, []string{c.Reference}},
			{"limit and keyset", hangup.ReportFilter{Limit: 1, AfterID: c.ID}, []string{b.Reference}},
		}
		for _, tc := range tests {
			got, err := s.ListReports(ctx, tc.f)
			if err != nil || !slices.Equal(refs(got), tc.want) {
				t.Errorf("%s: %v %v, want %v", tc.name, refs(got), err, tc.want)
			}
		}
		linked, err := s.LinkedReports(ctx, a, 10)
		if err != nil || !slices.Equal(refs(linked), []string{b.Reference}) {
			t.Errorf("LinkedReports(a) = %v %v, want b (a's number shown is b's callback number)", refs(linked), err)
		}
	})

	t.Run("workflow and deletion", func(t *testing.T) {
		s := open(t).Reports
		r := sampleReport("HU-WORK-FLW1", t0)
		ev := []hangup.Evidence{{Number: r.NumberShownE164, ReporterKey: "anon:abc", Weight: 0.5, At: t0, ReportRef: r.Reference, Source: "web"}}
		if err := s.CreateReport(ctx, r, &hangup.Contact{Email: "x@example.org"}, []byte("tok"), ev); err != nil {
			t.Fatal(err)
		}
		if err := s.SetReportStatus(ctx, r.Reference, hangup.StatusTriaged, "analyst@example.org", "looks real"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetReportStatus(ctx, r.Reference, "bogus", "a", ""); hangup.ErrorCode(err) != hangup.EINVALID {
			t.Errorf("bogus status: %v", err)
		}
		if err := s.SetReportStatus(ctx, "HU-NONE-NONE", hangup.StatusClosed, "a", ""); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("missing report: %v", err)
		}
		if err := s.AddReportInfo(ctx, r.Reference, "They called again."); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindReport(ctx, r.Reference)
		if got.Status != hangup.StatusTriaged || !bytes.Contains([]byte(got.Story), []byte("They called again.")) || !bytes.Contains([]byte(got.Story), []byte("virus")) {
			t.Errorf("after workflow: %s %q", got.Status, got.Story)
		}
		events, _ := s.ReportEvents(ctx, r.Reference)
		if len(events) != 3 || events[1].FromStatus != hangup.StatusNew || events[1].ToStatus != hangup.StatusTriaged || events[1].Actor != "analyst@example.org" {
			t.Errorf("events %+v", events)
		}
		if err := s.DeleteReport(ctx, r.Reference, "reporter"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindReport(ctx, r.Reference); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("after delete: %v", err)
		}
		if c, _ := s.ReportContact(ctx, r.Reference); c != nil {
			t.Error("contact survived deletion")
		}
		if err := s.DeleteReport(ctx, r.Reference, "reporter"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("second delete: %v", err)
		}
	})

	t.Run("concurrent creates", func(t *testing.T) {
		s := open(t).Reports
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for i := range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := sampleReport(fmt.Sprintf("HU-CONC-%04d", i), t0)
				errs <- s.CreateReport(ctx, r, nil, []byte(fmt.Sprint("tok", i)), nil)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		if got, _ := s.ListReports(ctx, hangup.ReportFilter{Limit: 100}); len(got) != 50 {
			t.Errorf("%d reports after 50 concurrent creates", len(got))
		}
	})
}
