package http

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hangup-org/hangup/http/internal/apitest"
)

// The OpenAPI document must describe exactly the API the handlers serve, and
// what the handlers answer must fit the document's schemas.

func loadOpenAPI(t *testing.T) apitest.Doc {
	t.Helper()
	return apitest.Parse(t, openAPIDoc)
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	s := newTestServer(t, DefaultConfig())
	var documented, served []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	for _, rt := range s.apiRoutes() {
		served = append(served, rt.Method+" "+rt.Path)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if !slices.Equal(documented, served) {
		t.Errorf("openapi.json documents\n  %v\nbut the server serves\n  %v", documented, served)
	}
}

// TestOpenAPIResponses calls every documented operation with its examples
// and checks each answer against the schema for its status.
func TestOpenAPIResponses(t *testing.T) {
	doc := loadOpenAPI(t)
	s := newTestServer(t, DefaultConfig())
	for path, ops := range doc.Paths {
		for method, op := range ops {
			t.Run(method+" "+path, func(t *testing.T) {
				target := path
				query := url.Values{}
				for _, p := range op.Parameters {
					ex := fmt.Sprint(p["example"])
					if p["example"] == nil {
						continue
					}
					switch p["in"] {
					case "path":
						target = strings.ReplaceAll(target, "{"+p["name"].(string)+"}", url.PathEscape(ex))
					case "query":
						query.Set(p["name"].(string), ex)
					}
				}
				if len(query) > 0 {
					target += "?" + query.Encode()
				}
				body, ct := "", ""
				if op.RequestBody != nil {
					content := op.RequestBody["content"].(map[string]any)["application/json"].(map[string]any)
					b, _ := json.Marshal(content["example"])
					body, ct = string(b), "application/json"
					if err := apitest.Validate(doc, content["schema"], content["example"], "request"); err != nil {
						t.Errorf("the request example does not fit its own schema: %v", err)
					}
				}
				r := do(t, s, strings.ToUpper(method), target, ct, body)
				resp, ok := op.Responses[fmt.Sprint(r.status)]
				if !ok {
					t.Fatalf("status %d is not documented: %s", r.status, r.body)
				}
				apitest.CheckResponse(t, doc, resp, r.body)
			})
		}
	}
	// Error answers fit the Error schema too.
	for _, c := range []struct{ method, path, ct, body string }{
		{"POST", "/api/v1/checks", "text/plain", "x"},
		{"POST", "/api/v1/checks", "application/json", `{"asked":["x"]}`},
		{"GET", "/api/v1/organisations/nobody", "", ""},
	} {
		r := do(t, s, c.method, c.path, c.ct, c.body)
		op := doc.Paths[strings.Replace(c.path, "nobody", "{id}", 1)][strings.ToLower(c.method)]
		resp, ok := op.Responses[fmt.Sprint(r.status)]
		if !ok {
			t.Errorf("%s %s: status %d not documented", c.method, c.path, r.status)
			continue
		}
		apitest.CheckResponse(t, doc, resp, r.body)
	}
}

// TestSchemaCheckerCanFail makes sure the checker above is not vacuous.
func TestSchemaCheckerCanFail(t *testing.T) {
	doc := loadOpenAPI(t)
	bad := []any{
		map[string]any{"verdict": "stop"}, // required fields missing
		map[string]any{"verdict": "maybe", "summary": "", "reasons": []any{}, "organisation": nil, "number": nil, "call_back": nil, "next_steps": []any{}},
		map[string]any{"verdict": "stop", "summary": "", "reasons": []any{map[string]any{"code": 1}}, "organisation": nil, "number": nil, "call_back": nil, "next_steps": []any{}},
	}
	for i, v := range bad {
		if apitest.Validate(doc, map[string]any{"$ref": "#/components/schemas/CheckResult"}, v, "x") == nil {
			t.Errorf("bad value %d passed the CheckResult schema", i)
		}
	}
	if apitest.Validate(doc, map[string]any{"$ref": "#/components/schemas/CheckRequest"}, map[string]any{"numbr": "1"}, "x") == nil {
		t.Error("an unknown request field passed")
	}
}
