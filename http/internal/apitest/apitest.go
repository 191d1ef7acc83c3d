// Package apitest checks the JSON API's answers against its OpenAPI
// document, for the tests of package http and of the packages under it
// that serve API endpoints.
package apitest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Doc is the part of an OpenAPI document the checks read.
type Doc struct {
	Paths      map[string]map[string]Operation `json:"paths"`
	Components struct {
		Schemas   map[string]any            `json:"schemas"`
		Responses map[string]map[string]any `json:"responses"`
	} `json:"components"`
}

// Operation is one method of one path.
type Operation struct {
	Parameters  []map[string]any          `json:"parameters"`
	RequestBody map[string]any            `json:"requestBody"`
	Responses   map[string]map[string]any `json:"responses"`
}

// Decode reads a JSON response body as a T, failing the test if it is not
// one.
func Decode[T any](t testing.TB, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

// Parse reads an OpenAPI document, failing the test if it is not one.
func Parse(t testing.TB, data []byte) Doc {
	t.Helper()
	var doc Doc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
}

// CheckResponse checks that body, an answer's JSON, fits the schema of
// resp, the documented response for the answer's status.
func CheckResponse(t testing.TB, doc Doc, resp map[string]any, body []byte) {
	t.Helper()
	if ref, ok := resp["$ref"].(string); ok {
		resp = doc.Components.Responses[strings.TrimPrefix(ref, "#/components/responses/")]
	}
	schema := resp["content"].(map[string]any)["application/json"].(map[string]any)["schema"]
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("response is not JSON: %v", err)
	}
	if err := Validate(doc, schema, v, "response"); err != nil {
		t.Errorf("response does not fit the schema: %v\n%s", err, body)
	}
}

// Validate is a small JSON Schema checker covering what openapi.json uses:
// $ref, type (one or a list, with null), required, properties,
// additionalProperties false, items, enum, allOf and oneOf.
func Validate(doc Doc, schema any, v any, at string) error {
	s, ok := schema.(map[string]any)
	if !ok {
		return nil
	}
	if ref, ok := s["$ref"].(string); ok {
		return Validate(doc, doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")], v, at)
	}
	for _, sub := range asList(s["allOf"]) {
		if err := Validate(doc, sub, v, at); err != nil {
			return err
		}
	}
	if one := asList(s["oneOf"]); len(one) > 0 {
		matched := 0
		for _, sub := range one {
			if Validate(doc, sub, v, at) == nil {
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
			if err := Validate(doc, ps, fv, at+"."+k); err != nil {
				return err
			}
		}
	case []any:
		for i, item := range val {
			if err := Validate(doc, s["items"], item, fmt.Sprintf("%s[%d]", at, i)); err != nil {
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
