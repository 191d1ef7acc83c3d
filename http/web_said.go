package http

import (
	"net/http"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
	"github.com/hangup-org/hangup/http/internal/web"
)

// SaidPage is "What did they say?": paste a transcript or type notes, and
// get the analysis in the same layout as a call check, with the words that
// raised each warning marked.
type SaidPage struct {
	web.Page
	Text     string
	Problems web.Problems
	Answer   *Answer
	Analysis *hangup.Analysis
}

func (s *Server) webSaidForm(w http.ResponseWriter, r *http.Request) {
	s.site.Render(w, r, http.StatusOK, "said", SaidPage{Page: s.site.Page(r, "What did they say?")})
}

// webSaid analyses what was said with the same analyzer the API and the
// call check use. It is a POST: the text is the person's own words and
// stays out of addresses and logs.
func (s *Server) webSaid(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.site.Error(w, r, web.FormError(err))
		return
	}
	p := SaidPage{Page: s.site.Page(r, "What did they say?"), Text: r.PostForm.Get("text")}
	a, err := s.deps.Analyzer.Analyze(r.Context(), p.Text)
	if err != nil {
		if hangup.IsInputError(err) {
			if hangup.ErrorCode(err) == hangup.EINVALID && len([]rune(p.Text)) < 3 {
				err = hangup.Invalid("There is a problem.", hangup.FieldError{Field: "text", Message: "Paste or type what they said, in as much detail as you remember."})
			}
			p.Problems = web.FormProblems(hangup.FieldErr("text", err), []string{"text"}, nil)
			s.site.Render(w, r, web.StatusCode(err), "said", p)
			return
		}
		s.site.Error(w, r, err)
		return
	}
	ans := saidAnswer(a)
	p.Title, p.Answer, p.Analysis = ans.Heading+": what they said", &ans, a
	s.site.Render(w, r, http.StatusOK, "said", p)
}

// saidAnswer puts an analysis in the answer layout. A text without warning
// signs is never called safe: words are only part of a call.
func saidAnswer(a *hangup.Analysis) Answer {
	ans := Answer{}
	switch a.Verdict {
	case hangup.VerdictScam:
		ans.Verdict, ans.Heading = string(hangup.CheckStop), "Stop"
		ans.Sentence = "What they said follows the pattern of a scam, step by step. Hang up, and don't do anything they asked."
		if t := a.ScamType.Label(); t != "" && a.ScamType != hangup.ScamOther {
			ans.Sentence = "What they said follows the pattern of a scam (" + lowerFirst(t) + "), step by step. Hang up, and don't do anything they asked."
		}
	case hangup.VerdictSuspicious:
		ans.Verdict, ans.Heading = string(hangup.CheckCaution), "Be careful"
		ans.Sentence = "Some of what they said is what scammers say. Don't do anything they ask until you have checked."
	default:
		ans.Verdict, ans.Heading = string(hangup.CheckNoRedFlags), "No warning signs found yet"
		ans.Sentence = "We found nothing in these words that scammers say. Words are only part of a call: if in doubt, hang up and call back on a number you find yourself."
	}
	steps := []string{}
	if a.Verdict != hangup.VerdictNotScam {
		steps = append(steps, "Hang up, or don't call back. You don't have to be polite, and you don't need to explain.",
			"Don't install anything, pay, or give codes, passwords or bank details because of this call. If you already have, call your bank on the number on your card.")
	}
	steps = append(steps, "To check, contact the organisation yourself on a number from a bill, your card or its own website. Use another phone, or wait five minutes first.")
	ans.setSteps(steps)
	for i, p := range check.Points(a.Reasons) {
		if i < check.MaxPoints {
			ans.Points = append(ans.Points, p)
		} else {
			ans.More = append(ans.More, p)
		}
	}
	return ans
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
