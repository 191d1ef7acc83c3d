package http

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
)

// TrackPage is the private page of one report, reached with its tracking
// link: the receipt right after sending, and the status page afterwards.
type TrackPage struct {
	web.Page
	Report      *hangup.Report
	Events      []hangup.ReportEvent
	Guidance    hangup.Guidance
	Token       string
	TrackingURL string
	Sent        bool
	Emailed     string // "1" the confirmation was emailed, "0" sending it failed, "" none was due
	Added       bool
	AddText     string // what the person tried to add, kept when it needs changing
	Problems    web.Problems
}

// SummaryPage is the printable summary for the police or the bank.
type SummaryPage struct {
	web.Page
	Report      *hangup.Report
	Guidance    hangup.Guidance
	TrackingURL string
	Shown       string // the number that called, once, as dialled at home and from abroad
	Callback    string // the number they gave to call, the same way
}

// numberWords writes a number once, as people at home dial it, with the
// international form a bank or police force abroad needs.
func (s *Server) numberWords(typed, e164 string) string {
	if e164 == "" {
		return strings.TrimSpace(typed)
	}
	n := s.deps.Numbers.ParseNumber(e164)
	national := n.National
	if national == "" {
		national = strings.TrimSpace(typed)
	}
	if n.International != "" && n.International != national {
		return national + " (from abroad: " + n.International + ")"
	}
	return national
}

// trackingURL is the private link to a report. It is built from the
// configured public address, never from the request's Host header, which
// the client writes: a link people keep must not point where an attacker
// (or a misconfigured proxy) says.
func (s *Server) trackingURL(token string) string {
	return s.PublicURL() + "/r/" + url.PathEscape(token)
}

func (s *Server) trackPage(r *http.Request, token string) (*TrackPage, error) {
	rep, err := s.deps.Reports.ByToken(r.Context(), token)
	if err != nil {
		return nil, notYours(err)
	}
	events, err := s.deps.ReportDB.ReportEvents(r.Context(), rep.Reference)
	if err != nil {
		return nil, err
	}
	return &TrackPage{Page: s.site.Page(r, "Your report "+rep.Reference), Report: rep, Events: events,
		Guidance: s.deps.Reports.Guidance(rep), Token: token, TrackingURL: s.trackingURL(token)}, nil
}

// notYours answers every unknown or malformed tracking link alike.
func notYours(err error) error {
	if hangup.ErrorCode(err) == hangup.ENOTFOUND {
		return hangup.Errorf(hangup.ENOTFOUND, "This tracking link doesn't open a report. Check it was copied in full, or the report may have been deleted.")
	}
	return err
}

func (s *Server) webTrack(w http.ResponseWriter, r *http.Request) {
	p, err := s.trackPage(r, r.PathValue("token"))
	if err != nil {
		s.site.Error(w, r, err)
		return
	}
	p.Sent = r.URL.Query().Get("sent") == "1"
	p.Emailed = map[string]string{"1": "1", "0": "0"}[r.URL.Query().Get("emailed")]
	p.Added = r.URL.Query().Get("added") == "1"
	w.Header().Set("X-Robots-Tag", "noindex")
	s.site.Render(w, r, http.StatusOK, "track", *p)
}

func (s *Server) webSummary(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	rep, err := s.deps.Reports.ByToken(r.Context(), token)
	if err != nil {
		s.site.Error(w, r, notYours(err))
		return
	}
	w.Header().Set("X-Robots-Tag", "noindex")
	s.site.Render(w, r, http.StatusOK, "summary", SummaryPage{Page: s.site.Page(r, "Summary of report "+rep.Reference),
		Report: rep, Guidance: s.deps.Reports.Guidance(rep), TrackingURL: s.trackingURL(token),
		Shown: s.numberWords(rep.NumberShown, rep.NumberShownE164), Callback: s.numberWords(rep.CallbackNumber, rep.CallbackE164)})
}

func (s *Server) webTrackAdd(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	token := r.PathValue("token")
	if err := s.deps.Reports.AddInfo(r.Context(), token, r.PostForm.Get("text")); err != nil {
		if hangup.IsInputError(err) {
			p, perr := s.trackPage(r, token)
			if perr != nil {
				s.site.Error(w, r, perr)
				return
			}
			p.AddText, p.Problems = r.PostForm.Get("text"), web.FormProblems(err, []string{"text"}, nil)
			s.site.Render(w, r, web.StatusCode(err), "track", *p)
			return
		}
		s.site.Error(w, r, notYours(err))
		return
	}
	http.Redirect(w, r, "/r/"+url.PathEscape(token)+"?added=1", http.StatusSeeOther)
}

// DeletedPage confirms a deletion.
type DeletedPage struct {
	web.Page
	Reference string
}

func (s *Server) webTrackDelete(w http.ResponseWriter, r *http.Request) {
	if !s.site.PostedForm(w, r) {
		return
	}
	token := r.PathValue("token")
	if r.PostForm.Get("confirm") != "yes" {
		p, err := s.trackPage(r, token)
		if err != nil {
			s.site.Error(w, r, err)
			return
		}
		p.Problems = web.Problems{{Field: "confirm", Message: "To delete the report, tick the box to confirm, then press Delete."}}
		s.site.Render(w, r, http.StatusBadRequest, "track", *p)
		return
	}
	rep, err := s.deps.Reports.ByToken(r.Context(), token)
	if err != nil {
		s.site.Error(w, r, notYours(err))
		return
	}
	if err := s.deps.Reports.Delete(r.Context(), token); err != nil {
		s.site.Error(w, r, notYours(err))
		return
	}
	s.site.Render(w, r, http.StatusOK, "deleted", DeletedPage{Page: s.site.Page(r, "Report deleted"), Reference: rep.Reference})
}
