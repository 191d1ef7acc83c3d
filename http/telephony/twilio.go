package telephony

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/screen"
)

// twilioVoice answers Twilio's incoming-call webhook (a form POST with From,
// To and StirVerstat) with TwiML: <Reject> for a block, else <Dial> to the
// number or SIP URI in the forward query parameter. A SIP forward carries
// the decision as X-Hangup-* headers; a number forward plays the label to
// the person answering first (a whisper) when there is a warning.
func (h *Handler) twilioVoice(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.screenError(w, r, ifaceTwilio, hangup.Errorf(hangup.EINVALID, "The webhook body is not a form."))
		return
	}
	forward := r.URL.Query().Get("forward")
	sip := strings.HasPrefix(forward, "sip:") || strings.HasPrefix(forward, "sips:")
	if forward == "" || len(forward) > 256 || !sip && !hangup.IsE164(forward) {
		h.screenError(w, r, ifaceTwilio, hangup.Invalid("Say where to put calls through.",
			hangup.FieldError{Field: "forward", Message: "add ?forward=+441632960123 or ?forward=sip:desk@pbx.example to the webhook URL"}))
		return
	}
	req := hangup.ScreenRequest{From: r.PostForm.Get("From"), To: r.PostForm.Get("To"), Verstat: r.PostForm.Get("StirVerstat")}
	d := decisions.Get().(*hangup.Decision)
	defer decisions.Put(d)
	if err := h.deps.Screen.ScreenTo(r.Context(), &req, customerFrom(r.Context()), d); err != nil {
		h.screenError(w, r, ifaceTwilio, err)
		return
	}
	if h.deps.Metrics != nil {
		h.deps.Metrics.Request(ifaceTwilio, "ok")
	}
	var b strings.Builder
	b.WriteString(xml.Header + "<Response>")
	switch {
	case d.Action == hangup.ActionBlock:
		b.WriteString(`<Reject reason="rejected"/>`)
	case sip:
		u := forward
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		for _, h := range []string{screen.HeaderAction, screen.HeaderLabel, screen.HeaderReason} {
			if v := d.SIP.Headers[h]; v != "" {
				u += sep + h + "=" + url.QueryEscape(v)
				sep = "&"
			}
		}
		b.WriteString("<Dial><Sip>" + xmlText(u) + "</Sip></Dial>")
	case d.Action == hangup.ActionWarn || d.Action == hangup.ActionLabel:
		whisper := "/twilio/v1/whisper?label=" + url.QueryEscape(d.Label)
		b.WriteString(`<Dial><Number url="` + xmlText(whisper) + `">` + xmlText(forward) + "</Number></Dial>")
	default:
		b.WriteString("<Dial><Number>" + xmlText(forward) + "</Number></Dial>")
	}
	b.WriteString("</Response>\n")
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(b.String()))
}

// whisperWords are what the person answering hears before a labelled call
// is connected. Only known labels are spoken: the label arrives in a URL
// anyone can call, so it must not become a way to make Hangup say anything.
func whisperWords(label string) string {
	switch {
	case label == hangup.LabelSuspectedScam:
		return "Warning: Hangup thinks this call may be a scam. Don't give any details or money."
	case label == hangup.LabelUnverified:
		return "Note: this caller's number could not be verified."
	case strings.HasSuffix(label, " (verified)") && len(label) < 120 && !strings.ContainsAny(label, "<>&\"\r\n"):
		return "Verified caller: " + strings.TrimSuffix(label, " (verified)") + "."
	}
	return ""
}

// twilioWhisper answers the TwiML Twilio plays to the person answering a
// labelled call.
func (h *Handler) twilioWhisper(w http.ResponseWriter, r *http.Request) {
	words := whisperWords(r.URL.Query().Get("label"))
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	if words == "" {
		w.Write([]byte(xml.Header + "<Response/>\n"))
		return
	}
	w.Write([]byte(xml.Header + "<Response><Say>" + xmlText(words) + "</Say></Response>\n"))
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
