// Package phone turns what people type or read out as a phone number into
// facts: E.164 form, country, validity and type from libphonenumber's metadata
// (github.com/nyaruka/phonenumbers), and for UK numbers the range and block
// status from Ofcom's numbering tables. It is the only importer of the
// libphonenumber port.
package phone

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/data"
	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// MaxInputLen caps the text ParseNumber looks at. Real numbers with an
// extension and punctuation fit in 64 characters; longer input is rejected
// before any parsing work.
const MaxInputLen = 64

// Config configures an Intel.
type Config struct {
	// DefaultRegion is the ISO 3166-1 country whose national format is
	// assumed when a number has no country code. Default "GB".
	DefaultRegion string
	// Ofcom holds the UK block tables. Nil loads the tables shipped in the
	// binary; use LoadOfcom with os.DirFS to use newer downloads.
	Ofcom *Ofcom
}

// Intel classifies phone numbers. It is immutable and safe for concurrent use.
type Intel struct {
	region string
	ofcom  *Ofcom
	cache  *cache
}

var _ hangup.NumberService = (*Intel)(nil)

// New returns an Intel for cfg.
func New(cfg Config) (*Intel, error) {
	region := strings.ToUpper(strings.TrimSpace(cfg.DefaultRegion))
	if region == "" {
		region = "GB"
	}
	if !phonenumbers.GetSupportedRegions()[region] {
		return nil, hangup.Errorf(hangup.EINVALID, "default region %q is not a country code libphonenumber knows (try GB or US)", cfg.DefaultRegion)
	}
	o := cfg.Ofcom
	if o == nil {
		var err error
		if o, err = LoadOfcom(data.FS, "ofcom"); err != nil {
			return nil, fmt.Errorf("phone: shipped Ofcom tables: %w", err)
		}
	}
	return &Intel{region: region, ofcom: o, cache: newCache(cacheSize)}, nil
}

// DefaultRegion returns the region assumed for numbers without a country code.
func (p *Intel) DefaultRegion() string { return p.region }

// Ofcom returns the UK block tables in use.
func (p *Intel) Ofcom() *Ofcom { return p.ofcom }

// ParseNumber classifies input. Bad input never errors: it comes back with
// Valid false and a finding that says what is wrong, because a person asking
// "is this number safe?" deserves an answer, not an error.
//
// Results are cached by input: libphonenumber's pattern matching costs tens of
// microseconds and the same numbers are looked up again and again. The
// returned Number shares its slices with the cache; its Findings slice is
// clipped so appending copies it, but callers must not modify elements.
func (p *Intel) ParseNumber(input string) hangup.Number {
	if len(input) <= MaxInputLen {
		if n, ok := p.cache.get(input); ok {
			return n
		}
	}
	n := p.parseNumber(input)
	n.Findings = slices.Clip(n.Findings)
	if len(input) <= MaxInputLen {
		p.cache.put(input, n)
	}
	return n
}

// ParseNumberIn is ParseNumber for a number written as people in region
// write it: a US entry's "1-800-…" or an Australian "1300 …" number in the
// registry. Results are not cached; the registry parses each number once.
func (p *Intel) ParseNumberIn(input, region string) hangup.Number {
	region = strings.ToUpper(strings.TrimSpace(region))
	if region == "" || region == p.region || !phonenumbers.GetSupportedRegions()[region] {
		return p.ParseNumber(input)
	}
	q := Intel{region: region, ofcom: p.ofcom}
	n := q.parseNumber(input)
	n.Findings = slices.Clip(n.Findings)
	return n
}

func (p *Intel) parseNumber(input string) hangup.Number {
	n := hangup.Number{Input: input, Type: hangup.NumberUnknown, Findings: []hangup.Reason{}}
	clean, problem := cleanInput(input)
	if problem != "" {
		n.Findings = append(n.Findings, finding(CodeUnreadable, hangup.SeverityLow, problem))
		return n
	}
	if short, ok := p.shortNumber(clean); ok {
		n.Type = hangup.NumberShortCode
		n.Region = p.region
		n.National = short.digits
		n.Valid = true
		n.Findings = append(n.Findings, short.finding)
		return n
	}
	num, err := p.parse(clean)
	if err != nil {
		n.Findings = append(n.Findings, finding(CodeUnreadable, hangup.SeverityLow,
			"We couldn't read this as a phone number. Check the digits and try again, including the country code if it has one."))
		return n
	}
	n.E164 = phonenumbers.Format(num, phonenumbers.E164)
	n.CountryCode = int(num.GetCountryCode())
	n.Extension = num.GetExtension()
	// libphonenumber's validity, region and type each re-run the region's
	// patterns; ask for region and type once and derive validity from them
	// (IsValidNumber is exactly "the type is known for the region").
	n.Region = phonenumbers.GetRegionCodeForNumber(num)
	typ := phonenumbers.GetNumberType(num)
	n.Valid = n.Region != "" && typ != phonenumbers.UNKNOWN
	if n.Region == "" {
		n.Region = phonenumbers.GetRegionCodeForCountryCode(int(num.GetCountryCode()))
	}
	if n.Region == "ZZ" {
		n.Region = ""
	}
	n.Country = countryName(n.Region)
	n.Type = numberType(typ)
	n.National = phonenumbers.Format(num, phonenumbers.NATIONAL)
	n.International = phonenumbers.Format(num, phonenumbers.INTERNATIONAL)

	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if num.GetCountryCode() == 44 {
		p.ukFacts(&n, nsn)
	} else if !n.Valid {
		n.Findings = append(n.Findings, finding(CodeInvalid, hangup.SeverityMedium,
			"This is not a valid phone number. A caller ID that cannot be a real number is faked."))
	}
	if num.GetCountryCode() == 1 {
		nanpFacts(&n)
	}
	if n.Valid && n.Region != "" && n.Region != p.region && !n.HasFinding(CodeNANPForeign) {
		n.Findings = append(n.Findings, finding(CodeInternational, hangup.SeverityLow,
			fmt.Sprintf("This is a number in %s. If you live elsewhere, a call from it is an international call.", CountryPhrase(n.Region))))
	}
	if !p.isUK(&n) {
		typeFacts(&n)
	}
	return n
}

func (p *Intel) isUK(n *hangup.Number) bool { return n.CountryCode == 44 }

// parse runs libphonenumber with the default region, and understands the
// North American international prefix 011 as well, which libphonenumber only
// does when the default region is North American. UK area codes also start
// 011 (0113 Leeds…), so the UK reading wins when it is a valid number.
func (p *Intel) parse(s string) (*phonenumbers.PhoneNumber, error) {
	num, err := phonenumbers.Parse(s, p.region)
	digits := strings.TrimLeftFunc(s, func(r rune) bool { return r == '(' || unicode.IsSpace(r) })
	if strings.HasPrefix(digits, "011") && (err != nil || !phonenumbers.IsValidNumber(num)) {
		if alt, err2 := phonenumbers.Parse("+"+strings.TrimPrefix(digits, "011"), p.region); err2 == nil && phonenumbers.IsValidNumber(alt) {
			return alt, nil
		}
	}
	return num, err
}

// cleanInput rejects what cannot be a number before libphonenumber sees it:
// overlong text, invalid UTF-8, control characters and text without digits.
func cleanInput(s string) (string, string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", "No number was given."
	case len(s) > MaxInputLen:
		return "", fmt.Sprintf("That is too long to be a phone number (at most %d characters).", MaxInputLen)
	case !utf8.ValidString(s):
		return "", "The number contains characters we can't read."
	}
	digits := 0
	for _, r := range s {
		if unicode.IsControl(r) {
			return "", "The number contains characters we can't read."
		}
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits == 0 {
		return "", "There are no digits in that. Type the number as it appeared, for example 0906 123 4567."
	}
	return s, ""
}

func numberType(t phonenumbers.PhoneNumberType) hangup.NumberType {
	switch t {
	case phonenumbers.FIXED_LINE:
		return hangup.NumberFixedLine
	case phonenumbers.MOBILE:
		return hangup.NumberMobile
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		return hangup.NumberFixedLineOrMobile
	case phonenumbers.TOLL_FREE:
		return hangup.NumberTollFree
	case phonenumbers.PREMIUM_RATE:
		return hangup.NumberPremiumRate
	case phonenumbers.SHARED_COST:
		return hangup.NumberSharedCost
	case phonenumbers.VOIP:
		return hangup.NumberVoIP
	case phonenumbers.PERSONAL_NUMBER:
		return hangup.NumberPersonal
	case phonenumbers.PAGER:
		return hangup.NumberPager
	case phonenumbers.UAN:
		return hangup.NumberUAN
	case phonenumbers.VOICEMAIL:
		return hangup.NumberVoicemail
	}
	return hangup.NumberUnknown
}

// typeFacts explains costly or misleading number types outside the UK, where
// the Ofcom tables don't apply and libphonenumber's type is the best we know.
func typeFacts(n *hangup.Number) {
	switch n.Type {
	case hangup.NumberPremiumRate:
		n.Findings = append(n.Findings, finding(CodePremiumRate, hangup.SeverityHigh,
			"This is a premium-rate number: calling it can cost a lot per minute, and the money goes to whoever runs it."))
	case hangup.NumberSharedCost:
		n.Findings = append(n.Findings, finding(CodeSharedCost, hangup.SeverityLow,
			"This is a shared-cost number: you pay part of the cost of the call."))
	case hangup.NumberPersonal:
		n.Findings = append(n.Findings, finding(CodePersonal, hangup.SeverityMedium,
			"This is a personal number that can be forwarded anywhere in the world, so it says nothing about where the caller is."))
	}
}

// CountryPhrase names a country as it reads in a sentence: "the UK", "the
// US", "the Netherlands", "France". Unknown codes come back as given.
func CountryPhrase(region string) string {
	switch strings.ToUpper(region) {
	case "GB":
		return "the UK"
	case "US":
		return "the US"
	}
	name := countryName(strings.ToUpper(region))
	for _, w := range []string{"United ", "Republic", "Islands", "Netherlands", "Philippines", "Bahamas", "Gambia", "Emirates", "Czech", "Dominican", "Central African", "Maldives", "Seychelles"} {
		if strings.Contains(name, w) {
			return "the " + name
		}
	}
	return name
}

func countryName(region string) string {
	if region == "" {
		return ""
	}
	r, err := language.ParseRegion(region)
	if err != nil {
		return region
	}
	if name := display.English.Regions().Name(r); name != "" {
		return name
	}
	return region
}

func finding(code string, sev hangup.Severity, msg string) hangup.Reason {
	return hangup.Reason{Code: code, Severity: sev, Message: msg}
}
