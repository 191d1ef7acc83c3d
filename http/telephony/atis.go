package telephony

import (
	"net/http"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/http/internal/web"
	"github.com/hangup-org/hangup/stir"
)

// VerificationRequest is the body of POST /stir/v1/verification, in the
// shape ATIS-1000082 gives an SBC's call to a STIR/SHAKEN verification
// service.
type VerificationRequest struct {
	VerificationRequest struct {
		From struct {
			TN string `json:"tn"`
		} `json:"from"`
		To struct {
			TN []string `json:"tn"`
		} `json:"to"`
		Time     int64  `json:"time"`     // the SIP Date header, Unix seconds; 0 if absent
		Identity string `json:"identity"` // the whole Identity header value
	} `json:"verificationRequest"`
}

// VerificationResponse is the answer: verstat, and on failure the SIP
// reason code and text to put in a Reason header (RFC 8224 §6.2.2).
type VerificationResponse struct {
	VerificationResponse VerificationResult `json:"verificationResponse"`
}

// VerificationResult is the verification outcome. Attestation and OrigID
// are Hangup's additions, set when the PASSporT verified.
type VerificationResult struct {
	Verstat     string `json:"verstat"`
	ReasonCode  int    `json:"reasoncode,omitempty"`
	ReasonText  string `json:"reasontext,omitempty"`
	Attestation string `json:"attest,omitempty"`
	OrigID      string `json:"origid,omitempty"`
}

// apiVerification answers POST /stir/v1/verification.
func (h *Handler) apiVerification(w http.ResponseWriter, r *http.Request) {
	var body VerificationRequest
	if err := web.DecodeJSON(r, &body); err != nil {
		h.screenError(w, r, ifaceATIS, err)
		return
	}
	vr := body.VerificationRequest
	if vr.From.TN == "" || len(vr.To.TN) == 0 || vr.Identity == "" {
		h.screenError(w, r, ifaceATIS, hangup.Invalid("The verification request is incomplete.",
			hangup.FieldError{Field: "verificationRequest", Message: "needs from.tn, to.tn and identity"}))
		return
	}
	req := stir.Request{Identity: []string{vr.Identity}, From: vr.From.TN, To: vr.To.TN[0]}
	if vr.Time > 0 {
		req.Date = time.Unix(vr.Time, 0)
	}
	res := h.deps.Screen.Verify(r.Context(), req)
	if h.deps.Metrics != nil {
		h.deps.Metrics.Request(ifaceATIS, "ok")
	}
	out := VerificationResult{Verstat: string(res.Verstat)}
	if res.Verstat == stir.VerstatPassed {
		out.Attestation, out.OrigID = res.Attestation, res.OrigID
	} else if res.ReasonCode != 0 {
		out.ReasonCode, out.ReasonText = res.ReasonCode, res.ReasonText
	}
	web.WriteJSON(w, http.StatusOK, VerificationResponse{VerificationResponse: out})
}
