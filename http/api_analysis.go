package http

import (
	"net/http"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/http/internal/web"
)

// maxAnalysisBody caps the body of POST /api/v1/analyses: the analysis takes
// up to analyze.MaxTextLen characters (up to four bytes each in UTF-8) plus
// the JSON around them.
const maxAnalysisBody = 4*analyze.MaxTextLen + 4096

// AnalysisRequest is the body of POST /api/v1/analyses.
type AnalysisRequest struct {
	Text string `json:"text"`
}

// apiAnalysis answers POST /api/v1/analyses: one transcript or a person's
// notes, analysed indicator by indicator.
func (s *Server) apiAnalysis(w http.ResponseWriter, r *http.Request) {
	var req AnalysisRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	a, err := s.deps.Analyzer.Analyze(r.Context(), req.Text)
	if err != nil {
		if c := hangup.ErrorCode(err); c == hangup.EINVALID || c == hangup.ETOOLARGE {
			err = &hangup.Error{Code: c, Message: hangup.ErrorMessage(err), Fields: []hangup.FieldError{{Field: "text", Message: hangup.ErrorMessage(err)}}}
		}
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, a)
}

// CallCreated is the answer of POST /api/v1/calls.
type CallCreated struct {
	ID string `json:"id"`
}

// apiCallCreate answers POST /api/v1/calls: a live call whose turns arrive
// one at a time. Each client (or API key) keeps a bounded number of live
// calls and gives up its own oldest to start another; when every slot is
// taken the answer is 503 with Retry-After, never someone else's call.
func (s *Server) apiCallCreate(w http.ResponseWriter, r *http.Request) {
	owner, limit, err := s.callOwner(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	id, err := s.deps.Calls.CreateFor(owner, limit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, CallCreated{ID: id})
}

// callOwner names whom a new live call belongs to, with their cap: the API
// key it was created with (CallsPerKey), else the client address (IPv6:
// its /64) with the sessions' own per-client cap.
func (s *Server) callOwner(r *http.Request) (string, int, error) {
	if secret := web.APIKey(r); secret != "" && s.deps.ScreenKeys != nil {
		c, err := s.deps.ScreenKeys.Authenticate(secret)
		if err != nil {
			return "", 0, err
		}
		return "key:" + c.Key.Name, s.cfg.CallsPerKey, nil
	}
	return "client:" + s.clientKey(r), 0, nil
}

// apiCallTurn answers POST /api/v1/calls/{id}/turns with the running risk,
// the new indicators and, the first time the call crosses the warning
// threshold, an alert.
func (s *Server) apiCallTurn(w http.ResponseWriter, r *http.Request) {
	var t hangup.Turn
	if err := web.DecodeJSON(r, &t); err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.deps.Calls.AddTurn(r.Context(), r.PathValue("id"), t)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, res)
}

// apiCallGet answers GET /api/v1/calls/{id}: the analysis so far.
func (s *Server) apiCallGet(w http.ResponseWriter, r *http.Request) {
	a, err := s.deps.Calls.Get(r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, a)
}

// apiCallEnd answers DELETE /api/v1/calls/{id}: the final analysis, and the
// call's state is dropped.
func (s *Server) apiCallEnd(w http.ResponseWriter, r *http.Request) {
	a, err := s.deps.Calls.Close(r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, a)
}
