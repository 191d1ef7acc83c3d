package codesend

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
)

func TestTwilioPlacesACallReadingTheCode(t *testing.T) {
	var got *http.Request
	var form map[string][]string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		r.ParseForm()
		form = r.PostForm
		if r.PostForm.Get("To") == "+15005550001" {
			w.WriteHeader(400)
			return
		}
		w.WriteHeader(201)
	}))
	defer srv.Close()
	tw, err := NewTwilio(TwilioConfig{AccountSID: "AC123", AuthToken: "secret-token", From: "+441632960999", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if err := tw.SendCode(context.Background(), "+441632960001", "IMEX <Ltd>", "123456"); err != nil {
		t.Fatal(err)
	}
	if got.URL.Path != "/2010-04-01/Accounts/AC123/Calls.json" {
		t.Errorf("path %s", got.URL.Path)
	}
	if u, p, ok := got.BasicAuth(); !ok || u != "AC123" || p != "secret-token" {
		t.Errorf("auth %q %q %v", u, p, ok)
	}
	if form["To"][0] != "+441632960001" || form["From"][0] != "+441632960999" {
		t.Errorf("form %v", form)
	}
	tw2 := form["Twiml"][0]
	if !strings.Contains(tw2, "1, 2, 3, 4, 5, 6") || !strings.Contains(tw2, "IMEX &lt;Ltd&gt;") {
		t.Errorf("twiml %s", tw2)
	}
	if err := tw.SendCode(context.Background(), "+15005550001", "IMEX", "123456"); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("refused number: %v", err)
	}
	if err := tw.SendCode(context.Background(), "not a number", "IMEX", "123456"); hangup.ErrorCode(err) != hangup.EINVALID {
		t.Errorf("bad number: %v", err)
	}
	srv.Close()
	err = tw.SendCode(context.Background(), "+441632960001", "IMEX", "123456")
	if hangup.ErrorCode(err) != hangup.EUNAVAILABLE || strings.Contains(err.Error(), "secret-token") {
		t.Errorf("server down: %v", err)
	}
}

func TestTwilioConfig(t *testing.T) {
	if _, err := NewTwilio(TwilioConfig{AccountSID: "x", From: "123"}); len(hangup.ErrorFields(err)) != 3 {
		t.Errorf("bad config: %v", err)
	}
}
