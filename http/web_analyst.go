package http

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/http/numbers"
)

func (s *Server) analystRoutes(page func(string, http.HandlerFunc)) {
	if s.deps.ReportDB == nil || s.deps.Accounts == nil {
		return
	}
	staff := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst}
	all := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst, hangup.RoleOrgAdmin, hangup.RoleOrgMember}
	page("GET /analyst", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/analyst/reports", http.StatusSeeOther)
	})
	page("GET /analyst/reports", s.site.RequireRole(s.webAnalystReports, all...))
	page("GET /analyst/reports.csv", s.site.RequireRole(s.webAnalystCSV, all...))
	page("GET /analyst/reports/{ref}", s.site.RequireRole(s.webAnalystReport, all...))
	page("POST /analyst/reports/{ref}/status", s.site.RequireRole(s.webAnalystStatus, staff...))
	page("GET /admin/signins", s.site.RequireRole(s.webSignIns, hangup.RoleAdmin))
	page("POST /admin/signins", s.site.RequireRole(s.webSignInsClear, hangup.RoleAdmin))
	if s.deps.RepDB != nil && s.deps.Reputation != nil {
		page("GET /analyst/appeals", s.site.RequireRole(s.webAppeals, staff...))
		page("POST /analyst/appeals/{id}", s.site.RequireRole(s.webAppealDecide, staff...))
		page("GET /admin/allow", s.site.RequireRole(s.webAllowList, hangup.RoleAdmin))
		page("POST /admin/allow", s.site.RequireRole(s.webAllowChange, hangup.RoleAdmin))
		page("GET /analyst/websites", s.site.RequireRole(s.webAnalystSites, staff...))
		page("POST /analyst/websites", s.site.RequireRole(s.webAnalystSiteDecide, staff...))
	}
}

// ReportFilterForm is the analyst's filter as typed.
type ReportFilterForm struct {
	Number, Organisation, Tool, Domain, Status, From, To, MinLoss, Text, Source string
}

// Query returns the filter as a query string, for links (CSV, next page).
func (f ReportFilterForm) Query() string {
	v := url.Values{}
	for k, val := range map[string]string{"number": f.Number, "org": f.Organisation, "tool": f.Tool, "domain": f.Domain,
		"status": f.Status, "from": f.From, "to": f.To, "min_loss": f.MinLoss, "q": f.Text, "source": f.Source} {
		if val != "" {
			v.Set(k, val)
		}
	}
	return v.Encode()
}

// AnalystReportsPage lists reports.
type AnalystReportsPage struct {
	web.Page
	Filter   ReportFilterForm
	Reports  []*hangup.Report
	Statuses []hangup.ReportStatus
	Next     string // query for the next page, "" at the end
	Problems web.Problems
	OrgLock  string // members see only this organisation
	// Number is the number filtered on, with the same activity figures
	// as its public page.
	Number *AnalystNumber
}

// AnalystNumber is what the analysts' list shows about the number it is
// filtered on.
type AnalystNumber struct {
	Info     *numbers.NumberResponse
	Activity numbers.ActivityView
}

// filterFromRequest reads the filter. Members are held to their own
// organisation whatever they ask for.
func (s *Server) filterFromRequest(r *http.Request) (hangup.ReportFilter, ReportFilterForm, error) {
	q := r.URL.Query()
	form := ReportFilterForm{Number: q.Get("number"), Organisation: q.Get("org"), Tool: q.Get("tool"), Domain: q.Get("domain"),
		Status: q.Get("status"), From: q.Get("from"), To: q.Get("to"), MinLoss: q.Get("min_loss"), Text: q.Get("q"), Source: q.Get("source")}
	f := hangup.ReportFilter{OrganisationID: strings.ToLower(strings.TrimSpace(form.Organisation)), Tool: strings.TrimSpace(form.Tool),
		Domain: strings.ToLower(strings.TrimSpace(form.Domain)), Status: hangup.ReportStatus(form.Status), Text: strings.TrimSpace(form.Text),
		Source: strings.TrimSpace(form.Source), Limit: 50}
	var p hangup.Problems
	if len(form.Text) > 200 || len(form.Tool) > 200 || len(form.Domain) > 300 {
		p.Add("q", "A filter is too long. Use fewer words, at most 200 characters.")
	}
	if form.Number != "" {
		n := s.deps.Numbers.ParseNumber(form.Number)
		if n.E164 == "" {
			p.Add("number", "Enter a phone number we can read, for example 0906 123 4567, or leave it empty.")
		}
		f.Number = n.E164
	}
	for _, d := range []struct {
		in  string
		out *time.Time
		add time.Duration
	}{{form.From, &f.From, 0}, {form.To, &f.To, 24 * time.Hour}} {
		if d.in == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.in)
		if err != nil {
			field := "from"
			if d.out == &f.To {
				field = "to"
			}
			p.Add(field, "Enter a real date, written 2026-11-27, or leave it empty.")
			continue
		}
		*d.out = t.Add(d.add)
	}
	if form.MinLoss != "" {
		v, err := strconv.ParseFloat(strings.TrimLeft(form.MinLoss, "£$€"), 64)
		if err != nil || v < 0 {
			p.Add("min_loss", "Enter the smallest loss as a number, for example 100, or leave it empty.")
		}
		f.MinLoss = v
	}
	if err := p.Err(); err != nil {
		return f, form, err
	}
	if after := q.Get("after"); after != "" {
		f.AfterID, _ = strconv.ParseInt(after, 10, 64)
	}
	if u := web.UserFrom(r.Context()); u != nil && u.Role.IsOrg() {
		f.OrganisationID = u.OrganisationID
		form.Organisation = u.OrganisationID
	}
	return f, form, nil
}

func (s *Server) webAnalystReports(w http.ResponseWriter, r *http.Request) {
	f, form, err := s.filterFromRequest(r)
	p := AnalystReportsPage{Page: s.site.Page(r, "Reports"), Filter: form, Statuses: hangup.ReportStatuses}
	if u := web.UserFrom(r.Context()); u.Role.IsOrg() {
		p.OrgLock = u.OrganisationID
	}
	if err != nil {
		p.Problems = web.FormProblems(err, []string{"number", "from", "to", "min_loss", "q"},
			map[string]string{"number": "f-number", "from": "f-from", "to": "f-to", "min_loss": "f-loss", "q": "f-q"})
		s.site.Render(w, r, http.StatusBadRequest, "analyst_reports", p)
		return
	}
	if p.Reports, err = s.deps.ReportDB.ListReports(r.Context(), f); err != nil {
		s.site.Error(w, r, err)
		return
	}
	if f.Number != "" {
		info, err := s.numbers.Lookup(r.Context(), f.Number)
		if err != nil {
			s.site.Error(w, r, err)
			return
		}
		p.Number = &AnalystNumber{Info: info, Activity: s.numbers.ActivityView(info)}
	}
	if len(p.Reports) == f.Limit {
		v, _ := url.ParseQuery(form.Query())
		v.Set("after", strconv.FormatInt(p.Reports[len(p.Reports)-1].ID, 10))
		p.Next = v.Encode()
	}
	s.site.Render(w, r, http.StatusOK, "analyst_reports", p)
}

// csvColumns are the exported fields: no contact details, no reporter key,
// and no story (people's own words can hold names and addresses).
var csvColumns = []string{"reference", "created_at", "occurred_at", "status", "source", "country", "number_shown",
	"callback_number", "claimed_organisation", "organisation_id", "started", "happened", "software", "website",
	"domains", "tools", "amount", "currency", "payment_method", "verdict", "scam_type"}

func (s *Server) webAnalystCSV(w http.ResponseWriter, r *http.Request) {
	f, _, err := s.filterFromRequest(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="hangup-reports.csv"`)
	cw := csv.NewWriter(w)
	cw.Write(csvColumns)
	f.Limit = 1000
	for {
		rs, err := s.deps.ReportDB.ListReports(r.Context(), f)
		if err != nil {
			s.log.Error("csv export", "err", err)
			return
		}
		for _, rep := range rs {
			occurred := ""
			if rep.OccurredAt != nil {
				occurred = rep.OccurredAt.Format(time.RFC3339)
			}
			var happened, domains, tools []string
			for _, h := range rep.Happened {
				happened = append(happened, string(h))
			}
			for _, l := range rep.Links {
				switch l.Kind {
				case hangup.LinkDomain:
					domains = append(domains, l.Value)
				case hangup.LinkTool:
					tools = append(tools, l.Value)
				}
			}
			cw.Write(csvSafe([]string{rep.Reference, rep.CreatedAt.Format(time.RFC3339), occurred, string(rep.Status), rep.Source, rep.Country,
				rep.NumberShownE164, rep.CallbackE164, rep.ClaimedOrganisation, rep.OrganisationID, string(rep.Started),
				strings.Join(happened, ";"), rep.Software, rep.Website, strings.Join(domains, ";"), strings.Join(tools, ";"),
				strconv.FormatFloat(rep.Amount, 'f', 2, 64), rep.Currency, rep.PaymentMethod, string(rep.Verdict), string(rep.ScamType)}))
		}
		if len(rs) < f.Limit {
			break
		}
		f.AfterID = rs[len(rs)-1].ID
	}
	cw.Flush()
}

// csvSafe defuses cells a spreadsheet would run as a formula.
func csvSafe(rec []string) []string {
	for i, v := range rec {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			rec[i] = "'" + v
		}
	}
	return rec
}

// AnalystReportPage shows one report with everything it links to.
type AnalystReportPage struct {
	web.Page
	Report   *hangup.Report
	Events   []hangup.ReportEvent
	Linked   []*hangup.Report
	Contact  *hangup.Contact // staff only, and only with consent
	Statuses []hangup.ReportStatus
	CanEdit  bool
	Shown    *hangup.Reputation
	Callback *hangup.Reputation
}

// visibleReport loads a report the signed-in user may see: members only
// their organisation's; anything else is "not found", never "forbidden", so
// references can't be probed.
func (s *Server) visibleReport(r *http.Request) (*hangup.Report, error) {
	rep, err := s.deps.ReportDB.FindReport(r.Context(), r.PathValue("ref"))
	if err != nil {
		return nil, err
	}
	if u := web.UserFrom(r.Context()); u.Role.IsOrg() && (u.OrganisationID == "" || rep.OrganisationID != u.OrganisationID) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	return rep, nil
}

func (s *Server) webAnalystReport(w http.ResponseWriter, r *http.Request) {
	rep, err := s.visibleReport(r)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	u := web.UserFrom(r.Context())
	p := AnalystReportPage{Page: s.site.Page(r, "Report "+rep.Reference), Report: rep, Statuses: hangup.ReportStatuses,
		CanEdit: u.CanSeeAllReports()}
	if p.Events, err = s.deps.ReportDB.ReportEvents(r.Context(), rep.Reference); err != nil {
		s.site.Error(w, r, err)
		return
	}
	if p.Linked, err = s.deps.ReportDB.LinkedReports(r.Context(), rep, 50); err != nil {
		s.site.Error(w, r, err)
		return
	}
	if u.Role.IsOrg() {
		kept := p.Linked[:0]
		for _, l := range p.Linked {
			if l.OrganisationID == u.OrganisationID {
				kept = append(kept, l)
			}
		}
		p.Linked = kept
	}
	if u.CanSeeAllReports() && rep.HasContact {
		if c, err := s.deps.ReportDB.ReportContact(r.Context(), rep.Reference); err == nil && c != nil && c.Consent {
			p.Contact = c
		}
	}
	if s.deps.Reputation != nil {
		if rep.NumberShownE164 != "" {
			rp := s.deps.Reputation.Lookup(rep.NumberShownE164)
			p.Shown = &rp
		}
		if rep.CallbackE164 != "" {
			rp := s.deps.Reputation.Lookup(rep.CallbackE164)
			p.Callback = &rp
		}
	}
	s.site.Render(w, r, http.StatusOK, "analyst_report", p)
}

func (s *Server) webAnalystStatus(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	ref := r.PathValue("ref")
	note := strings.TrimSpace(r.PostForm.Get("note"))
	if len(note) > 2000 {
		s.site.Error(w, r, hangup.Errorf(hangup.ETOOLARGE, "The note is too long. Go back and shorten it to 2,000 characters or fewer."))
		return
	}
	u := web.UserFrom(r.Context())
	if err := s.deps.ReportDB.SetReportStatus(r.Context(), ref, hangup.ReportStatus(r.PostForm.Get("status")), u.Email, note); err != nil {
		s.site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/analyst/reports/"+url.PathEscape(ref), http.StatusSeeOther)
}

// AppealView is one appeal with the evidence to decide it on.
type AppealView struct {
	Appeal     *hangup.Appeal
	Reputation hangup.Reputation
	Reports    []*hangup.Report
}

// AppealsPage lists open appeals.
type AppealsPage struct {
	web.Page
	Appeals []AppealView
	Decided []*hangup.Appeal
	Problem string
	// Disputed are listed numbers people say are genuine: genuine
	// evidence from people not signed in never lifts a listing, so an
	// analyst looks.
	Disputed []hangup.Reputation
}

func (s *Server) webAppeals(w http.ResponseWriter, r *http.Request) {
	s.renderAppeals(w, r, http.StatusOK, "")
}

func (s *Server) renderAppeals(w http.ResponseWriter, r *http.Request, status int, problem string) {
	open, err := s.deps.RepDB.Appeals(r.Context(), "", hangup.AppealOpen)
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	p := AppealsPage{Page: s.site.Page(r, "Appeals"), Problem: problem, Disputed: s.deps.Reputation.Disputed(100)}
	for _, a := range open {
		rs, _ := s.deps.ReportDB.ListReports(r.Context(), hangup.ReportFilter{Number: a.Number, Limit: 20})
		p.Appeals = append(p.Appeals, AppealView{Appeal: a, Reputation: s.deps.Reputation.Lookup(a.Number), Reports: rs})
	}
	all, _ := s.deps.RepDB.Appeals(r.Context(), "", "")
	for _, a := range all {
		if a.Status != hangup.AppealOpen && len(p.Decided) < 20 {
			p.Decided = append(p.Decided, a)
		}
	}
	s.site.Render(w, r, status, "analyst_appeals", p)
}

func (s *Server) webAppealDecide(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.site.Error(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is no such appeal."))
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if len(reason) > 2000 {
		s.renderAppeals(w, r, http.StatusBadRequest, "The reason is too long. Shorten it to 2,000 characters or fewer.")
		return
	}
	u := web.UserFrom(r.Context())
	if _, err := s.deps.Reputation.DecideAppeal(r.Context(), id, hangup.AppealStatus(r.PostForm.Get("decision")), u.Email, reason); err != nil {
		if c := hangup.ErrorCode(err); c == hangup.EINVALID || c == hangup.ECONFLICT {
			s.renderAppeals(w, r, web.StatusCode(err), hangup.ErrorMessage(err))
			return
		}
		s.site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/analyst/appeals", http.StatusSeeOther)
}

// AllowListPage is the administrators' allow-list.
type AllowListPage struct {
	web.Page
	Numbers map[string]string
	Changes []hangup.ReputationChange
	Problem string
	Number  string // as typed, kept with a problem
	Reason  string
}

func (s *Server) webAllowList(w http.ResponseWriter, r *http.Request) {
	s.renderAllow(w, r, http.StatusOK, "")
}

func (s *Server) renderAllow(w http.ResponseWriter, r *http.Request, status int, problem string) {
	number, reason := "", ""
	if problem != "" && r.PostForm != nil {
		number, reason = r.PostForm.Get("number"), r.PostForm.Get("reason")
	}
	al, err := s.deps.RepDB.AllowList(r.Context())
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	changes, _ := s.deps.RepDB.ReputationChanges(r.Context(), "", 50)
	s.site.Render(w, r, status, "admin_allow", AllowListPage{Page: s.site.Page(r, "Allow-list"), Numbers: al, Changes: changes, Problem: problem,
		Number: number, Reason: reason})
}

func (s *Server) webAllowChange(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	n := s.deps.Numbers.ParseNumber(r.PostForm.Get("number"))
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if n.E164 == "" {
		s.renderAllow(w, r, http.StatusBadRequest, "Enter a phone number we can read, for example +44 1793 781800.")
		return
	}
	if len(reason) > 1000 {
		s.renderAllow(w, r, http.StatusBadRequest, "The reason is too long. Shorten it to 1,000 characters or fewer.")
		return
	}
	u := web.UserFrom(r.Context())
	if err := s.deps.Reputation.Allow(r.Context(), n.E164, r.PostForm.Get("action") != "remove", u.Email, reason); err != nil {
		if hangup.ErrorCode(err) == hangup.EINVALID {
			s.renderAllow(w, r, http.StatusBadRequest, web.ProblemText(err))
			return
		}
		s.site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/allow", http.StatusSeeOther)
}
