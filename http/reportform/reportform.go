// Package reportform serves the public report form (GET and POST
// /report): one question a page, the answers carried from page to page in
// hidden fields, "Check your answers", and sending the report with an
// email confirming it. The form's nonce, signed with the server's key,
// makes a send replay-safe and times the form against scripts. The report
// service decides what a report is; package http mounts the routes and
// serves the tracking pages the form leads to.
package reportform

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/report"
)

// Config holds the form's settings.
type Config struct {
	// MinTime is the least time between starting the form and sending
	// it: a faster last step is shown again (people never are that fast;
	// scripts are). 0 switches it off.
	MinTime time.Duration
}

// Deps are what the form reads, signs and sends with. Reports, Site, Key,
// ClientAddr and TrackingURL are required.
type Deps struct {
	Reports *report.Service
	// Mailer sends the reporter's confirmation when they give an email
	// address; nil sends nothing.
	Mailer hangup.Mailer
	Site   *web.Site // renders the pages and refuses in them
	// Key signs the form's nonce: the server's secret key, never logged.
	Key []byte
	// ClientAddr is the address of the client behind a request, which
	// the report service limits anonymous reports by.
	ClientAddr func(*http.Request) string
	// TrackingURL is the private link to a report's tracking page, for
	// the confirmation email.
	TrackingURL func(token string) string
	Logger      *slog.Logger
}

// Handler serves the report form.
type Handler struct {
	cfg  Config
	deps Deps
	log  *slog.Logger
}

// New returns the report form's handlers.
func New(cfg Config, deps Deps) *Handler {
	return &Handler{cfg: cfg, deps: deps, log: web.Logger(deps.Logger)}
}

// Pages are the report form's routes: the first page, and every later
// page as the answers to the one before are sent.
func (h *Handler) Pages() []web.Route {
	return []web.Route{
		{Method: "GET", Path: "/report", Handler: h.webReportStart},
		{Method: "POST", Path: "/report", Handler: h.webReportStep},
	}
}

// formNonce returns a new report-form nonce: when the form was started and
// a random part, signed with the server's key. It makes a submission
// replay-safe (it is the idempotency key) and lets the last step tell how
// long the person took, without server-side state.
func (h *Handler) formNonce(now time.Time) string {
	b := make([]byte, 12)
	rand.Read(b)
	body := strconv.FormatInt(now.UnixMilli(), 36) + "." + base64.RawURLEncoding.EncodeToString(b)
	return body + "." + h.formMAC(body)
}

func (h *Handler) formMAC(body string) string {
	m := hmac.New(sha256.New, h.deps.Key)
	m.Write([]byte("report-form\x00"))
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// formStarted returns when the form a nonce belongs to was started, if the
// nonce is one this server signed.
func (h *Handler) formStarted(nonce string) (time.Time, bool) {
	if len(nonce) > 80 {
		return time.Time{}, false
	}
	i := strings.LastIndexByte(nonce, '.')
	if i < 0 || subtle.ConstantTimeCompare([]byte(nonce[i+1:]), []byte(h.formMAC(nonce[:i]))) != 1 {
		return time.Time{}, false
	}
	secs, _, _ := strings.Cut(nonce[:i], ".")
	n, err := strconv.ParseInt(secs, 36, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(n), true
}

func (h *Handler) webReportStart(w http.ResponseWriter, r *http.Request) {
	h.deps.Site.Render(w, r, http.StatusOK, "report", h.reportPage(r, "story", ReportForm{Nonce: h.formNonce(time.Now())}, nil))
}

// webReportStep handles every page of the report form: "Change" opens a
// page from "Check your answers"; "Back" shows the page before; otherwise
// the page's answers are checked and the next page shown, or the report is
// sent from "Check your answers". A problem shows the page of the first
// bad answer with everything the person typed kept.
func (h *Handler) webReportStep(w http.ResponseWriter, r *http.Request) {
	if !h.deps.Site.PostedForm(w, r) {
		return
	}
	f := readReportForm(r)
	started, signed := h.formStarted(f.Nonce)
	if !signed {
		f.Nonce, started = h.formNonce(time.Now()), time.Now()
	}
	step := reportSteps[stepIndex(r.PostForm.Get("step"))].Name
	if to := r.PostForm.Get("goto"); to != "" {
		f.Return = true
		h.deps.Site.Render(w, r, http.StatusOK, "report", h.reportPage(r, reportSteps[stepIndex(to)].Name, f, nil))
		return
	}
	if r.PostForm.Get("action") == "back" {
		to := f.prev(step)
		if f.Return {
			to = "check"
		}
		h.deps.Site.Render(w, r, http.StatusOK, "report", h.reportPage(r, to, f, nil))
		return
	}
	if step == "check" {
		// A person needs some seconds to go through the questions; a
		// script posting the last page straight away is shown it again.
		// The wait is measured from the form's signed start, so it costs
		// nothing to keep.
		if wait := h.cfg.MinTime - time.Since(started); wait > 0 && web.UserFrom(r.Context()) == nil {
			page := h.reportPage(r, "check", f, nil)
			page.Notice = "Please check your answers, then press “Send my report”."
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(wait.Round(time.Second)/time.Second))))
			h.deps.Site.Render(w, r, http.StatusOK, "report", page)
			return
		}
		h.sendReport(w, r, f)
		return
	}
	if err := h.deps.Reports.Validate(f.input()); err != nil {
		if problems := stepProblems(err, step, f); len(problems) > 0 {
			h.deps.Site.Render(w, r, web.StatusCode(err), "report", h.reportPage(r, step, f, problems))
			return
		}
		if !hangup.IsInputError(err) {
			h.deps.Site.Error(w, r, err)
			return
		}
	}
	if step == "story" && strings.TrimSpace(f.Story) != "" && storyKey(f.Story) != f.StoryKey {
		// What the story names fills the later pages' empty answers.
		f.fill(h.deps.Reports.Suggest(r.Context(), f.input()))
		f.StoryKey = storyKey(f.Story)
	}
	next := f.next(step)
	if f.Return && (step != "happened" || next != "payment" || !f.Happened[string(hangup.HappenedPaid)] || f.Amount != "") {
		next = "check"
	}
	h.deps.Site.Render(w, r, http.StatusOK, "report", h.reportPage(r, next, f, nil))
}

// sendReport sends the report from "Check your answers", emails the
// confirmation when the person gave an address, and goes to the receipt.
func (h *Handler) sendReport(w http.ResponseWriter, r *http.Request, f ReportForm) {
	in := f.input()
	rc, err := h.deps.Reports.Submit(r.Context(), in, report.Reporter{
		User: web.UserFrom(r.Context()), Address: h.deps.ClientAddr(r), Browser: web.BrowserFrom(r.Context()), Source: "web",
	}, f.Nonce)
	if err != nil {
		h.reportProblem(w, r, f, err)
		return
	}
	q := url.Values{"sent": {"1"}}
	if sent, tried := h.ConfirmByEmail(r, rc, in); tried {
		q.Set("emailed", map[bool]string{true: "1", false: "0"}[sent])
	}
	// Redirect after the post: reloading the receipt can't send it again.
	http.Redirect(w, r, "/r/"+url.PathEscape(rc.Token)+"?"+q.Encode(), http.StatusSeeOther)
}

// ConfirmByEmail emails a new report's reference and tracking link to the
// address the reporter gave, if a mailer is configured. tried is false when
// there was nothing to send; a failure is logged, never shown in detail:
// the report is safe either way. Package http's report API sends the same
// email through it.
func (h *Handler) ConfirmByEmail(r *http.Request, rc *report.Receipt, in hangup.ReportInput) (sent, tried bool) {
	if h.deps.Mailer == nil || rc.Replayed || in.Contact == nil || strings.TrimSpace(in.Contact.Email) == "" {
		return false, false
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 30*time.Second)
	defer cancel()
	e := report.ConfirmationEmail(strings.TrimSpace(in.Contact.Email), rc, h.deps.TrackingURL(rc.Token))
	if err := h.deps.Mailer.Send(ctx, e); err != nil {
		h.log.Warn("sending a report's confirmation email", "reference", rc.Report.Reference, "err", err)
		return false, true
	}
	return true, true
}

// reportProblem shows the page holding the first bad answer, with every
// answer kept and each problem next to its field.
func (h *Handler) reportProblem(w http.ResponseWriter, r *http.Request, f ReportForm, err error) {
	if !hangup.IsInputError(err) {
		h.deps.Site.Error(w, r, err)
		return
	}
	step := "check"
	for _, fe := range hangup.ErrorFields(err) {
		for _, st := range reportSteps {
			if slices.Contains(st.fields, fe.Field) && stepIndex(st.Name) < stepIndex(step) {
				step = st.Name
			}
		}
	}
	f.Return = true
	h.deps.Site.Render(w, r, web.StatusCode(err), "report", h.reportPage(r, step, f, web.FormProblems(err, reportOrder, reportFieldIDs(f))))
}
