package http

import (
	"net/http"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/report"
)

// ReportCreated is the answer of POST /api/v1/reports (201). The tracking
// URL is private: it opens the report and is shown only once.
type ReportCreated struct {
	Reference   string          `json:"reference"`
	TrackingURL string          `json:"tracking_url"`
	Status      string          `json:"status"`
	Guidance    hangup.Guidance `json:"guidance"`
	Links       []hangup.Link   `json:"links"`
	Replayed    bool            `json:"replayed,omitempty"`
}

// apiReport answers POST /api/v1/reports. An Idempotency-Key header makes
// retries safe: the same key returns the first report (200) instead of a
// second one.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	var in hangup.ReportInput
	if err := web.DecodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	rc, err := s.deps.Reports.Submit(r.Context(), in, report.Reporter{
		User: web.UserFrom(r.Context()), Address: s.clientAddr(r), Source: "api",
	}, r.Header.Get("Idempotency-Key"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	status := http.StatusCreated
	if rc.Replayed {
		status = http.StatusOK
	}
	s.reportForm.ConfirmByEmail(r, rc, in)
	w.Header().Set("Location", s.trackingURL(rc.Token))
	web.WriteJSON(w, status, ReportCreated{Reference: rc.Report.Reference, TrackingURL: s.trackingURL(rc.Token),
		Status: string(rc.Report.Status), Guidance: rc.Guidance, Links: rc.Report.Links, Replayed: rc.Replayed})
}
