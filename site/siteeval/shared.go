// Package siteeval measures the website checker (package site) on real
// hostnames: the shared phishing and scam lists against popular domains,
// split deterministically into a part used to fit the name analysis and a
// held-out part that is only ever scored, and on anyone's own labelled
// JSON-lines file. It is imported by cmd/hangup and tests, never by the
// checker itself.
package siteeval

import (
	"bufio"
	_ "embed"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/feed"
	"github.com/hangup-org/hangup/site"
)

// Part is a part of the split.
type Part string

// The two parts: Fit is what the name analysis was tuned on; Test is never
// used for tuning, only scored. FitOther is the Fit part scored with the
// other half of its popular domains held out of the index: more fit false
// alarms to learn from, never a test domain.
const (
	Fit      Part = "fit"
	Test     Part = "test"
	FitOther Part = "fit-other"
)

// Valid reports whether p is one of the parts.
func (p Part) Valid() bool { return p == Fit || p == Test || p == FitOther }

// Hosts is the part whose scam and other genuine hosts p scores: FitOther
// scores Fit's hosts, only its index differs.
func (p Part) Hosts() Part {
	if p == FitOther {
		return Fit
	}
	return p
}

// TestShare is the share of split keys in the held-out Test part, in tenths.
const TestShare = 3

// splitSalt is part of every split hash: changing it would reshuffle the
// parts, so it never changes.
const splitSalt = "hangup-site-split-1:"

// PartOf says which part a split key belongs to: FNV-1a 64 of the salted
// key, Test when the hash modulo 10 is below TestShare (30 %).
func PartOf(key string) Part {
	h := fnv.New64a()
	h.Write([]byte(splitSalt))
	h.Write([]byte(key))
	if h.Sum64()%10 < TestShare {
		return Test
	}
	return Fit
}

// Label is what a host is.
type Label string

// Labels.
const (
	Scam    Label = "scam"    // on a phishing or scam list
	Genuine Label = "genuine" // a popular domain, or a list's known false positive
)

// Host is one labelled host of the shared lists.
type Host struct {
	Host   string
	Label  Label
	Source string // which list
	Key    string // the split key
	Part   Part
	// Subset: the name holds one of the fixed subset words (SubsetWords).
	Subset bool
}

// Sources of the shared lists, as Host.Source names them.
const (
	SourcePDBDomains   = "phishing-database/domains"
	SourcePDBWildcard  = "phishing-database/wildcard"
	SourcePDBLinks     = "phishing-database/links"
	SourceDurable      = "durablenapkin"
	SourceTranco       = "tranco"
	SourcePDBFalsePos  = "phishing-database/falsepositives"
	SourceOwnGenuine   = "hangup/genuine"
	SourceLongTail     = "hangup/genuine-longtail"
	sharedPDB          = "phishing-database-community"
	sharedDurable      = "durablenapkin-scamblocklist"
	sharedSublime      = "sublime-static-files"
	sharedTrancoCSV    = "tranco_top_10k.csv"
	durableHostsFile   = "hosts.txt"
	durableRawFile     = "raw.txt"
	pdbDomainsFile     = "additions/permanent/domains.list"
	pdbWildcardFile    = "additions/permanent/domains.wildcard.list"
	pdbLinksFile       = "additions/permanent/links.list"
	pdbFalsePosFile    = "falsepositives/permanent/domains.list"
	pdbFalsePosAllFile = "falsepositives/permanent/domains.all.list"
)

//go:embed subset_words.txt
var subsetWordsFile string

//go:embed genuine.txt
var ownGenuineFile string

// longTailFile stands in for the popular domains beyond the top 10,000
// (see its header); written before it was scored, never tuned on.
//
//go:embed genuine_longtail.txt
var longTailFile string

// SubsetWords are the fixed words of the headline subset.
var SubsetWords = func() []string {
	var out []string
	for line := range strings.Lines(subsetWordsFile) {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			out = append(out, w)
		}
	}
	return out
}()

// InSubset reports whether host's name, without its public suffix, holds
// one of SubsetWords.
func InSubset(host string) bool {
	suffix, _ := publicsuffix.PublicSuffix(host)
	name := strings.TrimSuffix(host, "."+suffix)
	for _, w := range SubsetWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// Shared is the labelled hosts of the shared lists, and the popular
// domains in rank order.
type Shared struct {
	Hosts  []Host
	Tranco []string // every Tranco domain, most popular first
}

// Count returns how many hosts have the label, source ("" any) and part
// ("" any).
func (s *Shared) Count(l Label, source string, p Part) int {
	n := 0
	for _, h := range s.Hosts {
		if h.Label == l && (source == "" || h.Source == source) && (p == "" || h.Part == p) {
			n++
		}
	}
	return n
}

// LoadShared reads the shared lists from dir (the shared/data directory):
// the Phishing.Database community submissions (domains, wildcard domains
// and the hosts of its links, IP addresses left out) and the DurableNapkin
// scam blocklist (hosts.txt and raw.txt) as scams; the Tranco top 10,000,
// the community list's known false positives and Hangup's own genuine list
// as genuine. A host on both sides is dropped (the false-positive list
// overrides). Duplicates are merged, and "www." and DurableNapkin's
// "store." copies of a name count once. platforms are the free hosting and
// site-builder hosts whose users' sites get their own split key.
func LoadShared(dir string, platforms []string) (*Shared, error) {
	plat := map[string]bool{}
	for _, p := range platforms {
		plat[p] = true
	}
	seen := map[string]int{}
	s := &Shared{}
	add := func(host string, l Label, source string) {
		host, ok, skip := feed.Normalise(host)
		if !ok || skip || isIP(host) {
			return
		}
		if source == SourceDurable {
			host = strings.TrimPrefix(host, "store.")
		}
		if i, dup := seen[host]; dup {
			if l == Genuine && s.Hosts[i].Label == Scam && source == SourcePDBFalsePos {
				s.Hosts[i].Label, s.Hosts[i].Source = Genuine, source
			}
			return
		}
		key := SplitKey(host, plat)
		seen[host] = len(s.Hosts)
		s.Hosts = append(s.Hosts, Host{Host: host, Label: l, Source: source, Key: key, Part: PartOf(key), Subset: InSubset(host)})
	}
	// Genuine first: the false-positive list overrides the positive lists.
	for _, f := range []string{pdbFalsePosFile, pdbFalsePosAllFile} {
		names, err := readNames(filepath.Join(dir, sharedPDB, f), hangup.FeedDomains)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			add(n, Genuine, SourcePDBFalsePos)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, sharedSublime, sharedTrancoCSV))
	if err != nil {
		return nil, fmt.Errorf("siteeval: %w", err)
	}
	for line := range strings.Lines(string(b)) {
		rank, dom, ok := strings.Cut(strings.TrimSpace(line), ",")
		if _, err := strconv.Atoi(rank); !ok || err != nil {
			continue
		}
		dom = strings.ToLower(strings.TrimSpace(dom))
		s.Tranco = append(s.Tranco, dom)
		add(dom, Genuine, SourceTranco)
	}
	for _, own := range []struct{ text, source string }{{ownGenuineFile, SourceOwnGenuine}, {longTailFile, SourceLongTail}} {
		for line := range strings.Lines(own.text) {
			if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
				add(l, Genuine, own.source)
			}
		}
	}
	for _, l := range []struct{ file, source string }{{pdbDomainsFile, SourcePDBDomains}, {pdbWildcardFile, SourcePDBWildcard}} {
		names, err := readNames(filepath.Join(dir, sharedPDB, l.file), hangup.FeedDomains)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			add(n, Scam, l.source)
		}
	}
	links, err := readLinks(filepath.Join(dir, sharedPDB, pdbLinksFile))
	if err != nil {
		return nil, err
	}
	for _, h := range links {
		add(h, Scam, SourcePDBLinks)
	}
	for _, f := range []string{durableHostsFile, durableRawFile} {
		names, err := readNames(filepath.Join(dir, sharedDurable, f), hangup.FeedHosts)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			add(n, Scam, SourceDurable)
		}
	}
	return s, nil
}

// SplitKey is what decides a host's part: its registrable domain (Public
// Suffix List, private rules included, so user sites on github.io or
// pages.dev are their own), or, for a user's site on a free host or site
// builder the list does not cover, the user's site name on it.
func SplitKey(host string, platforms map[string]bool) string {
	reg, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	if platforms[reg] && len(host) > len(reg) {
		rest := strings.TrimSuffix(host, "."+reg)
		return rest[strings.LastIndexByte(rest, '.')+1:] + "." + reg
	}
	return reg
}

func isIP(h string) bool {
	return strings.Trim(h, "0123456789.") == "" || strings.Contains(h, ":")
}

// readNames reads a list file in a feed format, keeping its order.
func readNames(path string, f hangup.FeedFormat) ([]string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("siteeval: %w", err)
	}
	defer fh.Close()
	l, err := feed.Parse(fh, f, 0)
	if err != nil {
		return nil, fmt.Errorf("siteeval: %s: %w", path, err)
	}
	return l.Names, nil
}

// readLinks reads the hosts of a file of URLs, one a line, in order.
func readLinks(path string) ([]string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("siteeval: %w", err)
	}
	defer fh.Close()
	var out []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if a, err := site.Parse(line); err == nil && !a.IP {
			out = append(out, a.Host)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("siteeval: %s: %w", path, err)
	}
	out = slices.Compact(out)
	return out, nil
}
