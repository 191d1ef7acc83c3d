package account

import (
	"fmt"
	"time"

	"github.com/hangup-org/hangup"
)

// SignInPolicy says how failed sign-ins slow down further attempts. Every
// rule delays; none locks: an account can always be signed in to, by the
// right password, from a network that has not been failing on it. The
// policy and its reasons are in docs/security.md.
//
// Failures are counted per account and client network (an IPv4 /24, an
// IPv6 /48: package clientip) and forgotten Window after the last one.
// An attempt is refused, without its password being tried, until:
//
//   - this network has waited after its own failures on this account:
//     PairFree failures are free, then 1 s, 2 s, 4 s… doubling up to
//     PairMaxWait after the last one;
//   - this network has waited after its failures on every account
//     (someone trying one password on many accounts): NetworkFree free,
//     then doubling up to NetworkMaxWait;
//   - and, if this network has failed on this account before, the account
//     has waited after its latest failure from anywhere: AccountFree
//     failures across all networks are free, then doubling up to
//     AccountMaxWait. Guessing from many networks is slow, because every
//     network that has failed once shares this one slow lane, but a
//     network that has not failed (the account's owner at home) is not in
//     it.
//
// On top, AttemptsPerMinute bounds attempts from one network of any kind.
type SignInPolicy struct {
	Window            time.Duration
	PairFree          int
	PairMaxWait       time.Duration
	NetworkFree       int
	NetworkMaxWait    time.Duration
	AccountFree       int
	AccountMaxWait    time.Duration
	AttemptsPerMinute float64
}

// DefaultSignInPolicy returns the policy of docs/security.md.
func DefaultSignInPolicy() SignInPolicy {
	return SignInPolicy{
		Window:   24 * time.Hour,
		PairFree: 5, PairMaxWait: 15 * time.Minute,
		NetworkFree: 20, NetworkMaxWait: 15 * time.Minute,
		AccountFree: 10, AccountMaxWait: time.Minute,
		AttemptsPerMinute: 10,
	}
}

// waitAfter is how long to wait after the last of failures: nothing for
// the first free ones, then 1 s doubling with each failure up to limit.
func waitAfter(failures, free int, limit time.Duration) time.Duration {
	if failures < free {
		return 0
	}
	if n := failures - free; n < 30 {
		return min(time.Second<<n, limit)
	}
	return limit
}

// Wait returns how long an attempt judged by tot must still wait at now;
// zero means it may be tried.
func (p SignInPolicy) Wait(tot hangup.SignInTotals, now time.Time) time.Duration {
	var until time.Time
	after := func(last time.Time, failures, free int, limit time.Duration) {
		if failures < free {
			return
		}
		if t := last.Add(waitAfter(failures, free, limit)); t.After(until) {
			until = t
		}
	}
	after(tot.Pair.Last, tot.Pair.Failures, p.PairFree, p.PairMaxWait)
	after(tot.NetworkLast, tot.NetworkFailures, p.NetworkFree, p.NetworkMaxWait)
	if tot.Pair.Failures > 0 {
		after(tot.AccountLast, tot.AccountFailures, p.AccountFree, p.AccountMaxWait)
	}
	return max(until.Sub(now), 0)
}

// tooMany is the answer to an attempt that must wait.
func tooMany(wait time.Duration) error {
	return &hangup.Error{Code: hangup.ERATELIMIT, RetryAfter: wait,
		Message: fmt.Sprintf("Too many failed sign-ins. Please wait %s and try again.", humanWait(wait))}
}

// humanWait says a wait in plain words: "10 seconds", "2 minutes".
func humanWait(d time.Duration) string {
	switch s := int((d + time.Second - 1) / time.Second); {
	case s <= 1:
		return "a second"
	case s < 60:
		return fmt.Sprintf("%d seconds", s)
	case s < 120:
		return "a minute"
	default:
		return fmt.Sprintf("%d minutes", (s+59)/60)
	}
}
