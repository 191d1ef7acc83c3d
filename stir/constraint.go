package stir

import (
	"encoding/asn1"
	"encoding/json"
	"reflect"
)

// Certificate extensions that constrain which PASSporT claims a STIR
// certificate may sign.
var (
	// OIDJWTClaimConstraints is id-pe-JWTClaimConstraints (RFC 8226 §8).
	OIDJWTClaimConstraints = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 27}
	// OIDEnhancedJWTClaimConstraints is id-pe-eJWTClaimConstraints
	// (RFC 9118), which adds mustExclude.
	OIDEnhancedJWTClaimConstraints = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 33}
)

// claimConstraints is a parsed JWTClaimConstraints or
// EnhancedJWTClaimConstraints:
//
//	JWTClaimConstraints ::= SEQUENCE {
//	  mustInclude     [0] JWTClaimNames OPTIONAL,               -- SEQUENCE OF IA5String
//	  permittedValues [1] JWTClaimPermittedValuesList OPTIONAL, -- SEQUENCE OF
//	                      --   SEQUENCE { claim IA5String, permitted SEQUENCE OF UTF8String }
//	  mustExclude     [2] JWTClaimNames OPTIONAL }              -- RFC 9118 only
//
// Tags are EXPLICIT, as in the RFCs' ASN.1 modules.
type claimConstraints struct {
	mustInclude []string
	permitted   map[string][]string
	mustExclude []string
}

type claimConstraintsASN1 struct {
	MustInclude     []string              `asn1:"optional,explicit,tag:0"`
	PermittedValues []permittedValuesASN1 `asn1:"optional,explicit,tag:1"`
	MustExclude     []string              `asn1:"optional,explicit,tag:2"`
}

type permittedValuesASN1 struct {
	Claim     string
	Permitted []string
}

// parseClaimConstraints decodes either extension; the enhanced form is a
// superset, so one decoder serves both.
func parseClaimConstraints(der []byte) (*claimConstraints, *Error) {
	var a claimConstraintsASN1
	rest, err := asn1.Unmarshal(der, &a)
	if err != nil || len(rest) > 0 {
		return nil, fail(ReasonBadCert, "JWTClaimConstraints extension is malformed")
	}
	cc := &claimConstraints{mustInclude: a.MustInclude, mustExclude: a.MustExclude}
	for _, p := range a.PermittedValues {
		if cc.permitted == nil {
			cc.permitted = map[string][]string{}
		}
		cc.permitted[p.Claim] = append(cc.permitted[p.Claim], p.Permitted...)
	}
	return cc, nil
}

// check applies the constraints to a PASSporT's claims. RFC 8226 §8: a
// PASSporT that lacks a mustInclude claim, carries a value outside a claim's
// permittedValues, or (RFC 9118) carries a mustExclude claim is rejected as a
// whole — the signer stepped outside what its certificate allows.
func (cc *claimConstraints) check(c *Claims) *Error {
	if cc == nil {
		return nil
	}
	for _, name := range cc.mustInclude {
		if !c.has(name) {
			return fail(ReasonConstraints, "certificate requires claim %q, which is absent", clip(name, 32))
		}
	}
	for _, name := range cc.mustExclude {
		if c.has(name) {
			return fail(ReasonConstraints, "certificate forbids claim %q", clip(name, 32))
		}
	}
	for name, allowed := range cc.permitted {
		raw, ok := c.raw[name]
		if !ok {
			continue
		}
		if !permittedValue(raw, allowed) {
			return fail(ReasonConstraints, "claim %q has a value the certificate does not permit", clip(name, 32))
		}
	}
	return nil
}

// permitsName reports whether the certificate vouches for the rcd claim,
// and so for its display name: only a certificate whose permittedValues
// list the rcd value makes "nam" more than the signer's say-so (RFC 9795 with
// RFC 8226 §8). check must already have passed.
func (cc *claimConstraints) permitsName() bool {
	return cc != nil && len(cc.permitted["rcd"]) > 0
}

// permittedValue reports whether the claim's JSON value equals one of the
// permitted strings. A string claim is compared as the string; any other
// claim (rcd is an object) is compared with the permitted value read as
// JSON, so member order and whitespace do not matter.
func permittedValue(raw json.RawMessage, allowed []string) bool {
	if s, ok := jsonString(raw); ok {
		for _, a := range allowed {
			if a == s {
				return true
			}
		}
		return false
	}
	var got any
	if json.Unmarshal(raw, &got) != nil {
		return false
	}
	for _, a := range allowed {
		var want any
		if json.Unmarshal([]byte(a), &want) == nil && reflect.DeepEqual(got, want) {
			return true
		}
	}
	return false
}
