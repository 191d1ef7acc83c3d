package screen

import (
	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
)

// Customer is an API key compiled for screening: its policy, and its allow
// and deny lists as sets keyed by E.164 digits so that a decision pays two
// map lookups for them, however long the lists are.
type Customer struct {
	// Key is the API key the customer authenticated with. Don't modify it.
	Key    *hangup.APIKey
	policy hangup.ScreenPolicy
	allow  map[uint64]struct{}
	deny   map[uint64]struct{}
}

// NewCustomer compiles k. List entries that are not E.164 numbers are
// skipped (the stores validate them on the way in), and an invalid policy
// falls back to the default rather than screening with nonsense.
func NewCustomer(k *hangup.APIKey) *Customer {
	c := &Customer{Key: k, policy: k.Policy, allow: set(k.Allow), deny: set(k.Deny)}
	if c.policy.Validate() != nil {
		c.policy = hangup.DefaultScreenPolicy()
	}
	return c
}

// Policy returns the thresholds the customer screens with.
func (c *Customer) Policy() hangup.ScreenPolicy {
	if c == nil {
		return hangup.DefaultScreenPolicy()
	}
	return c.policy
}

func set(numbers []string) map[uint64]struct{} {
	if len(numbers) == 0 {
		return nil
	}
	m := make(map[uint64]struct{}, len(numbers))
	for _, n := range numbers {
		if k, ok := phone.Key(n); ok {
			m[k] = struct{}{}
		}
	}
	return m
}

// ValidListNumber reports whether s is acceptable in an allow or deny list:
// E.164, "+" and 2 to 15 digits.
func ValidListNumber(s string) bool {
	_, ok := phone.Key(s)
	return ok
}
