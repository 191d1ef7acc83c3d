// Package staff serves the pages of Hangup's own people: the analysts'
// reports (list, CSV, one report and its status), appeals against
// listings, the analysts' website decisions, and for administrators the
// allow-list and the sign-in throttles. Package http mounts the pages; the
// analysts' queues of alerts and claims are served with their nouns
// (packages alerts and portal).
package staff

import (
	"encoding/csv"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/account"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/http/numbers"
	"github.com/hangup-org/hangup/reputation"
)

// Deps are what the staff pages read and change.
type Deps struct {
	ReportDB   hangup.ReportStore     // required
	Accounts   *account.Service       // required
	RepDB      hangup.ReputationStore // appeals and the allow-list; nil: those pages are off
	Reputation *reputation.Service    // nil: the appeal, allow-list and website pages are off
	Numbers    hangup.NumberService
	// Number shows a number in the report list as the number page does.
	Number *numbers.Handler
	Site   *web.Site
	Logger *slog.Logger
}

// Handler serves the staff pages.
type Handler struct {
	deps Deps
	log  *slog.Logger
}

// New returns the staff pages' handlers.
func New(deps Deps) *Handler {
	return &Handler{deps: deps, log: web.Logger(deps.Logger)}
}

// Pages are the staff pages, each behind its role check; none without
// the report store and accounts.
func (h *Handler) Pages() []web.Route {
	if h.deps.ReportDB == nil || h.deps.Accounts == nil {
		return nil
	}
	site := h.deps.Site
	staff := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst}
	all := []hangup.Role{hangup.RoleAdmin, hangup.RoleAnalyst, hangup.RoleOrgAdmin, hangup.RoleOrgMember}
	rts := []web.Route{
		{Method: "GET", Path: "/analyst", Handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/analyst/reports", http.StatusSeeOther)
		}},
		{Method: "GET", Path: "/analyst/reports", Handler: site.RequireRole(h.webAnalystReports, all...)},
		{Method: "GET", Path: "/analyst/reports.csv", Handler: site.RequireRole(h.webAnalystCSV, all...)},
		{Method: "GET", Path: "/analyst/reports/{ref}", Handler: site.RequireRole(h.webAnalystReport, all...)},
		{Method: "POST", Path: "/analyst/reports/{ref}/status", Handler: site.RequireRole(h.webAnalystStatus, staff...)},
		{Method: "GET", Path: "/admin/signins", Handler: site.RequireRole(h.webSignIns, hangup.RoleAdmin)},
		{Method: "POST", Path: "/admin/signins", Handler: site.RequireRole(h.webSignInsClear, hangup.RoleAdmin)},
	}
	if h.deps.RepDB != nil && h.deps.Reputation != nil {
		rts = append(rts,
			web.Route{Method: "GET", Path: "/analyst/appeals", Handler: site.RequireRole(h.webAppeals, staff...)},
			web.Route{Method: "POST", Path: "/analyst/appeals/{id}", Handler: site.RequireRole(h.webAppealDecide, staff...)},
			web.Route{Method: "GET", Path: "/admin/allow", Handler: site.RequireRole(h.webAllowList, hangup.RoleAdmin)},
			web.Route{Method: "POST", Path: "/admin/allow", Handler: site.RequireRole(h.webAllowChange, hangup.RoleAdmin)},
			web.Route{Method: "GET", Path: "/analyst/websites", Handler: site.RequireRole(h.webAnalystSites, staff...)},
			web.Route{Method: "POST", Path: "/analyst/websites", Handler: site.RequireRole(h.webAnalystSiteDecide, staff...)},
		)
	}
	return rts
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
func (h *Handler) filterFromRequest(r *http.Request) (hangup.ReportFilter, ReportFilterForm, error) {
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
		n := h.deps.Numbers.ParseNumber(form.Number)
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

func (h *Handler) webAnalystReports(w http.ResponseWriter, r *http.Request) {
	f, form, err := h.filterFromRequest(r)
	p := AnalystReportsPage{Page: h.deps.Site.Page(r, "Reports"), Filter: form, Statuses: hangup.ReportStatuses}
	if u := web.UserFrom(r.Context()); u.Role.IsOrg() {
		p.OrgLock = u.OrganisationID
	}
	if err != nil {
		p.Problems = web.FormProblems(err, []string{"number", "from", "to", "min_loss", "q"},
			map[string]string{"number": "f-number", "from": "f-from", "to": "f-to", "min_loss": "f-loss", "q": "f-q"})
		h.deps.Site.Render(w, r, http.StatusBadRequest, "analyst_reports", p)
		return
	}
	if p.Reports, err = h.deps.ReportDB.ListReports(r.Context(), f); err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	if f.Number != "" {
		info, err := h.deps.Number.Lookup(r.Context(), f.Number)
		if err != nil {
			h.deps.Site.Error(w, r, err)
			return
		}
		p.Number = &AnalystNumber{Info: info, Activity: h.deps.Number.ActivityView(info)}
	}
	if len(p.Reports) == f.Limit {
		v, _ := url.ParseQuery(form.Query())
		v.Set("after", strconv.FormatInt(p.Reports[len(p.Reports)-1].ID, 10))
		p.Next = v.Encode()
	}
	h.deps.Site.Render(w, r, http.StatusOK, "analyst_reports", p)
}

// csvColumns are the exported fields: no contact details, no reporter key,
// and no story (people's own words can hold names and addresses).
var csvColumns = []string{"reference", "created_at", "occurred_at", "status", "source", "country", "number_shown",
	"callback_number", "claimed_organisation", "organisation_id", "started", "happened", "software", "website",
	"domains", "tools", "amount", "currency", "payment_method", "verdict", "scam_type"}

func (h *Handler) webAnalystCSV(w http.ResponseWriter, r *http.Request) {
	f, _, err := h.filterFromRequest(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="hangup-reports.csv"`)
	cw := csv.NewWriter(w)
	cw.Write(csvColumns)
	f.Limit = 1000
	for {
		rs, err := h.deps.ReportDB.ListReports(r.Context(), f)
		if err != nil {
			h.log.Error("csv export", "err", err)
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
func (h *Handler) visibleReport(r *http.Request) (*hangup.Report, error) {
	rep, err := h.deps.ReportDB.FindReport(r.Context(), r.PathValue("ref"))
	if err != nil {
		return nil, err
	}
	if u := web.UserFrom(r.Context()); u.Role.IsOrg() && (u.OrganisationID == "" || rep.OrganisationID != u.OrganisationID) {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "There is no such report.")
	}
	return rep, nil
}

func (h *Handler) webAnalystReport(w http.ResponseWriter, r *http.Request) {
	rep, err := h.visibleReport(r)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	u := web.UserFrom(r.Context())
	p := AnalystReportPage{Page: h.deps.Site.Page(r, "Report "+rep.Reference), Report: rep, Statuses: hangup.ReportStatuses,
		CanEdit: u.CanSeeAllReports()}
	if p.Events, err = h.deps.ReportDB.ReportEvents(r.Context(), rep.Reference); err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	if p.Linked, err = h.deps.ReportDB.LinkedReports(r.Context(), rep, 50); err != nil {
		h.deps.Site.Error(w, r, err)
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
		if c, err := h.deps.ReportDB.ReportContact(r.Context(), rep.Reference); err == nil && c != nil && c.Consent {
			p.Contact = c
		}
	}
	if h.deps.Reputation != nil {
		if rep.NumberShownE164 != "" {
			rp := h.deps.Reputation.Lookup(rep.NumberShownE164)
			p.Shown = &rp
		}
		if rep.CallbackE164 != "" {
			rp := h.deps.Reputation.Lookup(rep.CallbackE164)
			p.Callback = &rp
		}
	}
	h.deps.Site.Render(w, r, http.StatusOK, "analyst_report", p)
}

func (h *Handler) webAnalystStatus(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	ref := r.PathValue("ref")
	note := strings.TrimSpace(r.PostForm.Get("note"))
	if len(note) > 2000 {
		h.deps.Site.Error(w, r, hangup.Errorf(hangup.ETOOLARGE, "The note is too long. Go back and shorten it to 2,000 characters or fewer."))
		return
	}
	u := web.UserFrom(r.Context())
	if err := h.deps.ReportDB.SetReportStatus(r.Context(), ref, hangup.ReportStatus(r.PostForm.Get("status")), u.Email, note); err != nil {
		h.deps.Site.Error(w, r, err)
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

func (h *Handler) webAppeals(w http.ResponseWriter, r *http.Request) {
	h.renderAppeals(w, r, http.StatusOK, "")
}

func (h *Handler) renderAppeals(w http.ResponseWriter, r *http.Request, status int, problem string) {
	open, err := h.deps.RepDB.Appeals(r.Context(), "", hangup.AppealOpen)
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	p := AppealsPage{Page: h.deps.Site.Page(r, "Appeals"), Problem: problem, Disputed: h.deps.Reputation.Disputed(100)}
	for _, a := range open {
		rs, _ := h.deps.ReportDB.ListReports(r.Context(), hangup.ReportFilter{Number: a.Number, Limit: 20})
		p.Appeals = append(p.Appeals, AppealView{Appeal: a, Reputation: h.deps.Reputation.Lookup(a.Number), Reports: rs})
	}
	all, _ := h.deps.RepDB.Appeals(r.Context(), "", "")
	for _, a := range all {
		if a.Status != hangup.AppealOpen && len(p.Decided) < 20 {
			p.Decided = append(p.Decided, a)
		}
	}
	h.deps.Site.Render(w, r, status, "analyst_appeals", p)
}

func (h *Handler) webAppealDecide(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.deps.Site.Error(w, r, hangup.Errorf(hangup.ENOTFOUND, "There is no such appeal."))
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if len(reason) > 2000 {
		h.renderAppeals(w, r, http.StatusBadRequest, "The reason is too long. Shorten it to 2,000 characters or fewer.")
		return
	}
	u := web.UserFrom(r.Context())
	if _, err := h.deps.Reputation.DecideAppeal(r.Context(), id, hangup.AppealStatus(r.PostForm.Get("decision")), u.Email, reason); err != nil {
		if c := hangup.ErrorCode(err); c == hangup.EINVALID || c == hangup.ECONFLICT {
			h.renderAppeals(w, r, web.StatusCode(err), hangup.ErrorMessage(err))
			return
		}
		h.deps.Site.Error(w, r, err)
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

func (h *Handler) webAllowList(w http.ResponseWriter, r *http.Request) {
	h.renderAllow(w, r, http.StatusOK, "")
}

func (h *Handler) renderAllow(w http.ResponseWriter, r *http.Request, status int, problem string) {
	number, reason := "", ""
	if problem != "" && r.PostForm != nil {
		number, reason = r.PostForm.Get("number"), r.PostForm.Get("reason")
	}
	al, err := h.deps.RepDB.AllowList(r.Context())
	if err != nil {
		h.deps.Site.Error(w, r, err)
		return
	}
	changes, _ := h.deps.RepDB.ReputationChanges(r.Context(), "", 50)
	h.deps.Site.Render(w, r, status, "admin_allow", AllowListPage{Page: h.deps.Site.Page(r, "Allow-list"), Numbers: al, Changes: changes, Problem: problem,
		Number: number, Reason: reason})
}

func (h *Handler) webAllowChange(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	n := h.deps.Numbers.ParseNumber(r.PostForm.Get("number"))
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if n.E164 == "" {
		h.renderAllow(w, r, http.StatusBadRequest, "Enter a phone number we can read, for example +44 1793 781800.")
		return
	}
	if len(reason) > 1000 {
		h.renderAllow(w, r, http.StatusBadRequest, "The reason is too long. Shorten it to 1,000 characters or fewer.")
		return
	}
	u := web.UserFrom(r.Context())
	if err := h.deps.Reputation.Allow(r.Context(), n.E164, r.PostForm.Get("action") != "remove", u.Email, reason); err != nil {
		if hangup.ErrorCode(err) == hangup.EINVALID {
			h.renderAllow(w, r, http.StatusBadRequest, web.ProblemText(err))
			return
		}
		h.deps.Site.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/allow", http.StatusSeeOther)
}
