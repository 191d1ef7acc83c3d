package web

import (
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
)

// FuzzDecodeCheck feeds arbitrary bodies to the check request decoder and
// validator: every body is either a valid request or a clear error.
func FuzzDecodeCheck(f *testing.F) {
	for _, s := range []string{`{"number":"0906 123 4567","claims":"Microsoft","unsolicited":true,"asked":["install"]}`,
		`{}`, `[]`, `{"asked":[1]}`, `{"notes":"\u0000"}`, `{"number":`, "\xff", `{"a":1}{"b":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req hangup.CheckRequest
		err := decodeJSONBytes(body, &req)
		if err == nil {
			err = check.Validate(&req)
		}
		if err != nil && hangup.ErrorMessage(err) == "" {
			t.Fatalf("error without a message: %v", err)
		}
		if err != nil && hangup.ErrorCode(err) == hangup.EINTERNAL {
			t.Fatalf("bad input gave an internal error: %v", err)
		}
	})
}
