package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
)

// DecodeJSON reads one JSON object from the request body into v. It insists
// on a JSON content type (415), a body under the server's cap (413), valid
// UTF-8, no unknown fields and nothing after the object (400), and names the
// offending field where it can.
func DecodeJSON(r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return hangup.Errorf(hangup.EUNSUPPORTED, "Send the request as JSON with Content-Type: application/json (got %q).", ct)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return hangup.Errorf(hangup.ETOOLARGE, "The request body is larger than %d KiB.", tooBig.Limit>>10)
		}
		return hangup.Errorf(hangup.EINVALID, "The request body could not be read.")
	}
	return decodeJSONBytes(body, v)
}

func decodeJSONBytes(body []byte, v any) error {
	if !utf8.Valid(body) {
		return hangup.Errorf(hangup.EINVALID, "The request body is not valid UTF-8 text.")
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonProblem(err)
	}
	if dec.More() {
		return hangup.Errorf(hangup.EINVALID, "The request body must hold one JSON object and nothing after it.")
	}
	return nil
}

func jsonProblem(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return hangup.Errorf(hangup.EINVALID, "The request body is empty: send a JSON object.")
	case errors.As(err, &syn):
		return hangup.Errorf(hangup.EINVALID, "The request body is not valid JSON (at byte %d).", syn.Offset)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return hangup.Errorf(hangup.EINVALID, "The request body must be a JSON object.")
		}
		return hangup.Invalid("A field has the wrong type.", hangup.FieldError{Field: field, Message: fmt.Sprintf("must be %s", jsonTypeName(typ.Type.Kind().String()))})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return hangup.Invalid("The request has a field this endpoint does not know.", hangup.FieldError{Field: name, Message: "is not a field of this request"})
	}
	return hangup.Errorf(hangup.EINVALID, "The request body could not be read as JSON.")
}

func jsonTypeName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "int", "int64", "float64", "uint", "uint64":
		return "a number"
	}
	return "of another type"
}
