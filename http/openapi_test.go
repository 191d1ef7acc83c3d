package http

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The OpenAPI document must describe exactly the API the handlers serve, and
// what the handlers answer must fit the document's schemas.

type openAPI struct {
	Paths      map[string]map[string]operation `json:"paths"`
	Components struct {
		Schemas   map[string]any            `json:"schemas"`
		Responses map[string]map[string]any `json:"responses"`
	} `json:"components"`
}

type operation struct {
	Parameters  []map[string]any          `json:"parameters"`
	RequestBody map[string]any            `json:"requestBody"`
	Responses   map[string]map[string]any `json:"responses"`
}

func loadOpenAPI(t *testing.T) openAPI {
	t.Helper()
	var doc openAPI
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
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
		served = append(served, rt.method+" "+rt.path)
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
					if err := validate(doc, content["schema"], content["example"], "request"); err != nil {
						t.Errorf("the request example does not fit its own schema: %v", err)
					}
				}
				r := do(t, s, strings.ToUpper(method), target, ct, body)
				resp, ok := op.Responses[fmt.Sprint(r.status)]
				if !ok {
					t.Fatalf("status %d is not documented: %s", r.status, r.body)
				}
				checkResponse(t, doc, resp, r.body)
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
		checkResponse(t, doc, resp, r.body)
	}
}

func checkResponse(t *testing.T, doc openAPI, resp map[string]any, body []byte) {
	t.Helper()
	if ref, ok := resp["$ref"].(string); ok {
		resp = doc.Components.Responses[strings.TrimPrefix(ref, "#/components/responses/")]
	}
	schema := resp["content"].(map[string]any)["application/json"].(map[string]any)["schema"]
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("response is not JSON: %v", err)
	}
	if err := validate(doc, schema, v, "response"); err != nil {
		t.Errorf("response does not fit the schema: %v\n%s", err, body)
	}
}

// validate is a small JSON Schema checker covering what openapi.json uses:
// $ref, type (one or a list, with null), required, properties,
// additionalProperties false, items, enum, allOf and oneOf.
func validate(doc openAPI, schema any, v any, at string) error {
	s, ok := schema.(map[string]any)
	if !ok {
		return nil
	}
	if ref, ok := s["$ref"].(string); ok {
		return validate(doc, doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")], v, at)
	}
	for _, sub := range asList(s["allOf"]) {
		if err := validate(doc, sub, v, at); err != nil {
			return err
		}
	}
	if one := asList(s["oneOf"]); len(one) > 0 {
		matched := 0
		for _, sub := range one {
			if validate(doc, sub, v, at) == nil {
				matched++
			}
		}
		if matched != 1 {
			return fmt.Errorf("%s: fits %d of the oneOf schemas, want 1", at, matched)
		}
	}
	if t, ok := s["type"]; ok && !typeOK(t, v) {
		return fmt.Errorf("%s: %T does not have type %v", at, v, t)
	}
	if enum := asList(s["enum"]); len(enum) > 0 && v != nil && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v is not one of %v", at, v, enum)
	}
	switch val := v.(type) {
	case map[string]any:
		for _, r := range asList(s["required"]) {
			if _, ok := val[r.(string)]; !ok {
				return fmt.Errorf("%s: required field %q missing", at, r)
			}
		}
		props, _ := s["properties"].(map[string]any)
		for k, fv := range val {
			ps, ok := props[k]
			if !ok {
				if s["additionalProperties"] == false {
					return fmt.Errorf("%s: field %q is not in the schema", at, k)
				}
				continue
			}
			if err := validate(doc, ps, fv, at+"."+k); err != nil {
				return err
			}
		}
	case []any:
		for i, item := range val {
			if err := validate(doc, s["items"], item, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func typeOK(t any, v any) bool {
	if l, ok := t.([]any); ok {
		for _, one := range l {
			if typeOK(one, v) {
				return true
			}
		}
		return false
	}
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "null":
		return v == nil
	}
	return false
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
		if validate(doc, map[string]any{"$ref": "#/components/schemas/CheckResult"}, v, "x") == nil {
			t.Errorf("bad value %d passed the CheckResult schema", i)
		}
	}
	if validate(doc, map[string]any{"$ref": "#/components/schemas/CheckRequest"}, map[string]any{"numbr": "1"}, "x") == nil {
		t.Error("an unknown request field passed")
	}
}
