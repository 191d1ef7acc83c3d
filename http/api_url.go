package http

import (
	"net/http"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/page"
)

// apiURL answers GET /api/v1/urls?u=ADDRESS[&claims=ORG-ID][&page=0]: the
// website verdict, the brand it belongs to or copies, and the findings; on
// a server that fetches pages, also what the page itself shows.
func (s *Server) apiURL(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	u := q.Get("u")
	if u == "" {
		s.apiError(w, r, hangup.Invalid("Give the address to check.", hangup.FieldError{Field: "u", Message: "is required, e.g. ?u=anydesk.com"}))
		return
	}
	sc, err := s.deps.Sites.CheckSiteFor(u, q.Get("claims"))
	if err != nil {
		if code := hangup.ErrorCode(err); code == hangup.EINVALID || code == hangup.ETOOLARGE {
			err = &hangup.Error{Code: code, Message: hangup.ErrorMessage(err), Fields: []hangup.FieldError{{Field: "u", Message: hangup.ErrorMessage(err)}}}
		}
		s.apiError(w, r, err)
		return
	}
	if s.deps.Pages != nil && page.Worth(sc) && q.Get("page") != "0" && q.Get("page") != "false" {
		pc, err := s.deps.Pages.CheckPage(r.Context(), sc.URL)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		page.Merge(&sc, pc)
	}
	s.withSiteReputation(&sc)
	web.WriteJSON(w, http.StatusOK, sc)
}
