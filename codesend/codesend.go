// Package codesend delivers the one-time codes that verify an
// organisation's phone numbers (hangup.CodeSender): Fake keeps them for
// tests, Twilio places a call that reads the code aloud.
package codesend

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hangup-org/hangup"
)

// Fake records the codes it is asked to deliver.
type Fake struct {
	mu    sync.Mutex
	codes map[string][]string
}

var _ hangup.CodeSender = (*Fake)(nil)

// NewFake returns an empty fake.
func NewFake() *Fake { return &Fake{codes: map[string][]string{}} }

// SendCode implements hangup.CodeSender.
func (f *Fake) SendCode(_ context.Context, e164, _, code string) error {
	if !hangup.IsE164(e164) {
		return hangup.Errorf(hangup.EINVALID, "%q is not a number a code can be sent to.", e164)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.codes[e164] = append(f.codes[e164], code)
	return nil
}

// Last returns the last code sent to e164, as a person answering would hear it.
func (f *Fake) Last(e164 string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.codes[e164]
	if len(c) == 0 {
		return "", false
	}
	return c[len(c)-1], true
}

// TwilioConfig says how to reach Twilio's Calls API.
type TwilioConfig struct {
	AccountSID string // AC…
	AuthToken  string // never logged
	From       string // a Twilio number in E.164 to call from
	// BaseURL is Twilio's API; tests point it at a local server. Default
	// https://api.twilio.com.
	BaseURL string
	Client  *http.Client // default: a client with a 15 s timeout
}

// Twilio delivers codes by a voice call: Twilio calls the number and reads
// the code twice, digit by digit.
type Twilio struct{ cfg TwilioConfig }

var _ hangup.CodeSender = (*Twilio)(nil)

// NewTwilio checks cfg and returns the adapter.
func NewTwilio(cfg TwilioConfig) (*Twilio, error) {
	var fields []hangup.FieldError
	if !strings.HasPrefix(cfg.AccountSID, "AC") || len(cfg.AccountSID) > 64 || strings.ContainsAny(cfg.AccountSID, "/?#") {
		fields = append(fields, hangup.FieldError{Field: "twilio_account_sid", Message: "must be the account SID, starting AC"})
	}
	if cfg.AuthToken == "" {
		fields = append(fields, hangup.FieldError{Field: "twilio_auth_token", Message: "is required"})
	}
	if !hangup.IsE164(cfg.From) {
		fields = append(fields, hangup.FieldError{Field: "twilio_from", Message: "must be a Twilio number in E.164, like +441632960001"})
	}
	if len(fields) > 0 {
		return nil, hangup.Invalid("The Twilio settings are not complete.", fields...)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://api.twilio.com"
	}
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 15 * time.Second}
	}
	return &Twilio{cfg: cfg}, nil
}

// twiml is what Twilio says on the call.
func twiml(org, code string) (string, error) {
	spaced := strings.Join(strings.Split(code, ""), ", ")
	say := fmt.Sprintf("This is Hangup, verifying this number for %s. Your code is %s. Again: %s.", org, spaced, spaced)
	var b strings.Builder
	b.WriteString("<Response><Say>")
	if err := xml.EscapeText(&b, []byte(say)); err != nil {
		return "", err
	}
	b.WriteString("</Say></Response>")
	return b.String(), nil
}

// SendCode implements hangup.CodeSender.
func (t *Twilio) SendCode(ctx context.Context, e164, org, code string) error {
	if !hangup.IsE164(e164) {
		return hangup.Errorf(hangup.EINVALID, "%q is not a number a code can be sent to.", e164)
	}
	tw, err := twiml(org, code)
	if err != nil {
		return err
	}
	form := url.Values{"To": {e164}, "From": {t.cfg.From}, "Twiml": {tw}}
	u := t.cfg.BaseURL + "/2010-04-01/Accounts/" + url.PathEscape(t.cfg.AccountSID) + "/Calls.json"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.SetBasicAuth(t.cfg.AccountSID, t.cfg.AuthToken)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := t.cfg.Client.Do(req)
	if err != nil {
		return &hangup.Error{Code: hangup.EUNAVAILABLE, Message: "The call with the code could not be placed just now. Please try again.",
			Err: errors.New("twilio: " + strings.ReplaceAll(err.Error(), t.cfg.AuthToken, "…"))}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	switch {
	case resp.StatusCode == http.StatusCreated || resp.StatusCode == http.StatusOK:
		return nil
	case resp.StatusCode == http.StatusBadRequest:
		return &hangup.Error{Code: hangup.EINVALID, Message: "The phone service would not call that number.",
			Err: fmt.Errorf("twilio: %d %s", resp.StatusCode, body)}
	}
	return &hangup.Error{Code: hangup.EUNAVAILABLE, Message: "The call with the code could not be placed just now. Please try again.",
		Err: fmt.Errorf("twilio: %d %s", resp.StatusCode, body)}
}
