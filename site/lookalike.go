package site

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
)

// Lookalike families, after dnstwist's fuzzers and the combosquatting and
// homograph literature. Each becomes the finding code "lookalike_<family>".
const (
	famHomoglyph     = "homoglyph"          // look-alike characters: micros0ft, rnicrosoft
	famIDN           = "idn_homograph"      // international characters: micrоsoft with a Cyrillic о
	famAddition      = "addition"           // a character added at the end: microsofta
	famInsertion     = "insertion"          // a character added inside: micrososft
	famOmission      = "omission"           // a character missing: micosoft
	famRepetition    = "repetition"         // a character doubled: microsooft
	famReplacement   = "replacement"        // a character replaced: microsaft
	famKeyboard      = "keyboard"           // replaced by a neighbouring key: microdoft
	famBitsquatting  = "bitsquatting"       // one bit flipped: microcoft
	famVowelSwap     = "vowel_swap"         // a vowel replaced by another: micrasoft
	famTransposition = "transposition"      // two neighbours swapped: mircosoft
	famHyphenation   = "hyphenation"        // a hyphen inserted: micro-soft
	famPlural        = "plural"             // an s added: microsofts
	famTLDSwap       = "tld_swap"           // the right name with another ending: microsoft.support
	famSubdomain     = "subdomain"          // a dot inserted: micro.soft.com
	famCombo         = "combosquatting"     // the name plus words: microsoft-support
	famBrandSub      = "brand_in_subdomain" // the name in front of another site: microsoft.com.fix-pc.example
	famFreeHost      = "brand_on_free_host" // the name as a site on free hosting: microsoft.weebly.com
	famUserinfo      = "brand_in_userinfo"  // the name before an @: microsoft.com@evil.example
	famWholeScript   = "whole_script_homograph"
)

// scamWords are words that tech-support, bank and delivery scams add to a
// brand's name, beyond dnstwist's english.dict: the vocabulary of the scam
// playbook's stages (support, fix, refund, safe account…).
var scamWords = strings.Fields(`support supports help helpdesk helpline desk care customer customers
	service services tech techs technician technical fix fixes repair repairs virus viruses alert
	alerts warning warnings error errors refund refunds rebate billing bill bills invoice invoices
	secure security safe safety protect protection protected verify verified verification validate
	validation confirm login logon signin sign signon auth authenticate account accounts update
	updates upgrade unlock unlocked locked lock blocked suspend suspended recover recovery restore
	reset password passcode pin wallet pay payment payments banking online official team center
	centre contact call calls phone tel number numbers hotline 24x7 247 24h 24 365 live chat assist
	assistance remote connect connection access portal www ww wwww web app my id mail email webmail inbox
	order orders delivery deliver redelivery reschedule parcel package tracking track shipping fee fees
	customs claim claims prize reward appeal copyright violation unusual activity limited pending
	rewards gift gifts bonus free offer cash card cards credit debit loan transfer tax taxes gov
	fraud dispute notice notification notifications message messages info us uk usa com
	myaccount user users member members client clients profile settings device devices
	computer pc activate activation license licence renew renewal subscription subscriptions check
	checker scan scanner cleaner defender firewall antivirus guard shield download downloads install
	installer setup`)

// infraWords are words of dnstwist's dictionary that brands use for their own
// infrastructure domains (stripecdn.com, cloudflaressl.com): as additions to
// a brand they say "genuine service", not "scam", so they are left out.
var infraWords = map[string]bool{"cdn": true, "ssl": true, "blue": true, "business": true, "choose": true,
	"cl": true, "find": true, "group": true, "summary": true, "view": true, "mobile": true, "admin": true,
	"https-www": true}

// lookalike is the strongest way an address copies a brand.
type lookalike struct {
	brand  int32
	family string
	strong bool   // strong: impersonation; weak: suspicious
	part   string // the part of the address that copies the brand, as shown
	detail string // how it differs, in plain words ("the number 0 in place of the letter o")
	words  []string
}

// better reports whether l should replace the current best match m.
func (c *Checker) better(l, m lookalike, have bool) bool {
	if !have {
		return true
	}
	if l.strong != m.strong {
		return l.strong
	}
	x, y := &c.brands[l.brand], &c.brands[m.brand]
	if x.kind != y.kind {
		return x.kind < y.kind
	}
	return rankOrMax(x.rank) < rankOrMax(y.rank)
}

// findLookalike runs every lookalike family on an address whose registrable
// domain is not genuine. site is the label naming the site (ASCII) and
// siteU its Unicode form; subs are the labels before it; onPlatform says the
// site is a user's site on free hosting or a site builder.
func (c *Checker) findLookalike(a *Address, site, siteU string, subs []string, onPlatform bool) (lookalike, bool) {
	var best lookalike
	have := false
	consider := func(l lookalike, ok bool) {
		// A site never copies itself: bit.ly/abc is not a bit.ly lookalike.
		if ok && c.brands[l.brand].domain != a.Domain && !c.quietMatch(a, l, onPlatform) && c.better(l, best, have) {
			best, have = l, true
		}
	}
	var buf [2 * MaxLabel]byte
	if site != "" {
		c.labelLookalike(a, site, siteU, onPlatform, buf[:0], consider)
		l, ok := c.comboLookalike(site, siteU, onPlatform || c.riskyTLD(a))
		if ok && !c.anyScamWord(l.words) && c.ownNameElsewhere(a, site, onPlatform) {
			ok = false
		}
		// A brand that names many popular domains its name and more
		// (cloudflareinsights, cloudflare-dns) names a new one so too
		// (cloudflareclient), but not with the scam playbook's words, a
		// disguised name (amaz0n-prime) or on a scam-favoured ending.
		if ok && c.brands[l.brand].family && strings.Contains(site, c.brands[l.brand].label) && !strongWordIn(l.words) &&
			!c.anyScamWord(l.words) && !onPlatform && !c.riskyTLD(a) && a.ICANN {
			ok = false
		}
		consider(l, ok)
		// A dot inserted into the name: micro.soft.com.
		if len(subs) > 0 && (!have || !best.strong) {
			last := subs[len(subs)-1]
			joined := last + site
			if ids, ok := c.labels[joined]; ok && c.brands[ids[0]].edit {
				consider(lookalike{brand: ids[0], family: famSubdomain, strong: true, part: last + "." + siteU,
					detail: "a dot splits the name in two"}, true)
			}
		}
	}
	if !have || !best.strong {
		consider(c.subdomainLookalike(a, subs, site, onPlatform, buf[:0]))
	}
	if a.Userinfo != "" {
		consider(c.userinfoLookalike(a.Userinfo))
	}
	return best, have
}

// quietMatch reports whether l copies a quiet brand (see brand.quiet) with
// nothing else to say against the address: no scam word, an ordinary
// ending, not on free hosting, and not as a name in front of another site
// (quietbrand.com.example.top), which only a copy does.
func (c *Checker) quietMatch(a *Address, l lookalike, onPlatform bool) bool {
	if !c.brands[l.brand].quiet || onPlatform || l.family == famFreeHost || l.family == famBrandSub {
		return false
	}
	return !c.riskyTLD(a) && !c.anyScamWord(l.words)
}

// labelLookalike compares the site label as a whole with the brands:
// the same name elsewhere, look-alike characters, one-character typos. Every
// family that matches is offered to consider, which keeps the best.
func (c *Checker) labelLookalike(a *Address, site, siteU string, onPlatform bool, buf []byte, consider func(lookalike, bool)) {
	if ids, ok := c.labels[site]; ok {
		// The brand's exact name on another ending, or as a user's site on
		// free hosting (microsoft.weebly.com).
		for _, id := range ids {
			b := &c.brands[id]
			if !b.swap || b.domain == a.Domain {
				continue
			}
			if onPlatform || !a.ICANN && a.Listed {
				consider(lookalike{brand: id, family: famFreeHost, strong: true, part: siteU}, true)
				break
			}
			// A brand's name on an ending scammers favour (microsoft.support)
			// or on one that does not exist is an impersonation. On other
			// endings it is usually the brand's own site elsewhere
			// (google.rs, amazon.ie, hsbc.com, vodafone.de): no warning on
			// the name alone.
			// Brands that run sites across countries hold their name on
			// country endings, the formerly free ones too (google.cf is
			// Google's search for the Central African Republic).
			if c.riskyTLD(a) && (b.combo || len(b.label) == 2) && !b.generic && !(b.countries && countryEnding(a)) {
				consider(lookalike{brand: id, family: famTLDSwap, strong: true, part: siteU}, true)
			}
			break
		}
	}
	sk := skeleton(siteU, buf)
	if ids, ok := c.skels[string(sk)]; ok && string(sk) != site && (siteU != site || len(site) >= minSkelLabel) && c.brands[ids[0]].label != site {
		id := ids[0]
		b := &c.brands[id]
		fam, detail := famHomoglyph, describeHomoglyph(siteU, b.label)
		if siteU != site {
			fam = famIDN
		}
		consider(lookalike{brand: id, family: fam, strong: true, part: siteU, detail: detail}, true)
	}
	if len(site) >= minComboLabel+1 && strings.Contains(site, "-") {
		plain := strings.ReplaceAll(site, "-", "")
		if ids, ok := c.labels[plain]; ok && c.brands[ids[0]].edit {
			consider(lookalike{brand: ids[0], family: famHyphenation, strong: true, part: siteU,
				detail: "hyphens were added to the name"}, true)
		}
	}
	if c.words[site] || c.common[site] && !c.riskyTLD(a) {
		// An ordinary word (mail.com) is a name of its own, not a typo of
		// one (gmail.com); so is a word many popular names are made of
		// (space.com is not spacex.com, cloud.ru not icloud.com), except
		// on an ending scammers favour.
		return
	}
	if _, ok := c.labels[site]; ok {
		// A protected brand's own name (icloud, wikipedia) is that brand
		// elsewhere, not a typo of another brand (hicloud, wikimedia).
		return
	}
	if strings.Count(site, "-") > c.maxHyphens+1 {
		return // words joined by hyphens: a job for combosquatting, not typos
	}
	// On another country's ending, only registry organisations and brands
	// of that ending are typo targets (see foreignEnding).
	var accept func(*brand) bool
	if !c.riskyTLD(a) && a.ICANN && len(lastLabel(a.Suffix)) == 2 {
		accept = func(b *brand) bool { return !foreignEnding(a, b) }
	}
	id, ok := c.edit1(sk, accept)
	if !ok && string(sk) != site && siteU == site && len(site) <= MaxLabel {
		// Folding letter pairs can hide a typo (acrnois → acmois): try the
		// letters as typed too.
		id, ok = c.edit1([]byte(site), accept)
	}
	if ok && c.brands[id].kind == kindRegistry && len(c.brands[id].label) < minEditShortRegistry && !c.riskyTLD(a) {
		// One letter from a short name (dvla, visa, meta, optus) is usually
		// another real name (dola, misa, meti, optum): only on an ending
		// scammers favour.
		ok = false
	}
	// A typosquatter keeps the short name's ending, where the mistyped
	// address would lead (youtu.be → yoitu.be); one letter from a short
	// name on another ordinary ending is most often a name of its own
	// (youku.com).
	if ok && len(c.brands[id].label) < minEditShortRegistry && !c.riskyTLD(a) && !c.nameOnEnding(c.brands[id].label, a.Suffix) {
		ok = false
	}
	// A brand name that is one letter in front of a word many popular
	// names hold (icloud: cloud) shares that word with other names: another
	// letter or two there (qcloud, hicloud) is another name, not a typo; a
	// digit there (1cloud) is a disguise.
	if ok && c.brands[id].wordTail && !c.riskyTLD(a) && otherLetterBefore(site, c.brands[id].label) {
		ok = false
	}
	// Popular sites number their mirrors (xhamster2, sohu01): a digit
	// after a popular name is not a typo on its own, as for combinations.
	if ok && c.brands[id].kind > kindHighTrust && !c.riskyTLD(a) && len(site) == len(c.brands[id].label)+1 && strings.HasPrefix(site, c.brands[id].label) && allDigits(site[len(site)-1:]) {
		ok = false
	}
	// Every name of four characters under .com was registered long ago
	// (axis.com): a scammer cannot pick one as a fresh typo (axio.com).
	if ok && len(site) < minEditPopular && a.Suffix == "com" {
		ok = false
	}
	// A name that is a word of its own (wired, pixels, author) is that
	// word, not a typo of a brand one letter away (hired, pexels, auth0):
	// typosquatters pick the misspelling, not another word. On an ending
	// scammers favour it still counts, and so do a brand's plural or
	// singular (ledgers for ledger, barclay for barclays) and words near a
	// registry organisation's name, the ones Hangup's users are called about.
	if ok && !c.riskyTLD(a) && c.brands[id].kind != kindRegistry && c.dictionaryWord(site) &&
		!addedS(site, c.brands[id].label) && !addedS(c.brands[id].label, site) {
		ok = false
	}
	if ok {
		b := &c.brands[id]
		fam, detail := famIDN, ""
		if siteU == site {
			// Say the typo in the letters typed; when look-alike characters
			// and a typo combine, describe the skeletons.
			if fam, detail = describeEdit(site, b.label); fam == famHomoglyph {
				fam, detail = describeEdit(string(sk), b.skel)
			}
		} else {
			_, detail = describeEdit(string(sk), b.skel)
			detail = describeHomoglyph(siteU, b.label) + "; " + detail
		}
		consider(lookalike{brand: id, family: fam, strong: true, part: siteU, detail: detail}, true)
	}
}

// foreignEnding reports whether a's ending is a country ending other than
// the brand's own. A one-letter change to a brand's name on another
// country's ending (braze.eu for brave.com, blesk.cz for plesk.com) is not a
// mistyped address: typosquatters keep the brand's ending, or pick a
// generic or cheap one; on a country ending it is most often a local name
// of its own.
func foreignEnding(a *Address, b *brand) bool {
	cc := lastLabel(a.Suffix)
	if len(cc) != 2 || !a.ICANN {
		return false
	}
	if b.org != nil {
		// A registry organisation of one country (M&S Bank in GB) is
		// copied on its own country's ending or a generic one, not on
		// another country's (mbank.pl); a global one anywhere.
		home := strings.ToLower(b.org.Country)
		if home == "gb" {
			home = "uk"
		}
		return home != "" && home != cc
	}
	return lastLabel(b.suffix) != cc
}

// edit1 finds the best brand whose name is one edit (insertion, deletion,
// substitution or swap of neighbours) from q, through the symmetric-delete
// index: the deletions of q are looked up among brand names and their
// deletions, so a lookup costs len(q) map probes whatever the number of
// brands. Brand names are indexed both as skeletons and as typed.
func (c *Checker) edit1(q []byte, accept func(*brand) bool) (int32, bool) {
	n := len(q)
	if n < minEditRegistry-1 || n > MaxLabel || n < 63 && c.lengths&(7<<(n-1)) == 0 {
		return 0, false
	}
	best, have := int32(0), false
	pick := func(ids []int32, verify bool) {
		for _, id := range ids {
			b := &c.brands[id]
			if !b.edit || b.skel == string(q) || b.label == string(q) || accept != nil && !accept(b) {
				continue
			}
			if verify && !osa1(string(q), b.skel) && !osa1(string(q), b.label) {
				continue
			}
			if !have || c.brandLess(id, best) {
				best, have = id, true
			}
			return // postings are sorted: the first that fits is the best here
		}
	}
	// q is a brand with one character missing.
	if p, ok := c.near[string(q)]; ok {
		pick(p.del, false)
	}
	var del [MaxLabel]byte
	for i := range q {
		if i > 0 && q[i] == q[i-1] {
			continue
		}
		d := append(append(del[:0], q[:i]...), q[i+1:]...)
		p, ok := c.near[string(d)]
		if !ok {
			continue
		}
		// q is a brand with one character added.
		pick(p.exact, false)
		// q is a brand with one character replaced, or two swapped.
		pick(p.del, true)
	}
	return best, have
}

func (c *Checker) brandLess(a, b int32) bool {
	x, y := &c.brands[a], &c.brands[b]
	if x.kind != y.kind {
		return x.kind < y.kind
	}
	return rankOrMax(x.rank) < rankOrMax(y.rank)
}

// osa1 reports whether a and b are at most one edit apart, counting a swap
// of neighbours as one edit (optimal string alignment distance <= 1).
func osa1(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i == len(a) {
			return true
		}
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(b) && a[i] == b[i] {
			i++
		}
		return a[i+1:] == b[i:]
	}
	return false
}

// comboLookalike finds a brand combined with other words: hyphenated
// (microsoft-support), run together (microsoftsupport, securepaypallogin)
// or with digits (paypal24). Words from the scam vocabulary make it an
// impersonation; other words make it suspicious, for the longer brand names
// only, since short names hide inside ordinary words. risky says the site
// is on free hosting or a suspicious ending, where any combination is an
// impersonation.
func (c *Checker) comboLookalike(site, siteU string, risky bool) (lookalike, bool) {
	if site != siteU {
		site = siteU // international: match on the skeleton below
	}
	var best lookalike
	have := false
	consider := func(l lookalike) {
		if c.better(l, best, have) {
			best, have = l, true
		}
	}
	var buf [2 * MaxLabel]byte
	// Hyphenated tokens.
	if strings.Count(site, "-") > 0 {
		toks := splitTokens(site)
		for i, tok := range toks {
			if tok == "" {
				continue
			}
			id, how, ok := c.tokenBrandHow(tok, buf[:0], true)
			if !ok {
				continue
			}
			var words []string
			unknown := 0
			for j, other := range toks {
				if j == i || other == "" {
					continue
				}
				if c.filler(other) || c.signals.misspelling(other) != "" {
					words = append(words, other)
				} else {
					unknown++
				}
			}
			if len(words) == 0 && unknown == 0 {
				continue
			}
			if c.brands[id].kind > kindHighTrust && onlyDigits(words...) && unknown == 0 {
				continue
			}
			// A brand with words that are not scam words (apple-mapkit,
			// facebook-hardware) is how brands name their own services; it
			// counts only with a scam word beside (coinbase-pro-login), a
			// disguised brand (amaz0n-prime), where anyone can publish
			// (free hosting) or on a risky ending.
			if unknown > 0 && !risky && how != matchSkeleton && !c.anyScamWord(words) {
				continue
			}
			if how == matchTypo && !risky && !c.anyScamWord(words) {
				continue // a near-name with ordinary words is usually another name (share-dns)
			}
			if how == matchExact && !risky && c.brands[id].kind != kindRegistry && serviceWordsOnly(words) {
				continue // how brands name their own services: discordapp, sharepointonline
			}
			l := lookalike{brand: id, family: famCombo, strong: true, part: site, words: words}
			if how == matchSkeleton {
				l.detail = describeHomoglyph(tok, c.brands[id].label)
			}
			consider(l)
		}
		if have && best.strong {
			return best, true
		}
	}
	// Words run together, in each hyphen-free token long enough to hold a
	// brand and a word.
	for tok := range strings.SplitSeq(site, "-") {
		if len(tok) < minComboLabel+2 {
			continue
		}
		if l, ok := c.segmentCombo(tok, risky); ok {
			l.part = site
			consider(l)
		}
	}
	return best, have
}

// serviceWords are words that brands add to their own names for their own
// services and infrastructure (discordapp.net, sharepointonline.com,
// yandex-team.ru, azure-devices.net). Beside a popular or curated brand's
// name on an ordinary ending they are not a sign on their own; registry
// organisations, the ones scam calls name, stay protected.
var serviceWords = map[string]bool{"app": true, "apps": true, "online": true, "team": true, "services": true,
	"service": true, "devices": true, "device": true, "labs": true, "lab": true, "cloud": true, "live": true,
	"mail": true, "group": true, "media": true, "tv": true, "hq": true, "global": true, "api": true, "dev": true,
	"status": true, "news": true, "blog": true, "static": true, "usercontent": true, "": true}

// serviceWordsOnly reports whether every word is a service word.
func serviceWordsOnly(words []string) bool {
	for _, w := range words {
		if !serviceWords[w] {
			return false
		}
	}
	return true
}

// anyScamWord reports whether one of words is a scam word proper (not a
// number or a dnstwist filler like "www").
func (c *Checker) anyScamWord(words []string) bool {
	for _, w := range words {
		if scamWordSet[w] || c.signals.misspelling(w) != "" {
			return true
		}
	}
	return false
}

// onlyDigits reports whether the non-empty parts are all digits.
func onlyDigits(parts ...string) bool {
	for _, p := range parts {
		if p != "" && !allDigits(p) {
			return false
		}
	}
	return true
}

// splitTokens splits a label at hyphens.
func splitTokens(s string) []string { return strings.Split(s, "-") }

// tokenBrandHow, below, matches one token against the brands that may be
// combined with words: exactly, by skeleton (micros0ft), or one typo away
// for long names.

// How a token matched a brand.
const (
	matchExact    = iota // the brand's name
	matchSkeleton        // the name in look-alike characters (micros0ft)
	matchTypo            // one typo away
)

// tokenBrandTypo is tokenBrand with typo matching optional: segmenting a
// run-together name tries many substrings, and typos there would both cost
// and mislead.
func (c *Checker) tokenBrandTypo(tok string, buf []byte, typos bool) (int32, bool) {
	id, _, ok := c.tokenBrandHow(tok, buf, typos)
	return id, ok
}

// tokenBrandHow matches a token and says how.
func (c *Checker) tokenBrandHow(tok string, buf []byte, typos bool) (int32, int, bool) {
	if ids, ok := c.labels[tok]; ok {
		for _, id := range ids {
			if c.brands[id].combo {
				return id, matchExact, true
			}
		}
	}
	if len(tok) < minEditRegistry {
		return 0, 0, false
	}
	sk := skeleton(tok, buf)
	if ids, ok := c.skels[string(sk)]; ok && c.brands[ids[0]].combo {
		return ids[0], matchSkeleton, true
	}
	if typos && len(sk) >= minEditPopular && !c.words[tok] {
		if id, ok := c.edit1(sk, nil); ok && c.brands[id].combo && c.brands[id].kind <= kindHighTrust {
			return id, matchTypo, true
		}
	}
	return 0, 0, false
}

// filler reports whether a token is a scam word, a number, or several scam
// words run together.
func (c *Checker) filler(tok string) bool {
	if c.words[tok] || allDigits(tok) {
		return true
	}
	var reach [MaxLabel + 2]bool
	c.prefixReach(tok, reach[:len(tok)+1])
	return reach[len(tok)]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// prefixReach sets reach[i] when tok[:i] is a run of scam words and
// numbers (reach[0] is always set).
func (c *Checker) prefixReach(tok string, reach []bool) {
	reach[0] = true
	for i := 0; i < len(tok); i++ {
		if !reach[i] {
			continue
		}
		if tok[i] >= '0' && tok[i] <= '9' {
			j := i
			for j < len(tok) && tok[j] >= '0' && tok[j] <= '9' {
				j++
			}
			reach[j] = true
		}
		n := int32(0)
		for j := i; j < len(tok); j++ {
			k := trieIndex(tok[j])
			if k < 0 || len(c.wordTrie.nodes) == 0 {
				break
			}
			n = c.wordTrie.nodes[n].next[k]
			if n == 0 {
				break
			}
			if c.wordTrie.nodes[n].end {
				reach[j+1] = true
			}
		}
	}
}

// suffixReach sets reach[i] when tok[i:] is a run of scam words and
// numbers (reach[len(tok)] is always set).
func (c *Checker) suffixReach(tok string, reach []bool) {
	reach[len(tok)] = true
	for i := len(tok); i > 0; i-- {
		if !reach[i] {
			continue
		}
		if tok[i-1] >= '0' && tok[i-1] <= '9' {
			j := i
			for j > 0 && tok[j-1] >= '0' && tok[j-1] <= '9' {
				j--
			}
			reach[j] = true
		}
		n := int32(0)
		for j := i - 1; j >= 0; j-- {
			k := trieIndex(tok[j])
			if k < 0 || len(c.wordRev.nodes) == 0 {
				break
			}
			n = c.wordRev.nodes[n].next[k]
			if n == 0 {
				break
			}
			if c.wordRev.nodes[n].end {
				reach[j] = true
			}
		}
	}
}

// segmentCombo looks for words + brand + words in a token with no hyphens:
// wwwmicrosoft, microsoftsupport, securepaypallogin, paypal247. Only the
// boundaries that scam words allow are tried, so the cost is a few map
// probes, not one per substring.
func (c *Checker) segmentCombo(tok string, risky bool) (lookalike, bool) {
	if len(tok) > MaxLabel {
		return lookalike{}, false
	}
	var pre, suf [MaxLabel + 2]bool
	c.prefixReach(tok, pre[:len(tok)+1])
	c.suffixReach(tok, suf[:len(tok)+1])
	var best lookalike
	have := false
	var buf [2 * MaxLabel]byte
	for p := 0; p < len(tok); p++ {
		if !pre[p] {
			continue
		}
		for s := len(tok); s-p >= 2; s-- {
			if !suf[s] || p == 0 && s == len(tok) {
				continue
			}
			id, ok := c.tokenBrandTypo(tok[p:s], buf[:0], false)
			if !ok {
				continue
			}
			b := &c.brands[id]
			// Short names hide inside ordinary run-together words (sky in
			// skyscanner, plex in complex), and popular sites number their
			// mirrors (sohu01): only longer names, and numbers only for
			// the brands we know best.
			if !b.solo {
				continue
			}
			if b.kind > kindHighTrust && onlyDigits(tok[:p], tok[s:]) {
				continue
			}
			if !risky && b.kind != kindRegistry && serviceWordsOnly([]string{tok[:p], tok[s:]}) {
				continue // how brands name their own services: discordapp, sharepointonline
			}
			l := lookalike{brand: id, family: famCombo, strong: true}
			if p > 0 {
				l.words = append(l.words, tok[:p])
			}
			if s < len(tok) {
				l.words = append(l.words, tok[s:])
			}
			if c.better(l, best, have) {
				best, have = l, true
			}
		}
	}
	if have {
		return best, true
	}
	// The brand at the start followed by something that is not a scam word
	// (microsoftfixpc): only where anyone can publish or on a risky ending.
	if !risky {
		return lookalike{}, false
	}
	for i := len(tok) - 2; i >= minEditRegistry; i-- {
		ids, ok := c.labels[tok[:i]]
		if !ok {
			continue
		}
		id := ids[0]
		if !c.brands[id].combo || c.brands[id].kind > kindHighTrust || i < minEditBrand && len(tok)-i > 5 {
			continue
		}
		return lookalike{brand: id, family: famCombo, strong: true, words: []string{tok[i:]}}, true
	}
	return lookalike{}, false
}

// subdomainLookalike looks for a brand in the labels before the site:
// microsoft.com.fix-pc.example, paypal.secure-login.example,
// micros0ft.example.net.
func (c *Checker) subdomainLookalike(a *Address, subs []string, site string, onPlatform bool, buf []byte) (lookalike, bool) {
	sub := a.Subdomain()
	// The brand's full domain in front of another site is a classic trick,
	// whatever the length of the name: aa.com.example.net.
	for i := range subs {
		if i+1 < len(subs) {
			cand := subs[i] + "." + subs[i+1]
			if id, ok := c.official[cand]; ok {
				return lookalike{brand: id, family: famBrandSub, strong: true, part: sub}, true
			}
			// The brand's name followed by an ending (amazon.co.jp.example.cn):
			// a full address placed in front of another site.
			if ids, ok := c.labels[subs[i]]; ok && (c.brands[ids[0]].combo || len(subs[i]) >= 2 && isTLDLabel(subs[i+1])) {
				if isTLDLabel(subs[i+1]) {
					return lookalike{brand: ids[0], family: famBrandSub, strong: true, part: sub}, true
				}
			}
		}
	}
	for i, l := range subs {
		if isWWW(l) {
			continue
		}
		for tok := range strings.SplitSeq(l, "-") {
			ids, ok := c.labels[tok]
			if !ok {
				continue
			}
			for _, id := range ids {
				b := &c.brands[id]
				if !b.combo {
					continue
				}
				// The brand's full domain in front of another site is a
				// classic trick: people read the start of the address.
				full := hasLabels(sub, b.domain) || tok == l && i+1 < len(subs) && strings.HasPrefix(b.domain, l+"."+subs[i+1]+".")
				strong := full || onPlatform || c.riskyTLD(a) || c.hasScamWord(site) || c.hasScamWord(sub)
				if !strong && (len(b.label) < minEditRegistry || b.generic) {
					// A short name, or a popular site's name that many
					// names are made of (forms, for forms.gle), says
					// nothing in a subdomain without another sign.
					break
				}
				return lookalike{brand: id, family: famBrandSub, strong: strong, part: sub}, true
			}
		}
		if len(l) >= minEditBrand {
			sk := skeleton(l, buf)
			if ids, ok := c.skels[string(sk)]; ok && c.brands[ids[0]].combo && string(sk) != l {
				return lookalike{brand: ids[0], family: famBrandSub, strong: true, part: sub,
					detail: describeHomoglyph(l, c.brands[ids[0]].label)}, true
			}
		}
	}
	return lookalike{}, false
}

// userinfoLookalike finds a brand in what comes before an @: browsers
// ignore it, people read it.
func (c *Checker) userinfoLookalike(userinfo string) (lookalike, bool) {
	user, _, _ := strings.Cut(strings.ToLower(userinfo), ":")
	for l := range strings.SplitSeq(user, ".") {
		for tok := range strings.SplitSeq(l, "-") {
			if ids, ok := c.labels[tok]; ok && (c.brands[ids[0]].combo || c.brands[ids[0]].kind == kindRegistry) {
				return lookalike{brand: ids[0], family: famUserinfo, strong: true, part: userinfo}, true
			}
		}
	}
	return lookalike{}, false
}

// isTLDLabel reports whether l is a top-level domain or a common second
// level of one (com, co, net, org, gov, uk…).
func isTLDLabel(l string) bool {
	switch l {
	case "com", "co", "net", "org", "gov", "edu", "ac":
		return true
	}
	_, icann := publicsuffix.PublicSuffix("x." + l)
	return icann && len(l) == 2
}

// hasLabels reports whether host contains domain as whole labels.
func hasLabels(host, domain string) bool {
	if host == domain {
		return true
	}
	return strings.HasPrefix(host, domain+".") || strings.HasSuffix(host, "."+domain) ||
		strings.Contains(host, "."+domain+".")
}

// hasScamWord reports whether any hyphen token of any label of s is a scam
// word.
func (c *Checker) hasScamWord(s string) bool {
	for l := range strings.SplitSeq(s, ".") {
		for t := range strings.SplitSeq(l, "-") {
			if c.words[t] && !isWWW(t) {
				return true
			}
		}
	}
	return false
}

func isWWW(l string) bool {
	return l == "www" || l == "m" || l == "ww" || l == "wwww" || (len(l) == 4 && strings.HasPrefix(l, "www") && l[3] >= '0' && l[3] <= '9')
}

// describeEdit says in words how a name differs from a brand's by one edit,
// and which family that is.
func describeEdit(got, want string) (family, detail string) {
	switch {
	case len(got) == len(want)+1:
		i := 0
		for i < len(want) && got[i] == want[i] {
			i++
		}
		ch := got[i]
		switch {
		case addedS(got, want):
			return famPlural, `an "s" was added to the end of the name`
		case ch == '-':
			return famHyphenation, "a hyphen was added to the name"
		case i > 0 && got[i-1] == ch || i < len(want) && want[i] == ch:
			return famRepetition, "the letter " + quoteChar(ch) + " is doubled"
		case i == len(want):
			return famAddition, "an extra " + quoteChar(ch) + " was added to the end of the name"
		}
		return famInsertion, "an extra " + quoteChar(ch) + " was slipped into the name"
	case len(got)+1 == len(want):
		i := 0
		for i < len(got) && got[i] == want[i] {
			i++
		}
		return famOmission, "the letter " + quoteChar(want[i]) + " is missing"
	case len(got) == len(want):
		i := 0
		for i < len(got) && got[i] == want[i] {
			i++
		}
		if i+1 < len(got) && got[i] == want[i+1] && got[i+1] == want[i] && got[i+2:] == want[i+2:] {
			return famTransposition, "the letters " + quoteChar(want[i]) + " and " + quoteChar(want[i+1]) + " are swapped"
		}
		if i == len(got) {
			return famHomoglyph, "it uses look-alike characters"
		}
		g, w := got[i], want[i]
		what := quoteChar(g) + " in place of " + quoteChar(w)
		switch {
		case isVowel(g) && isVowel(w):
			return famVowelSwap, "one vowel is changed: " + what
		case keyboardNeighbours(g, w):
			return famKeyboard, "one letter is changed to the key next to it: " + what
		case isPow2(g ^ w):
			return famBitsquatting, "one character is changed: " + what
		}
		return famReplacement, "one character is changed: " + what
	}
	return famHomoglyph, "it uses look-alike characters"
}

// describeHomoglyph says which characters of got imitate the brand's
// letters.
func describeHomoglyph(got, brandLabel string) string {
	var parts []string
	for _, r := range got {
		if r >= utf8.RuneSelf {
			parts = append(parts, `"`+string(r)+`" (`+scriptName(r)+`, not a plain English letter)`)
		} else if r == '0' || r == '1' {
			parts = append(parts, quoteChar(byte(r)))
		}
		if len(parts) == 3 {
			break
		}
	}
	switch {
	case len(parts) > 0:
		return "it uses " + strings.Join(parts, ", ") + " to look like " + brandLabel
	case strings.Contains(got, "rn") && !strings.Contains(brandLabel, "rn"):
		return `"rn" stands in for "m"`
	case strings.Contains(got, "vv") && !strings.Contains(brandLabel, "vv"):
		return `"vv" stands in for "w"`
	case strings.Contains(got, "cl") && !strings.Contains(brandLabel, "cl"):
		return `"cl" stands in for "d"`
	}
	return "it uses characters that look like " + brandLabel + "'s"
}

func scriptName(r rune) string {
	switch s := scripts(string(r)); {
	case s&scriptCyrillic != 0:
		return "a Cyrillic letter"
	case s&scriptGreek != 0:
		return "a Greek letter"
	case s&scriptLatin != 0:
		return "a special letter"
	}
	return "a special character"
}

// quoteChar names one ASCII character for people: `"o"`, `the number "0"`.
func quoteChar(c byte) string {
	switch {
	case c >= '0' && c <= '9':
		return `the number "` + string(c) + `"`
	case c == '-':
		return "a hyphen"
	}
	return `"` + string(c) + `"`
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func isPow2(x byte) bool { return x != 0 && x&(x-1) == 0 }

// keyboardRows is the QWERTY layout, for keyboard-neighbour typos.
var keyboardRows = [...]string{"1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm"}

func keyboardNeighbours(a, b byte) bool {
	pos := func(c byte) (int, int) {
		for r, row := range keyboardRows {
			if i := strings.IndexByte(row, c); i >= 0 {
				return r, i
			}
		}
		return -1, -1
	}
	ra, ca := pos(a)
	rb, cb := pos(b)
	if ra < 0 || rb < 0 {
		return false
	}
	dr, dc := ra-rb, ca-cb
	return dr >= -1 && dr <= 1 && dc >= -1 && dc <= 1 && (dr != 0 || dc != 0)
}

// countryEnding reports whether a ends in a listed two-letter country
// ending.
func countryEnding(a *Address) bool {
	return a.Listed && a.ICANN && len(lastLabel(a.Suffix)) == 2
}

// nameOnEnding reports whether some protected brand called label has a
// domain on the ending suffix.
func (c *Checker) nameOnEnding(label, suffix string) bool {
	for _, id := range c.labels[label] {
		if c.brands[id].suffix == suffix {
			return true
		}
	}
	return false
}

// otherLetterBefore reports whether site is label but its first letter,
// with one or two other letters in its place, the first of them another
// (qcloud, hicloud for icloud; not ciigna for cigna).
func otherLetterBefore(site, label string) bool {
	n := len(site) - len(label) + 1
	if n < 1 || n > 2 || site[n:] != label[1:] {
		return false
	}
	for i := range n {
		if site[i] < 'a' || site[i] > 'z' {
			return false
		}
	}
	return site[0] != label[0]
}

// ownNameElsewhere reports whether site is a protected brand's own whole
// name (microsoftonline, of microsoftonline.com) on another ordinary
// ending: like the brand's name on another ending, it is most often the
// brand's own site there, not its name combined with words. Callers keep
// the combination when its words are scam words (microsoftsupport.net).
func (c *Checker) ownNameElsewhere(a *Address, site string, onPlatform bool) bool {
	if onPlatform || c.riskyTLD(a) || !a.ICANN {
		return false
	}
	for _, id := range c.labels[site] {
		if c.brands[id].swap {
			return true
		}
	}
	return false
}

// strongWords are the scam playbook's words for accounts and for selling
// or fixing software, with the scam words proper (scamWordSet): a brand's
// own service is rarely named with them (appleid-services.com,
// microsoft-defender.net). longStrongWords are those of four letters or
// more, which count run together with others too (supportdelivery3414).
// Both are made once, at load time.
var strongWords, longStrongWords = func() (map[string]bool, []string) {
	set := map[string]bool{}
	for w := range scamWordSet {
		set[w] = true
	}
	for _, w := range strings.Fields(`id my defender antivirus firewall scanner cleaner activate activation
	license licence renew renewal subscription password passcode install installer download setup
	unusual blocked gift bonus free cash`) {
		set[w] = true
	}
	var long []string
	for w := range set {
		if len(w) >= 4 {
			long = append(long, w)
		}
	}
	slices.Sort(long)
	return set, long
}()

// strongWordIn reports whether any of words is a strong word, or holds one
// of four letters or more run together with others.
func strongWordIn(words []string) bool {
	for _, w := range words {
		if strongWords[w] {
			return true
		}
		for _, sw := range longStrongWords {
			if strings.Contains(w, sw) {
				return true
			}
		}
	}
	return false
}

// dictionaryWord reports whether w is in the English dictionary.
func (c *Checker) dictionaryWord(w string) bool {
	_, found := slices.BinarySearch(c.dict, w)
	return found
}

// addedS reports whether got is want with an "s" added: a plural, the
// one-edit family of that name.
func addedS(got, want string) bool { return got == want+"s" }
