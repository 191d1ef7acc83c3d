package site

import "github.com/hangup-org/hangup"

// multiListings asks several sources in turn.
type multiListings []hangup.SiteListings

// Listings combines sources of listings for Config.Listings: blocklist
// feeds today, and any other list that names websites (domains reported by
// many people, analysts' decisions) beside them. A host's listings are
// every source's, in the order given. Nil sources are skipped.
func Listings(sources ...hangup.SiteListings) hangup.SiteListings {
	var m multiListings
	for _, s := range sources {
		if s != nil {
			m = append(m, s)
		}
	}
	if len(m) == 1 {
		return m[0]
	}
	return m
}

func (m multiListings) SiteListings(host string) []hangup.SiteListing {
	var out []hangup.SiteListing
	for _, s := range m {
		out = append(out, s.SiteListings(host)...)
	}
	return out
}
