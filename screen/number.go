package screen

import (
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
)

// maxNumberInput caps what is read of a From or To value. A SIP URI with a
// display name and parameters fits easily; anything longer is not a number
// and is answered as unreadable without further work.
const maxNumberInput = 512

// withheldUsers are the user parts SIP stacks put in From for a withheld
// number (RFC 3325 "anonymous", and what PBXs commonly use).
var withheldUsers = []string{"anonymous", "unavailable", "unknown", "restricted", "private", "withheld"}

// userPart reduces a From/To value as SIP carries it — "\"Name\"
// <sip:+441632960123@host;user=phone>", "tel:+44…", "sips:…", or a bare
// number — to the user part: the number as the caller's network wrote it.
// It allocates only when the value is percent-encoded.
func userPart(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if s[0] == '+' && plainNumber(s) {
		return s // the common case: a bare E.164 number
	}
	if i := strings.IndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			s = s[i+1 : i+j]
		} else {
			s = s[i+1:]
		}
	}
	switch {
	case hasPrefixFold(s, "tel:"):
		s = s[4:]
	case hasPrefixFold(s, "sip:"):
		s = userOf(s[4:])
	case hasPrefixFold(s, "sips:"):
		s = userOf(s[5:])
	}
	for i := 0; i < len(s); i++ {
		if s[i] == ';' || s[i] == '?' {
			s = s[:i]
			break
		}
	}
	if strings.IndexByte(s, '%') >= 0 {
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
	}
	return strings.TrimSpace(s)
}

// plainNumber reports whether s holds nothing but digits after its first
// byte.
func plainNumber(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// userOf returns the user part of "user@host"; a URI without one ("host")
// names no number.
func userOf(s string) string {
	if i := strings.IndexByte(s, '@'); i >= 0 {
		return s[:i]
	}
	return ""
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix,
// in any case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// isWithheld reports whether a user part stands for no number at all.
func isWithheld(user string) bool {
	if user == "" {
		return true
	}
	if c := user[0]; c == '+' || c >= '0' && c <= '9' {
		return false
	}
	for _, w := range withheldUsers {
		if strings.EqualFold(user, w) {
			return true
		}
	}
	return false
}

// Number facts, as bits: what the screening layers need to know about a
// caller ID, distilled once from phone.Intel's full classification.
const (
	numValid       uint16 = 1 << iota // libphonenumber says the number can exist
	numUnreadable                     // not a phone number at all
	numInvalid                        // parsed, but no such number can exist
	numPremium                        // premium rate: never a legitimate caller ID in the UK
	numUnallocated                    // Ofcom: in a block no provider holds (or not listed, or drama)
	numWrongLength                    // Ofcom: the block's numbers have another length
	numUKFixed                        // a UK number other than a mobile (landline, 03, 08…)
	numUKMobile                       // a UK mobile
	numEmergency                      // an emergency short number
	numShort                          // another short number (no E.164 form)
)

// facts is one classified caller ID. Instances are immutable once cached.
type facts struct {
	key   uint64 // E.164 digits; 0 for short numbers and unreadable input
	e164  string // "" when the number has no E.164 form
	short string // digits of a short number, e.g. "159"
	flags uint16
}

func (f *facts) has(flag uint16) bool { return f.flags&flag != 0 }

// classify distils a parsed number into facts.
func classify(n *hangup.Number) *facts {
	f := &facts{e164: n.E164}
	if k, ok := phone.Key(n.E164); ok {
		f.key = k
	}
	if n.Valid {
		f.flags |= numValid
	}
	if n.Type == hangup.NumberShortCode {
		f.short = n.National
		f.flags |= numShort
	}
	for _, r := range n.Findings {
		switch r.Code {
		case phone.CodeUnreadable:
			f.flags |= numUnreadable
		case phone.CodeInvalid:
			f.flags |= numInvalid
		case phone.CodeUKPremiumRate, phone.CodeUKAdultPremiumRate, phone.CodePremiumRate:
			f.flags |= numPremium
		case phone.CodeUKUnallocated, phone.CodeUKNotListed, phone.CodeUKDramaRange:
			f.flags |= numUnallocated
		case phone.CodeUKWrongLength:
			f.flags |= numWrongLength
		case phone.CodeShortEmergency:
			f.flags |= numEmergency
		}
	}
	if !n.Valid && n.E164 == "" && f.flags&(numShort|numUnreadable) == 0 {
		f.flags |= numUnreadable
	}
	if n.CountryCode == 44 && n.UK != nil && n.Valid {
		if n.UK.Range == "mobile" {
			f.flags |= numUKMobile
		} else {
			f.flags |= numUKFixed
		}
	}
	return f
}

// factCacheBits sizes the classification cache: 2^19 slots in pairs, 4 MiB
// of pointers plus up to 524,288 small entries (~40 MiB when full).
const factCacheBits = 19

// factCache maps E.164 keys to facts without locks: a two-way
// set-associative table of atomic pointers. A number may sit in either slot
// of its pair; a new number takes the first slot, pushing the pair's
// previous first entry to the second. Two numbers that
// hash to the same pair therefore both stay cached instead of evicting each
// other on every call, and memory stays bounded: a flood of random caller
// IDs costs re-parses, never growth. Facts depend only on the phone engine
// (numbering plan and Ofcom tables), fixed for the process, so the cache
// outlives snapshot swaps: a new report does not make every number cold.
type factCache struct {
	slots [1 << factCacheBits]atomic.Pointer[facts]
}

func slotOf(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> (64 - factCacheBits) &^ 1 }

func (c *factCache) get(k uint64) *facts {
	i := slotOf(k)
	if f := c.slots[i].Load(); f != nil && f.key == k {
		return f
	}
	if f := c.slots[i+1].Load(); f != nil && f.key == k {
		return f
	}
	return nil
}

func (c *factCache) put(f *facts) {
	if f.key == 0 {
		return
	}
	i := slotOf(f.key)
	first := c.slots[i].Load()
	if first == nil || first.key == f.key {
		c.slots[i].Store(f)
		return
	}
	// The newest entry goes first, the previous first moves second, and
	// whatever was second (the older) is dropped. Racing writers may lose
	// an entry here; that only costs a re-parse.
	c.slots[i+1].Store(first)
	c.slots[i].Store(f)
}

// lookup classifies a caller or called user part: from the cache when it is
// in E.164 form and seen before, else through the phone engine (whose own
// cache serves repeated national forms).
func (e *Engine) lookup(user string) *facts {
	if k, ok := phone.Key(user); ok {
		if f := e.facts.get(k); f != nil {
			return f
		}
	}
	n := e.cfg.Numbers.ParseNumber(user)
	if k, ok := phone.Key(n.E164); ok {
		if f := e.facts.get(k); f != nil {
			return f
		}
	}
	f := classify(&n)
	e.facts.put(f)
	return f
}
