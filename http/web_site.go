package http

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/http/internal/web"
)

// SiteForm is the website form as typed.
type SiteForm struct {
	Address string // the address they were told to visit
	Claims  string // who the person who sent them there said they were
}

// SitePage is the website check: the form, and once asked, the answer in
// the same layout as a call check.
type SitePage struct {
	web.Page
	Form     SiteForm
	Problems web.Problems
	Answer   *Answer
	Site     *hangup.SiteCheck
	Orgs     []string
	ShareURL string // this answer's own address: checking a website keeps nothing
}

var siteFields = []string{"address", "claims"}

// webSite answers GET /website: the form, or with ?address= the answer.
// Checking an address changes nothing, so it is a GET: the answer's
// address can be kept or shared like any page.
func (s *Server) webSite(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := SiteForm{Address: q.Get("address"), Claims: q.Get("claims")}
	p := SitePage{Page: s.site.Page(r, "Check a website"), Form: form, Orgs: s.orgNames()}
	_, asked := q["address"]
	if !asked {
		s.site.Render(w, r, http.StatusOK, "website", p)
		return
	}
	sc, err := s.checkSite(form)
	if err != nil {
		if hangup.IsInputError(err) {
			p.Problems = web.FormProblems(err, siteFields, nil)
			s.site.Render(w, r, web.StatusCode(err), "website", p)
			return
		}
		s.site.Error(w, r, err)
		return
	}
	s.withSiteReputation(sc)
	a := siteAnswer(sc)
	p.Title, p.Answer, p.Site = a.Heading+": your website check", &a, sc
	keep := url.Values{"address": {form.Address}}
	if form.Claims != "" {
		keep.Set("claims", form.Claims)
	}
	p.ShareURL = s.PublicURL() + "/website?" + keep.Encode()
	s.site.Render(w, r, http.StatusOK, "website", p)
}

// ShareNote says what the link keeps: the question, so it checks again.
func (SitePage) ShareNote() string { return "checks this website again, any time." }

// checkSite runs the same website checker as a call check, against the
// organisation the person names when Hangup knows it.
func (s *Server) checkSite(form SiteForm) (*hangup.SiteCheck, error) {
	addr := strings.TrimSpace(form.Address)
	var p hangup.Problems
	p.Text("address", addr, check.MaxWebsiteLen)
	p.Text("claims", form.Claims, check.MaxClaimsLen)
	if addr == "" {
		p.Add("address", "Enter the website address they told you to go to, for example anydesk.com.")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	claimed := ""
	if c := strings.TrimSpace(form.Claims); c != "" {
		if m := s.deps.Registry.Snapshot().MatchOrganisation(c, ""); m.Organisation != nil && !m.Organisation.Generic {
			claimed = m.Organisation.ID
		}
	}
	sc, err := s.deps.Sites.CheckSiteFor(addr, claimed)
	if err != nil {
		return nil, hangup.FieldErr("address", err)
	}
	return &sc, nil
}

// siteAnswer puts a website check in the answer layout.
func siteAnswer(sc *hangup.SiteCheck) Answer {
	a := Answer{Sentence: sc.Summary, Points: nil}
	name := sc.Brand
	switch sc.Verdict {
	case hangup.SiteImpersonation:
		a.Verdict, a.Heading = string(hangup.CheckStop), "Stop"
		a.setSteps([]string{
			"Close the website. Don't type anything into it, and don't download anything from it.",
			"If you already gave a password, card or bank details on it, call your bank on the number on your card, and change the password from another device.",
			"To reach " + orName(name, "the real organisation") + ", type its address yourself or use a bookmark you made before.",
		})
	case hangup.SiteRemoteAccessTool:
		a.Verdict, a.Heading = string(hangup.CheckStop), "Stop"
		a.Sentence = "This is where you download " + orName(sc.Tool, "a remote-access tool") + ", which lets someone else control your computer. If a caller told you to go here, it is a scam: hang up."
		a.setSteps([]string{
			"Don't download or install anything a caller asks you to, and don't read them any code it shows.",
			"If you already did, turn off the internet (unplug it or switch off Wi-Fi) and ask someone you trust to help.",
			"If you paid or gave bank details, call your bank on the number on your card.",
		})
	case hangup.SiteSuspicious:
		a.Verdict, a.Heading = string(hangup.CheckCaution), "Be careful"
		a.setSteps([]string{
			"Don't type passwords, card or bank details into it.",
			"If you want to reach an organisation, type the address you already know, or find it on a letter or a bill.",
		})
	case hangup.SiteOfficial:
		a.Verdict, a.Heading = string(hangup.CheckNoRedFlags), "This is "+orName(name, "a known organisation")+"'s own website"
		a.setSteps([]string{
			"A real website can still be part of a scam: a caller can send you to it to make their story look true. If a caller sent you here, hang up and contact the organisation yourself.",
		})
	default:
		a.Verdict, a.Heading = string(hangup.CheckNotEnough), "We don't know this website"
		a.setSteps([]string{
			"Only go to websites you typed yourself or found yourself, not ones a caller gave you.",
			"Don't type passwords, card or bank details into a website a caller sent you to.",
		})
	}
	if a.Sentence == "" {
		a.Sentence = "Nothing is known for or against this address."
	}
	for i, p := range check.Points(sc.Findings) {
		if i < check.MaxPoints {
			a.Points = append(a.Points, p)
		} else {
			a.More = append(a.More, p)
		}
	}
	return a
}

func orName(name, otherwise string) string {
	if name == "" {
		return otherwise
	}
	return name
}

// orgNames are the registry's named organisations, for suggestions.
func (s *Server) orgNames() []string {
	var names []string
	for _, o := range s.deps.Registry.Snapshot().Organisations() {
		if !o.Generic {
			names = append(names, o.Name)
		}
	}
	return names
}
