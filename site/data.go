package site

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup/data"
)

// Data is the reference data the checker is built from: popular genuine
// domains and the risk lists. LoadData reads the shipped copy; tests and the
// evaluation trim it (for example to hold popular domains out).
type Data struct {
	// Tranco holds popular domains, most popular first (the Tranco list).
	// All of them are treated as genuine; the top Config.PopularBrands are
	// also protected from lookalikes.
	Tranco []string
	// HighTrust holds brands' own domains (Sublime Security's
	// high_trust_sender_root_domains): official sites of well-known brands.
	HighTrust      []string
	Shorteners     []string // link shorteners: the real destination is hidden
	FreeHosts      []string // free hosting and file sharing: anyone can publish there
	SiteBuilders   []string // self-service site, form and page builders
	SuspiciousTLDs []string // endings favoured by abuse (Sublime Security's list)
	// Words are the words phishing domains add to a brand (dnstwist's
	// english.dict); the checker adds its own scam words to them.
	Words      []string
	CommonTLDs []string // the most used endings (dnstwist), for generating TLD swaps
	AbusedTLDs []string // the most abused endings (dnstwist), for generating TLD swaps
	// Dictionary holds English words of four letters or more, lower-case
	// (SCOWL): a name that is a word of its own is not a one-letter typo of
	// a brand (wired.com is not hired.com).
	Dictionary []string
	// Phished holds the popular domains that phishing and scam hosts have
	// been seen copying (PhishedFile). The other popular domains are quiet
	// brands (see brand.quiet). Nil: every popular domain is protected
	// alike.
	Phished []string
}

// maxListBytes caps a compressed list once expanded.
const maxListBytes = 16 << 20

// Files read by LoadData, relative to the root of the data file system.
const (
	TrancoFile       = "sublime/tranco_top_10k.csv"
	HighTrustFile    = "sublime/high_trust_sender_root_domains.txt"
	ShortenersFile   = "sublime/url_shorteners.txt"
	FreeSubdomFile   = "sublime/free_subdomain_hosts.txt"
	FreeFileFile     = "sublime/free_file_hosts.txt"
	SiteBuildersFile = "sublime/self_service_creation_platform_domains.txt"
	SuspiciousFile   = "sublime/suspicious_tlds.txt"
	WordsFile        = "dnstwist/english.dict"
	CommonTLDsFile   = "dnstwist/common_tlds.dict"
	AbusedTLDsFile   = "dnstwist/abused_tlds.dict"
	DictionaryFile   = "scowl/words.txt.gz"
	// PhishedFile is optional: without it every popular domain is
	// protected alike.
	PhishedFile = "phished/brands.txt"
)

// DefaultData loads the data shipped in the binary (package data).
func DefaultData() (*Data, error) { return LoadData(data.FS) }

// LoadData reads the reference data from fsys (data.FS or a directory laid
// out the same way). Every file must exist and hold at least one entry.
func LoadData(fsys fs.FS) (*Data, error) {
	d := &Data{}
	lists := []struct {
		name string
		dst  *[]string
	}{
		{HighTrustFile, &d.HighTrust}, {ShortenersFile, &d.Shorteners}, {FreeSubdomFile, &d.FreeHosts},
		{FreeFileFile, &d.FreeHosts}, {SiteBuildersFile, &d.SiteBuilders}, {SuspiciousFile, &d.SuspiciousTLDs},
		{WordsFile, &d.Words}, {CommonTLDsFile, &d.CommonTLDs}, {AbusedTLDsFile, &d.AbusedTLDs},
		{DictionaryFile, &d.Dictionary},
	}
	for _, l := range lists {
		vals, err := readList(fsys, l.name)
		if err != nil {
			return nil, err
		}
		*l.dst = append(*l.dst, vals...)
	}
	if _, err := fs.Stat(fsys, PhishedFile); err == nil {
		if d.Phished, err = readList(fsys, PhishedFile); err != nil {
			return nil, err
		}
	}
	b, err := fs.ReadFile(fsys, TrancoFile)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		rank, dom, ok := strings.Cut(line, ",")
		if _, err := strconv.Atoi(rank); !ok || err != nil || dom == "" {
			return nil, fmt.Errorf("site: %s line %d: want rank,domain, got %q", TrancoFile, n, line)
		}
		d.Tranco = append(d.Tranco, strings.ToLower(strings.TrimSpace(dom)))
	}
	if len(d.Tranco) == 0 {
		return nil, fmt.Errorf("site: %s: no domains", TrancoFile)
	}
	return d, nil
}

// readList reads a one-value-per-line file, lower-cased, skipping blank
// lines and // comments; a name ending in .gz is gzip-compressed.
func readList(fsys fs.FS, name string) ([]string, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("site: %s: %w", name, err)
		}
		if b, err = io.ReadAll(io.LimitReader(zr, maxListBytes)); err != nil {
			return nil, fmt.Errorf("site: %s: %w", name, err)
		}
	}
	var out []string
	for line := range strings.Lines(string(b)) {
		line = strings.ToLower(strings.TrimSpace(line))
		if line == "" || strings.HasPrefix(line, "//") || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.TrimPrefix(line, "."))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("site: %s: no entries", name)
	}
	return out, nil
}
