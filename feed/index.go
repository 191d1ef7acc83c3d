package feed

import (
	"slices"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
)

// Index answers which feeds list a host, from memory. Build it with
// NewIndex; it is immutable and safe for concurrent use.
type Index struct {
	// names holds each name's first listing inline; the rare name on
	// several feeds has the others in more. One listing a name keeps the
	// index at about half the memory of a slice per name.
	names map[string]entryRef
	more  map[string][]entryRef
	feeds []string
	total int
}

type entryRef struct {
	feed  int32
	since int64 // Unix seconds
}

var _ hangup.SiteListings = (*Index)(nil)

// Source is one feed's entries, for NewIndex.
type Source struct {
	Feed    string
	Entries []hangup.FeedEntry
}

// NewIndex indexes the entries of the given feeds.
func NewIndex(sources []Source) *Index {
	n := 0
	for _, s := range sources {
		n += len(s.Entries)
	}
	ix := &Index{names: make(map[string]entryRef, n), more: map[string][]entryRef{}}
	for i, s := range sources {
		ix.feeds = append(ix.feeds, s.Feed)
		for _, e := range s.Entries {
			r := entryRef{feed: int32(i), since: e.FirstSeen.Unix()}
			if _, dup := ix.names[e.Name]; dup {
				ix.more[e.Name] = append(ix.more[e.Name], r)
			} else {
				ix.names[e.Name] = r
			}
		}
		ix.total += len(s.Entries)
	}
	return ix
}

// Len returns the number of entries indexed, over all feeds.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return ix.total
}

// SiteListings implements hangup.SiteListings: every feed that lists the
// host itself or a domain above it (a listed domain covers its subdomains),
// nearest name first, each feed once.
func (ix *Index) SiteListings(host string) []hangup.SiteListing {
	if ix == nil || len(ix.names) == 0 {
		return nil
	}
	host = strings.TrimPrefix(host, "www.")
	var out []hangup.SiteListing
	add := func(h string, r entryRef) {
		if !slices.ContainsFunc(out, func(l hangup.SiteListing) bool { return l.Source == ix.feeds[r.feed] }) {
			out = append(out, hangup.SiteListing{Kind: hangup.ListingFeed, Source: ix.feeds[r.feed], Entry: h, Since: time.Unix(r.since, 0).UTC()})
		}
	}
	for h := host; h != ""; {
		if r, ok := ix.names[h]; ok {
			add(h, r)
			for _, r := range ix.more[h] {
				add(h, r)
			}
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
		if !strings.Contains(h, ".") {
			break // a top-level domain is never an entry
		}
	}
	return out
}

// EachName calls fn with every name the index holds, in no particular
// order, until fn returns false. For scans that no single lookup answers,
// such as an organisation's lookalikes on its dashboard.
func (ix *Index) EachName(fn func(name string) bool) {
	if ix == nil {
		return
	}
	for name := range ix.names {
		if !fn(name) {
			return
		}
	}
}
