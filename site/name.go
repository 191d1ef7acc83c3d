package site

import (
	"strings"
)

// Name analysis: reading a host the way a scammer builds one. Beyond the
// lookalike families (lookalike.go), scam sites are named for what they
// pretend to do, in words people trust ("support", "verify", "tracking"),
// often misspelt so the name is free ("udapte", "verfy"), padded with random
// letters so each copy is unique ("com-trackxsl.top", "servicejnp.quest"),
// dressed up as another address ("booking.com-id15421.info") and put on
// endings that cost pennies. Each sign adds points; weak signs count only
// together. The points and the ending tiers were fitted on the "fit" part
// of the shared phishing and scam lists against popular domains (package
// site/siteeval, docs/evaluation.md); the held-out part was never used to
// choose them.

// signalWords are the words of what a scam site claims to do: sign in,
// verify, support, refund, pay, deliver. They are found anywhere in a name,
// also inside longer words ("accountverify", "trackingkim"); words of four
// letters only at the start or end of a word (help in helpdesk, not in
// whelp).
var signalWords = strings.Fields(`support helpdesk helpline help login logon signin signon verify
	verification verif validate validation secure security account accounts update updates upgrade
	refund refunds billing invoice payment payments wallet unlock recover recovery restore confirm
	confirmation customer care service services alert alerts warning suspend suspended locked
	password passcode auth authenticate authentication claim claims reward rewards prize bonus
	track tracking delivery redelivery parcel parcels shipping package fee fees customs webmail
	activate activation reactivate unblock blocked limited resolve dispute appeal pending notice
	tech technician techsupport repair virus error reschedule copyright violation`)

// misspeltTargets are the signal words scammers misspell (udapte, verfy,
// suport, acount): a one-letter slip from one of them, in a word of five
// letters or more, is a sign that no genuine company puts in its name.
var misspeltTargets = strings.Fields(`support update verify account secure security login signin
	payment refund billing confirm recover recovery unlock wallet password service customer delivery
	tracking parcel validate verification helpdesk suspended activate notification authentication
	confirmation authenticate technician redelivery reactivate unblock dispute customs shipping`)

// tldTier is how strongly an ending signals a throw-away scam site: 2 for
// the endings where scam hosts of the fit part outnumber genuine ones at
// least fifteenfold in share (with 8 scam hosts or more; a two-letter
// country ending needs 100), 1 for threefold (with 4 or more). Other
// endings on the Sublime or dnstwist lists count 1 (addRiskFindings).
var tldTier = func() map[string]int {
	m := map[string]int{}
	for _, t := range strings.Fields(`bar bond buzz cfd click cyou date hair icu info life qpon quest sbs
		shop top vip xin cc`) {
		m[t] = 2
	}
	for _, t := range strings.Fields(`boats dev fun guru help lol online page pro run store tokyo world xyz`) {
		m[t] = 1
	}
	return m
}()

// fakeDotPrefixes start a name dressed up as another address: in
// booking.com-id15421.info the "com-" makes the start read booking.com.
var fakeDotPrefixes = []string{"com-", "net-", "org-", "co-", "gov-", "uk-"}

// nameScan is what the name analysis found in a host.
type nameScan struct {
	words    []string // signal words, distinct, in order
	misspelt []string // misspelt signal words, as "udapte (update)"
	junk     bool     // a signal word padded with random letters (trackxsl)
	fakeDot  string   // the label that dresses up as another address
	digits   bool     // a long run of digits (six or more) in the site's name
	// brand is a protected brand's name found beside a signal word inside
	// one word (unlockanz, microsoftloginin); hasBrand says there is one.
	brand    int32
	hasBrand bool
	brandIn  string // the word it was found in
	subs     int    // subdomain labels before the site's name
	// both: signal words in a subdomain and in the site's own name
	// (login.fastonlinesupport.com).
	both bool
}

// signalTrie holds signalWords for scanning names.
type signalIndex struct {
	t       trie
	typos   map[string]string // one-deletion forms of misspeltTargets → the word
	targets map[string]bool
	jumbled map[string]string // sorted letters of misspeltTargets → the word
}

func newSignalIndex() *signalIndex {
	s := &signalIndex{typos: map[string]string{}, targets: map[string]bool{}, jumbled: map[string]string{}}
	for _, w := range signalWords {
		s.t.add(w)
	}
	for _, w := range misspeltTargets {
		s.targets[w] = true
		s.jumbled[sortedLetters(w)] = w
		if _, ok := s.typos[w]; !ok {
			s.typos[w] = w
		}
		for i := range len(w) {
			d := w[:i] + w[i+1:]
			if _, ok := s.typos[d]; !ok {
				s.typos[d] = w
			}
		}
	}
	return s
}

// misspelling returns the signal word tok misspells by one letter (added,
// missing, changed or two swapped), or "".
func (s *signalIndex) misspelling(tok string) string {
	if len(tok) < 5 || len(tok) > 16 || s.targets[tok] {
		return ""
	}
	// A letter missing, or tok equal to a deletion of the word.
	if w, ok := s.typos[tok]; ok && w != tok && osa1(tok, w) {
		return w
	}
	// The same letters, the first and last in place, the middle jumbled:
	// udapte, secrity→no, acocunt.
	if w, ok := s.jumbled[sortedLetters(tok)]; ok && w != tok && w[0] == tok[0] && w[len(w)-1] == tok[len(tok)-1] {
		return w
	}
	var buf [16]byte
	for i := range len(tok) {
		if i > 0 && tok[i] == tok[i-1] {
			continue
		}
		d := append(append(buf[:0], tok[:i]...), tok[i+1:]...)
		if w, ok := s.typos[string(d)]; ok && w != tok && osa1(tok, w) {
			return w
		}
	}
	return ""
}

// scanName reads the labels of a host before its public suffix: subs
// (the subdomain labels that count) and site (the site's own label, or ""
// on a platform where the path holds the content).
func (c *Checker) scanName(subs []string, site string) nameScan {
	ns := nameScan{subs: len(subs)}
	labels := subs
	if site != "" {
		labels = append(labels[:len(labels):len(labels)], site)
		for _, p := range fakeDotPrefixes {
			// "net-" and "co-" also start ordinary names (net-a-porter,
			// co-op): they read as an address's end only after a name.
			if strings.HasPrefix(site, p) && len(site) > len(p) && (p != "net-" && p != "co-" || len(subs) > 0 && !isWWW(subs[len(subs)-1])) {
				ns.fakeDot = site
				break
			}
		}
		// dpd.de-srgd.com: a country ending and a hyphen after a subdomain
		// make the start read as a whole address.
		if i := strings.IndexByte(site, '-'); ns.fakeDot == "" && i == 2 && len(subs) > 0 && !isWWW(subs[len(subs)-1]) && isTLDLabel(site[:2]) {
			ns.fakeDot = site
		}
		run := 0
		for i := 0; i < len(site); i++ {
			if site[i] >= '0' && site[i] <= '9' {
				if run++; run >= 6 {
					ns.digits = true
				}
			} else {
				run = 0
			}
		}
	}
	inSubs := false
	for k, l := range labels {
		if isWWW(l) || strings.HasPrefix(l, "xn--") {
			continue
		}
		before := len(ns.words)
		// Words are runs of letters: hyphens and digits split them.
		for i := 0; i < len(l); {
			for i < len(l) && !isLetter(l[i]) {
				i++
			}
			j := i
			for j < len(l) && isLetter(l[j]) {
				j++
			}
			if j > i {
				c.scanWord(l[i:j], &ns)
			}
			i = j
		}
		c.scanLeet(l, &ns)
		switch {
		case k < len(labels)-1 || site == "":
			inSubs = inSubs || len(ns.words) > before
		case inSubs && len(ns.words) > before:
			ns.both = true
		}
	}
	return ns
}

// leet maps the digits that stand in for letters (supp0rt, upd4te, l0gin).
var leet = [10]byte{'o', 'l', 0, 'e', 'a', 's', 0, 't', 0, 'g'}

// scanLeet reads the runs of letters and digits in a label that mix both,
// with the digits read as the letters they stand for: a signal word found
// only that way is written in disguise (supp0rt, upd4te), which genuine
// names don't do.
func (c *Checker) scanLeet(l string, ns *nameScan) {
	for i := 0; i < len(l); {
		for i < len(l) && !isLetter(l[i]) && !isDigit(l[i]) {
			i++
		}
		j, letters, digits := i, 0, 0
		for j < len(l) && (isLetter(l[j]) || isDigit(l[j])) {
			if isDigit(l[j]) {
				digits++
			} else {
				letters++
			}
			j++
		}
		run := l[i:j]
		i = j
		if digits == 0 || letters < 3 || len(run) > MaxLabel || len(ns.misspelt) >= 2 {
			continue
		}
		var buf [MaxLabel]byte
		ok := true
		for k := 0; k < len(run); k++ {
			ch := run[k]
			if isDigit(ch) {
				// Only digits between letters stand for letters.
				if k == 0 || k == len(run)-1 || leet[ch-'0'] == 0 || !isLetter(run[k-1]) && !isLetter(run[k+1]) {
					ok = false
					break
				}
				ch = leet[ch-'0']
			}
			buf[k] = ch
		}
		if !ok {
			continue
		}
		var probe nameScan
		c.scanWord(string(buf[:len(run)]), &probe)
		for _, w := range probe.words {
			if len(w) >= 5 && !containsStr(ns.words, w) {
				ns.misspelt = append(ns.misspelt, run+" ("+w+")")
				break
			}
		}
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// sortedLetters returns the letters of a short word in order.
func sortedLetters(w string) string {
	var b [16]byte
	n := copy(b[:], w)
	s := b[:n]
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return string(s)
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// scanWord finds the signal words in one run of letters, leftmost longest
// first, and notes misspellings and random padding.
func (c *Checker) scanWord(w string, ns *nameScan) {
	t := &c.signals.t
	if len(t.nodes) == 0 {
		return
	}
	found := false
	covered, gapStart := 0, 0
	pad := "" // the longest stretch of letters between or around signal words
	var gaps [4][2]int
	ngaps := 0
	gap := func(from, to int) {
		if to-from > len(pad) {
			pad = w[from:to]
		}
		if to-from >= 2 && ngaps < len(gaps) {
			gaps[ngaps] = [2]int{from, to}
			ngaps++
		}
	}
	for i := 0; i < len(w); {
		n, end := int32(0), -1
		for j := i; j < len(w); j++ {
			k := trieIndex(w[j])
			if k < 0 {
				break
			}
			if n = t.nodes[n].next[k]; n == 0 {
				break
			}
			if t.nodes[n].end {
				// Four-letter words count at the start or end of the word
				// only.
				if j+1-i >= 5 || i == 0 || j+1 == len(w) {
					end = j + 1
				}
			}
		}
		if end < 0 {
			i++
			continue
		}
		found = true
		gap(gapStart, i)
		word := w[i:end]
		if !containsStr(ns.words, word) && len(ns.words) < 4 {
			ns.words = append(ns.words, word)
		}
		covered += end - i
		i, gapStart = end, end
	}
	if found {
		gap(gapStart, len(w))
		for _, g := range gaps[:ngaps] {
			if ns.hasBrand {
				break
			}
			part := w[g[0]:g[1]]
			if ids, ok := c.labels[part]; ok && !serviceWords[part] {
				for _, id := range ids {
					if b := &c.brands[id]; b.combo && (len(part) >= 5 || b.kind == kindRegistry && len(part) >= 3 && b.solo) {
						ns.brand, ns.hasBrand, ns.brandIn = id, true, w
						break
					}
				}
			}
		}
		// A signal word padded with a few random letters: trackxsl,
		// servicejnp, deliverydecu. An ordinary word beside it
		// (supportcenter) or a syllable (trackingpro) is not padding.
		if len(pad) >= 2 && len(pad) <= 5 && covered >= 4 && !c.words[pad] && !syllable(pad) {
			ns.junk = true
		}
		return
	}
	if m := c.signals.misspelling(w); m != "" && len(ns.misspelt) < 2 {
		ns.misspelt = append(ns.misspelt, w+" ("+m+")")
	}
}

// syllable reports whether a short stretch of letters reads like a
// syllable of a word (a vowel among consonants: kim, lex, pro), not random
// letters (xsl, jnp).
func syllable(p string) bool {
	v := 0
	for i := 0; i < len(p); i++ {
		if strings.IndexByte("aeiouy", p[i]) >= 0 {
			v++
		}
	}
	return v > 0 && v < len(p) && v*3 >= len(p)
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
