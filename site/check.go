package site

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/rmm"
)

// Finding codes. They are stable: integrations switch on them. Lookalike
// findings are "lookalike_" followed by the family (see the fam constants):
// lookalike_homoglyph, lookalike_idn_homograph, lookalike_addition,
// lookalike_insertion, lookalike_omission, lookalike_repetition,
// lookalike_replacement, lookalike_keyboard, lookalike_bitsquatting,
// lookalike_vowel_swap, lookalike_transposition, lookalike_hyphenation,
// lookalike_plural, lookalike_tld_swap, lookalike_subdomain,
// lookalike_combosquatting, lookalike_brand_in_subdomain,
// lookalike_brand_on_free_host, lookalike_brand_in_userinfo.
const (
	CodeOfficialDomain         = "official_domain"                       // belongs to a registry organisation or a well-known brand
	CodeClaimedOrganisation    = "claimed_organisation_site"             // belongs to the organisation the caller claimed
	CodeOtherOrganisation      = "other_organisation_site"               // genuine, but another organisation's than the one claimed
	CodeNotClaimedOrganisation = "not_claimed_organisation_site"         // not a site of the organisation the caller claimed
	CodeImitatesClaimed        = "imitates_claimed_organisation"         // copies the very organisation the caller claimed
	CodeClaimedNoRemoteAccess  = "claimed_organisation_no_remote_access" // the claimed organisation says it never asks for remote access
	CodeRemoteAccessTool       = "remote_access_tool"                    // a remote-access tool's site or relay
	CodePopularSite            = "popular_site"                          // among the most visited sites
	CodeLookalikePrefix        = "lookalike_"                            // prefix of every lookalike finding
	CodeUserinfoTrick          = "userinfo_trick"                        // text before @ that the browser ignores
	CodeIPAddress              = "ip_address"                            // a bare IP address instead of a name
	CodeMixedScript            = "mixed_script"                          // Latin letters mixed with Cyrillic or Greek
	CodeWholeScript            = "whole_script_confusable"               // non-Latin letters that all look Latin
	CodeInternationalName      = "international_name"                    // the name has non-English characters
	CodeShortener              = "url_shortener"                         // a short link that hides where it leads
	CodeFreeHosting            = "free_hosting"                          // a site on free hosting or file sharing
	CodeSiteBuilder            = "site_builder"                          // a page on a self-service site or form builder
	CodeSuspiciousTLD          = "suspicious_tld"                        // an ending favoured by abuse
	CodeUnlistedTLD            = "unlisted_tld"                          // an ending that does not exist
	CodeScamWords              = "scam_words"                            // words scam sites use in their names
	CodeMisspeltWord           = "misspelt_scam_word"                    // such a word misspelt: udapte, verfy
	CodeScamWordsTwice         = "scam_words_in_subdomain_and_name"      // such words both in front of and in the site's name
	CodeRandomPadding          = "random_padding"                        // such a word padded with random letters: trackxsl
	CodeFakeAddress            = "fake_address_start"                    // a name that reads as another address: booking.com-id1.info
	CodeLongNumber             = "long_number"                           // a long run of digits in the name
	CodeBrandInPath            = "brand_in_path"                         // a brand's name in the page path of an unrelated site
	CodeScamPath               = "scam_words_in_path"                    // sign-in and payment words in the page path
	CodeManySubdomains         = "many_subdomains"                       // an unusually long chain of names
	CodeUnusualPort            = "unusual_port"                          // a port number in the address
	CodeSpokenAddress          = "spoken_address"                        // how Hangup read a spoken or embedded address
	CodeListed                 = "listed_by_feed"                        // on a blocklist the operator subscribed to
	CodeListedGenuine          = "listed_but_genuine"                    // on a blocklist, but a known genuine site: the listing is set aside
	CodeNoInformation          = "no_information"                        // nothing known for or against
)

// suspiciousScore is the risk score at which an address without a clear
// lookalike is called suspicious. Each risk finding adds its weight: 3 for
// a sign that stands on its own (a shortened link, a free site, a bare IP,
// an @ trick, mixed scripts), 2 for a brand name in the path, 1 for weak
// signs that only count together (a suspicious ending, scam words in the
// name, a long chain of subdomains, an odd port).
const suspiciousScore = 3

// CheckSite implements hangup.SiteChecker.
func (c *Checker) CheckSite(address string) (hangup.SiteCheck, error) {
	a, err := Parse(address)
	if err != nil {
		return hangup.SiteCheck{}, err
	}
	return c.CheckAddress(&a, nil), nil
}

// CheckSiteFor implements hangup.SiteChecker.
func (c *Checker) CheckSiteFor(address, claimedOrgID string) (hangup.SiteCheck, error) {
	var claimed *hangup.Organisation
	if claimedOrgID != "" {
		var ok bool
		if claimed, ok = c.orgs[claimedOrgID]; !ok {
			return hangup.SiteCheck{}, hangup.Errorf(hangup.ENOTFOUND, "No organisation %q in the registry.", claimedOrgID)
		}
	}
	a, err := Parse(address)
	if err != nil {
		return hangup.SiteCheck{}, err
	}
	return c.CheckAddress(&a, claimed), nil
}

// assessment collects findings and the risk score while an address is
// checked.
type assessment struct {
	findings []hangup.Reason
	score    int
}

func (s *assessment) add(code string, sev hangup.Severity, weight int, msg string) {
	s.findings = append(s.findings, hangup.Reason{Code: code, Severity: sev, Message: msg})
	s.score += weight
}

// CheckAddress checks a parsed address; claimed, when not nil, is the
// registry organisation the caller said they were from. It never fails.
func (c *Checker) CheckAddress(a *Address, claimed *hangup.Organisation) hangup.SiteCheck {
	res := hangup.SiteCheck{Input: a.Input, URL: a.URL, Host: a.Host, Domain: a.Domain, Verdict: hangup.SiteUnknown}
	if a.Unicode != a.Host {
		res.DisplayHost = a.Unicode
	}
	show := a.Unicode
	s := assessment{findings: make([]hangup.Reason, 0, 4)}
	if a.Spoken {
		s.add(CodeSpokenAddress, hangup.SeverityInfo, 0, "We read the website address as "+show+". Check that this is what you heard or saw.")
	}
	if a.Userinfo != "" {
		s.add(CodeUserinfoTrick, hangup.SeverityHigh, 3, "The address starts with "+strconv.Quote(clip(a.Userinfo))+" and an @ sign. Your browser ignores everything before the @ and goes to "+show+" instead. This trick is used to make a link look like a site you trust.")
	}
	tool, isTool := c.tools.MatchDomain(a.Host)
	platform := c.platform(a)
	// Official: the host is, or is under, a registry organisation's domain
	// or a well-known brand's own domain, and is not a user's page on a
	// platform that domain runs (sites.google.com/…).
	official, isOfficial := int32(0), false
	if !a.IP && (platform.kind == "" || platform.home) {
		official, isOfficial = c.officialBrand(a)
	}
	rank, popular := c.popular[a.Domain]
	genuine := (isOfficial || popular) && (platform.kind == "" || platform.home)
	res.EvidenceKey = evidenceKey(a, platform, isTool)

	if a.IP {
		s.add(CodeIPAddress, hangup.SeverityMedium, 3, "This address is a bare number ("+a.Host+") instead of a name. Real companies send you to their named website, not to a number.")
	}
	if platform.kind != "" && !platform.home {
		c.addPlatform(&s, a, platform)
	}
	var look lookalike
	haveLook := false
	if !genuine && !a.IP && !isTool {
		site, siteU := a.Site(), ""
		var subs []string
		if platform.userLabel != "" {
			site = platform.userLabel
		} else if platform.kind != "" && !platform.home {
			site = "" // the user's content is in the path, not in the name
		}
		siteU = unicodeLabel(a, site)
		if sub := a.Subdomain(); sub != "" {
			subs = strings.Split(sub, ".")
			if platform.userLabel != "" && len(subs) > 0 && subs[len(subs)-1] == platform.userLabel {
				subs = subs[:len(subs)-1]
			}
		}
		look, haveLook = c.findLookalike(a, site, siteU, subs, platform.kind != "" && !platform.home)
		ns := c.scanName(subs, site)
		if !haveLook && ns.hasBrand && c.brands[ns.brand].domain != a.Domain && (c.anyScamWord(ns.words) || !c.ownNameElsewhere(a, site, platform.kind != "" && !platform.home)) {
			// A brand's name run together with a scam word inside one word
			// (unlockanz, microsoftloginin-usa).
			look = lookalike{brand: ns.brand, family: famCombo, strong: true, part: ns.brandIn, words: ns.words}
			haveLook = !c.quietMatch(a, look, platform.kind != "" && !platform.home)
		}
		c.addScriptFindings(&s, a)
		c.addRiskFindings(&s, a, &ns, haveLook)
	} else if a.Userinfo != "" {
		look, haveLook = c.userinfoLookalike(a.Userinfo)
	}

	switch {
	case isTool:
		res.Verdict = hangup.SiteRemoteAccessTool
		res.Tool = tool.Name
		s.add(CodeRemoteAccessTool, hangup.SeverityHigh, 0, toolMessage(show, tool))
		if isOfficial {
			c.setBrand(&res, official)
		}
	case isOfficial && genuine:
		res.Verdict = hangup.SiteOfficial
		c.setBrand(&res, official)
		b := &c.brands[official]
		msg := show + " is an official website of " + res.Brand + "."
		if b.kind != kindRegistry {
			msg = (show + " is the genuine website of a well-known brand (" + b.domain + ").")
		}
		s.add(CodeOfficialDomain, hangup.SeverityInfo, 0, msg+" A genuine website does not prove a caller is genuine: anyone can tell you to visit it.")
	case haveLook:
		c.setBrand(&res, look.brand)
		res.Verdict = hangup.SiteSuspicious
		sev := hangup.SeverityMedium
		if look.strong {
			res.Verdict, sev = hangup.SiteImpersonation, hangup.SeverityHigh
		}
		s.add(CodeLookalikePrefix+look.family, sev, 0, c.lookalikeMessage(a, look))
	case popular && genuine:
		what := a.Domain + " is one of the most visited websites (number " + strconv.Itoa(int(rank)) + " on the Tranco list of popular sites)."
		if rank == 0 {
			what = a.Domain + " is the real website of a well-known brand."
		}
		s.add(CodePopularSite, hangup.SeverityInfo, 0, what+" That makes it real, not necessarily safe: a caller can still send you there as part of a story.")
		if s.score >= suspiciousScore {
			res.Verdict = hangup.SiteSuspicious
		}
	case s.score >= suspiciousScore:
		res.Verdict = hangup.SiteSuspicious
	}
	if c.listings != nil {
		res.Listings = c.listings.SiteListings(a.Host)
		if len(res.Listings) > 0 {
			c.addListingFindings(&s, &res, show, genuine && !isTool)
		}
	}
	if claimed != nil {
		c.addClaimFindings(&s, &res, claimed, isOfficial && genuine, official, look, haveLook)
	}
	if res.Verdict == hangup.SiteUnknown && !(popular && genuine) {
		s.add(CodeNoInformation, hangup.SeverityInfo, 0, "Hangup knows nothing for or against "+show+". If a caller you did not expect asked you to go there, be careful: find a company's website yourself rather than typing one you are given.")
	}
	slices.SortStableFunc(s.findings, func(x, y hangup.Reason) int {
		return cmp.Compare(y.Severity.Rank(), x.Severity.Rank())
	})
	res.Findings = s.findings
	res.Summary = summary(&res, show)
	return res
}

// evidenceKey is the name reports naming the address count against (see
// hangup.SiteCheck.EvidenceKey): the registrable domain, or the whole site
// of a person on a free host, site builder or a private public suffix
// (their-site.web.app, which the public suffix list already makes a
// domain); nothing for a shortener, a platform's own pages or a page in
// its path, a remote-access tool's site, or a bare public suffix (co.uk),
// which is every site under it.
func evidenceKey(a *Address, p platformMatch, isTool bool) string {
	switch {
	case isTool || p.kind == CodeShortener || a.Domain == a.Suffix:
		return ""
	case p.kind != "" && p.userLabel == "":
		return ""
	case p.kind != "":
		return p.userLabel + "." + p.name
	}
	return a.Domain
}

// Official reports whether host is, or is under, the official website of
// a registry organisation or a well-known brand, and whose it is. Reports
// can never list such a site.
func (c *Checker) Official(host string) (string, bool) {
	a, err := Parse(host)
	if err != nil || a.IP {
		return "", false
	}
	if p := c.platform(&a); p.kind != "" && !p.home {
		return "", false
	}
	id, ok := c.officialBrand(&a)
	if !ok {
		return "", false
	}
	return c.display(&c.brands[id]), true
}

// listingSources says in plain words who lists the address: "listed by
// FEED since DATE", "reported by 5 people", "confirmed by a Hangup analyst".
func listingSources(ls []hangup.SiteListing) string {
	var names []string
	for _, l := range ls {
		switch l.Kind {
		case hangup.ListingAnalyst:
			names = append(names, "confirmed as a scam site by a Hangup analyst on "+l.Since.Format("2 January 2006"))
		case hangup.ListingReports:
			n := strconv.Itoa(l.Count) + " people"
			if l.Count == 1 {
				n = "1 person"
			}
			names = append(names, "reported by "+n+" to Hangup as part of a scam")
		default:
			names = append(names, "listed by "+l.Source+" since "+l.Since.Format("2 January 2006"))
		}
	}
	return strings.Join(names, "; ")
}

// addListingFindings says which blocklists name the address. A listing
// makes an unknown or merely suspicious address suspicious; on a known
// genuine site (a registry organisation's, a curated brand's or a popular
// one's own pages) it is shown but set aside, since lists catch genuine
// sites that were abused for a while, and a scam page on a genuine site is
// better judged by its address's own findings.
func (c *Checker) addListingFindings(s *assessment, res *hangup.SiteCheck, show string, genuine bool) {
	by := listingSources(res.Listings)
	if genuine {
		s.add(CodeListedGenuine, hangup.SeverityInfo, 0, show+" is named as a scam website ("+by+"), but it is a known genuine site, so Hangup sets that aside. Real sites are sometimes misused for a while, or named by mistake.")
		return
	}
	s.add(CodeListed, hangup.SeverityHigh, 0, "Warning: "+show+" is a known scam website: "+by+". Don't enter anything there.")
	if res.Verdict == hangup.SiteUnknown {
		res.Verdict = hangup.SiteSuspicious
	}
}

// officialBrand walks from the host up to its registrable domain and
// returns the brand of the first official name found. A brand's own
// top-level domain (cloud.microsoft, store.google) is official too: only
// the brand can register names under it.
func (c *Checker) officialBrand(a *Address) (int32, bool) {
	host, domain := a.Host, a.Domain
	if owner, ok := c.brandTLDs[a.Suffix]; ok && a.ICANN {
		if id, ok := c.official[c.brands[owner].domain]; ok {
			return id, true
		}
	}
	for h := host; ; {
		if id, ok := c.official[h]; ok {
			return id, true
		}
		if len(h) <= len(domain) {
			return 0, false
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return 0, false
		}
		h = h[i+1:]
	}
}

// platformMatch says whether an address is on a shared platform.
type platformMatch struct {
	kind      string // "", CodeShortener, CodeFreeHosting or CodeSiteBuilder
	name      string // the platform's host, e.g. weebly.com
	home      bool   // the platform's own pages, not a user's (the bare host, no path)
	userLabel string // the label naming the user's site, when the site is a subdomain
}

// platform matches the host, and its parents, against the lists of link
// shorteners, free hosts and site builders. Some list entries are hosts
// with paths in mind (sites.google.com, docs.google.com): a page there is
// the user's content.
func (c *Checker) platform(a *Address) platformMatch {
	if a.IP {
		return platformMatch{}
	}
	hasPath := a.Path != "/" || a.Query != ""
	for h := a.Host; ; {
		if kind := c.platforms[h]; kind != "" {
			m := platformMatch{kind: kind, name: h}
			// The user's label is the one nearest the platform's name,
			// past the platform's own service labels (a storage bucket
			// in mybucket.s3.eu-west-2.wasabisys.com); with none, this is
			// the platform's own host.
			child := ""
			if len(a.Host) > len(h) {
				labels := strings.Split(a.Host[:len(a.Host)-len(h)-1], ".")
				for len(labels) > 0 && endpointLabel(labels[len(labels)-1]) {
					labels = labels[:len(labels)-1]
				}
				if len(labels) > 0 {
					child = labels[len(labels)-1]
				}
			}
			if child == "" || isWWW(child) {
				m.home = !hasPath
			} else {
				m.userLabel = child
			}
			return m
		}
		i := strings.IndexByte(h, '.')
		// A private suffix (s3.eu-north-1.amazonaws.com, where buckets
		// live) belongs to the platform above it: the walk goes on past it.
		if i < 0 || len(h) <= len(a.Suffix) && (a.ICANN || !a.Listed) {
			return platformMatch{}
		}
		h = h[i+1:]
	}
}

// endpointLabel reports whether a label names a storage platform's own
// service endpoint rather than a user's site: s3, s3-website, dualstack,
// or a region (eu-west-2, ap-northeast-1, us-gov-west-1).
func endpointLabel(l string) bool {
	if l == "s3" || l == "dualstack" || strings.HasPrefix(l, "s3-") {
		return true
	}
	parts := strings.Split(l, "-")
	if len(parts) < 3 || len(parts[0]) != 2 || !allDigits(parts[len(parts)-1]) {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if p == "" || strings.Trim(p, "abcdefghijklmnopqrstuvwxyz") != "" {
			return false
		}
	}
	return true
}

func (c *Checker) addPlatform(s *assessment, a *Address, p platformMatch) {
	switch p.kind {
	case CodeShortener:
		s.add(CodeShortener, hangup.SeverityMedium, 3, "This is a shortened link ("+p.name+"): it hides the real address it leads to. Scammers use short links so you can't see where you are going.")
	case CodeSiteBuilder:
		s.add(CodeSiteBuilder, hangup.SeverityMedium, 3, "This page is made with "+p.name+", a service anyone can use to build a page or form in minutes. Real companies don't run their support or payments on pages like this.")
	default:
		s.add(CodeFreeHosting, hangup.SeverityMedium, 3, "This is a site or file on "+p.name+", a free service where anyone can publish anything. Real companies don't send you to pages like this to fix a computer or take a payment.")
	}
}

// addScriptFindings warns about international names that mix scripts or
// are written wholly in letters that look Latin.
func (c *Checker) addScriptFindings(s *assessment, a *Address) {
	if a.Unicode == a.Host {
		return
	}
	var buf [2 * MaxLabel]byte
	mixed, whole := "", ""
	for l := range strings.SplitSeq(a.Unicode, ".") {
		if mixed == "" && mixedScript(l) {
			mixed = l
		}
		if whole == "" {
			if latin, ok := wholeScriptConfusable(l, buf[:0]); ok && !cyrillicTLD(a.Suffix) {
				whole = l + " (which reads as " + latin + ")"
			}
		}
	}
	switch {
	case mixed != "":
		s.add(CodeMixedScript, hangup.SeverityHigh, 3, "The name "+strconv.Quote(mixed)+" mixes ordinary letters with look-alike letters from another alphabet (Cyrillic or Greek). Genuine websites don't do this; it is a trick to copy a name.")
	case whole != "":
		s.add(CodeWholeScript, hangup.SeverityMedium, 3, "The name "+whole+" is written in another alphabet whose letters look like ordinary ones. It can pass for an English name at a glance.")
	default:
		s.add(CodeInternationalName, hangup.SeverityInfo, 0, "The name has non-English characters; computers know it as "+a.Host+".")
	}
}

// cyrillicTLD reports Cyrillic-script endings, where a wholly Cyrillic name
// is normal (.рф, .бг, .срб, .укр, .қаз, .мкд, .мон, .бел).
func cyrillicTLD(suffix string) bool {
	switch suffix {
	case "xn--p1ai", "xn--90ae", "xn--90a3ac", "xn--j1amh", "xn--80ao21a", "xn--d1alf", "xn--l1acc", "xn--90ais", "xn--p1acf", "xn--c1avg":
		return true
	}
	return false
}

// addRiskFindings adds the weak signs that count only together, from the
// name analysis ns.
func (c *Checker) addRiskFindings(s *assessment, a *Address, ns *nameScan, haveLook bool) {
	if a.Listed {
		tier := 0
		if a.ICANN {
			tier = tldTier[lastLabel(a.Suffix)]
		}
		if tier == 0 && (c.susTLD[a.Suffix] || c.susTLD[lastLabel(a.Suffix)] || c.abused[a.Suffix]) {
			tier = 1
		}
		if tier > 0 {
			s.add(CodeSuspiciousTLD, hangup.SeverityLow, tier, "The address ends in ."+a.Suffix+", an ending that is cheap to register and often used by scam sites. Many honest sites use it too.")
		}
	}
	if !a.Listed {
		s.add(CodeUnlistedTLD, hangup.SeverityLow, 1, "The address ends in ."+lastLabel(a.Suffix)+", which is not a real ending: this address cannot work as written. Check that you heard or copied it correctly.")
	}
	if !haveLook {
		if len(ns.words) > 0 {
			// One or two such words are common in honest names
			// (supportbee, securelogin); three together rarely are
			// (tech-support-helpline).
			w := min(len(ns.words), 3)
			s.add(CodeScamWords, hangup.SeverityLow, w, "The name contains words scam websites often use ("+strings.Join(ns.words, ", ")+").")
		}
		if ns.both {
			s.add(CodeScamWordsTwice, hangup.SeverityLow, 1, "Both the site's name and the part in front of it use such words, the way fake sign-in and support pages are named.")
		}
		if len(ns.misspelt) > 0 {
			s.add(CodeMisspeltWord, hangup.SeverityMedium, min(1+len(ns.misspelt), 3), "The name misspells or disguises a word that scam sites use: "+strings.Join(ns.misspelt, ", ")+". Genuine companies spell their own names and services correctly.")
		}
		if ns.junk {
			s.add(CodeRandomPadding, hangup.SeverityLow, 1, "The name adds random letters to such a word, the way scammers make many copies of one site.")
		}
		if ns.fakeDot != "" {
			s.add(CodeFakeAddress, hangup.SeverityMedium, 3, "The name starts with "+strconv.Quote(ns.fakeDot[:strings.IndexByte(ns.fakeDot, '-')+1])+" so that the address seems to end there: the real site is "+a.Domain+". This trick makes a fake address read like a real one.")
		}
		if ns.digits {
			s.add(CodeLongNumber, hangup.SeverityLow, 1, "The name holds a long string of numbers, which genuine companies rarely use.")
		}
	}
	if ns.subs >= 4 {
		s.add(CodeManySubdomains, hangup.SeverityLow, 1,
			"The address has an unusually long chain of names before the real site name, which can hide where it really goes.")
	}
	if a.Port != "" && a.Port != "80" && a.Port != "443" {
		s.add(CodeUnusualPort, hangup.SeverityLow, 1, "The address names a port (:"+a.Port+"). Ordinary websites don't need one.")
	}
	if a.Path != "/" && !haveLook && pathScamWords(a.Path) {
		s.add(CodeScamPath, hangup.SeverityLow, 1,
			"The page's address has words used by fake sign-in and payment pages (such as login, verify or account).")
	}
	if a.Path != "/" && !haveLook {
		if id, ok := c.brandInPath(a.Path); ok {
			b := &c.brands[id]
			s.add(CodeBrandInPath, hangup.SeverityMedium, 2, "The page's address mentions "+c.display(b)+", but the site is "+a.Domain+", which does not belong to "+c.display(b)+".")
		}
	}
}

// riskyTLD reports a generic ending favoured by abuse or one that does not
// exist: there, a brand's name is an impersonation.
func (c *Checker) riskyTLD(a *Address) bool {
	return c.abused[a.Suffix] || !a.Listed
}

// scamWordSet is scamWords as a set: the words strong enough to count as a
// risk sign on their own (dnstwist's dictionary is broader, for
// combosquatting only).
var scamWordSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`support helpdesk helpline help fix repair virus alert warning error
		refund refunds billing invoice verify verification unlock recover recovery suspended
		secure security login signin wallet technician tech techsupport customer care account
		update payment confirm locked fee redelivery reschedule appeal copyright violation
		claim prize reward tax`) {
		m[w] = true
	}
	return m
}()

// brandInPath finds a protected brand's name as a word of a page path on an
// unrelated site (/microsoft/login.php on a hacked blog).
func (c *Checker) brandInPath(path string) (int32, bool) {
	var found int32
	ok := false
	eachWord(path, func(w string) bool {
		if len(w) < minEditBrand {
			return true
		}
		if ids, has := c.labels[w]; has {
			b := &c.brands[ids[0]]
			if b.combo && (b.kind <= kindHighTrust || b.rank <= 500) {
				found, ok = ids[0], true
			}
		}
		return !ok
	})
	return found, ok
}

// pathScamWords reports whether a page path holds the words of fake
// sign-in and payment pages.
func pathScamWords(path string) bool {
	found := false
	eachWord(path, func(w string) bool {
		switch w {
		case "login", "signin", "logon", "verify", "verification", "account", "update", "secure", "webscr",
			"password", "billing", "payment", "unlock", "recover", "recovery", "confirm", "wallet":
			found = true
		}
		return !found
	})
	return found
}

// eachWord calls f with each run of ASCII letters and digits in the first
// 512 bytes of s, lower-cased, until f returns false. Words longer than 32
// bytes are skipped: no brand or scam word is that long.
func eachWord(s string, f func(string) bool) {
	if len(s) > 512 {
		s = s[:512]
	}
	var buf [32]byte
	n, long := 0, false
	flush := func() bool {
		ok := true
		if n > 0 && !long {
			ok = f(string(buf[:n]))
		}
		n, long = 0, false
		return ok
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			if !flush() {
				return
			}
			continue
		}
		if n == len(buf) {
			long = true
			continue
		}
		buf[n] = c
		n++
	}
	flush()
}

func lastLabel(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// unicodeLabel returns the Unicode form of an ASCII label of a's host.
func unicodeLabel(a *Address, label string) string {
	if a.Unicode == a.Host || !strings.HasPrefix(label, "xn--") {
		return label
	}
	hl := strings.Split(a.Host, ".")
	ul := strings.Split(a.Unicode, ".")
	if len(hl) == len(ul) {
		for i, l := range hl {
			if l == label {
				return ul[i]
			}
		}
	}
	return label
}

func (c *Checker) setBrand(res *hangup.SiteCheck, id int32) {
	b := &c.brands[id]
	res.Brand = c.display(b)
	res.BrandDomain = b.domain
	if b.org != nil {
		res.OrganisationID = b.org.ID
		res.BrandDomain = mainDomain(b.org, b.domain)
	}
}

// display names a brand for people: the registry or tool name, else the
// brand's domain.
func (c *Checker) display(b *brand) string { return b.name }

// mainDomain returns the organisation's first listed domain, the one to
// point people to, or fallback.
func mainDomain(o *hangup.Organisation, fallback string) string {
	if len(o.Domains) > 0 && o.Domains[0].Domain != "" {
		return strings.ToLower(o.Domains[0].Domain)
	}
	return fallback
}

func (c *Checker) lookalikeMessage(a *Address, l lookalike) string {
	b := &c.brands[l.brand]
	name, poss := b.name, b.poss
	real := b.domain
	if b.org != nil {
		real = mainDomain(b.org, b.domain)
	}
	// One builder for the whole message: this runs for every lookalike
	// checked, and piecewise concatenation showed in profiles.
	var m strings.Builder
	m.Grow(320)
	m.WriteString(a.Unicode)
	if l.strong {
		m.WriteString(" is not ")
		m.WriteString(poss)
		m.WriteString(" website. It is made to look like ")
		m.WriteString(real)
		m.WriteString(": ")
	} else {
		m.WriteString(" may not belong to ")
		m.WriteString(name)
		m.WriteString(": ")
	}
	switch l.family {
	case famTLDSwap:
		m.WriteString("it uses the name ")
		m.WriteString(strconv.Quote(b.label))
		m.WriteString(" with a different ending (.")
		m.WriteString(a.Suffix)
		m.WriteString(")")
	case famCombo:
		if len(l.words) > 0 {
			m.WriteString("it adds ")
			m.WriteString(strconv.Quote(strings.Join(l.words, " ")))
			m.WriteString(" to ")
		} else {
			m.WriteString("it puts ")
		}
		m.WriteString(poss)
		if len(l.words) > 0 {
			m.WriteString(" name")
		} else {
			m.WriteString(" name together with other words")
		}
		if l.detail != "" {
			m.WriteString(", and ")
			m.WriteString(l.detail)
		}
	case famBrandSub:
		m.WriteString("it puts ")
		m.WriteString(poss)
		m.WriteString(" name at the start (")
		m.WriteString(l.part)
		m.WriteString("), but the real site is ")
		m.WriteString(a.Domain)
	case famFreeHost:
		m.WriteString("it is a page called ")
		m.WriteString(strconv.Quote(l.part))
		m.WriteString(" on a free service (")
		m.WriteString(a.Domain)
		m.WriteString(") that anyone can use")
	case famUserinfo:
		m.WriteString("it shows ")
		m.WriteString(strconv.Quote(clip(l.part)))
		m.WriteString(" before an @ sign, but your browser goes to ")
		m.WriteString(a.Unicode)
	case famSubdomain:
		m.WriteString(l.detail)
		m.WriteString(" (")
		m.WriteString(l.part)
		m.WriteString(")")
	default:
		if l.detail == "" {
			m.WriteString("it is spelled almost the same")
		} else {
			m.WriteString(l.detail)
		}
	}
	if l.strong {
		m.WriteString(". Scammers use addresses like this to seem genuine. Don't type anything into it; ")
	} else {
		m.WriteString(". ")
	}
	m.WriteString(poss)
	m.WriteString(" real website is ")
	m.WriteString(real)
	if l.strong {
		m.WriteString(".")
	} else {
		m.WriteString(". Some companies use names like this, but scammers do too; to be safe, type ")
		m.WriteString(real)
		m.WriteString(" yourself.")
	}
	return m.String()
}

func toolMessage(show string, t rmm.Tool) string {
	return show + " belongs to " + t.Name + ", a remote-access tool: it lets someone else see and control your computer. It is a genuine tool, but no genuine company asks you to install it on a call it started. If a caller asked you to go here, hang up."
}

// addClaimFindings relates the address to the organisation the caller
// claimed to be from.
func (c *Checker) addClaimFindings(s *assessment, res *hangup.SiteCheck, claimed *hangup.Organisation, official bool, officialID int32, look lookalike, haveLook bool) {
	name := claimed.Name
	sites := orgDomains(claimed)
	switch {
	case official && c.brands[officialID].org == claimed:
		s.add(CodeClaimedOrganisation, hangup.SeverityInfo, 0, "This is a genuine "+name+" website. That doesn't prove the caller is from "+name+": scammers send people to real sites to make their story look true.")
	case official:
		s.add(CodeOtherOrganisation, hangup.SeverityMedium, 0, "This is "+possessive(res.Brand)+" website, not "+possessive(name)+". The caller said they were from "+name+"; ask yourself why they would send you to someone else's site.")
	case haveLook && c.brands[look.brand].org == claimed:
		s.add(CodeImitatesClaimed, hangup.SeverityHigh, 0, "The caller said they were from "+name+", and this address copies "+possessive(name)+" name without belonging to "+name+". That is a strong sign of a scam: hang up.")
	default:
		msg := "This address does not belong to " + name + ", who the caller said they were from."
		if sites != "" {
			msg += " " + possessive(name) + " websites are " + sites + "."
		}
		s.add(CodeNotClaimedOrganisation, hangup.SeverityMedium, 0, msg)
	}
	if res.Verdict == hangup.SiteRemoteAccessTool {
		if p, ok := claimed.HasPolicy(hangup.PolicyNoRemoteAccess); ok {
			s.findings = append(s.findings, hangup.Reason{Code: CodeClaimedNoRemoteAccess, Severity: hangup.SeverityHigh,
				Message: (name + " says: " + strconv.Quote(p.Text) + ". A caller from " + name + " who asks you to install " + res.Tool + " is not from " + name + "."),
				Source:  p.Source.String()})
		}
	}
}

func orgDomains(o *hangup.Organisation) string {
	var ds []string
	for _, d := range o.Domains {
		if d.Domain != "" && len(ds) < 4 {
			ds = append(ds, d.Domain)
		}
	}
	return strings.Join(ds, ", ")
}

// possessive adds the English possessive to a name: "Microsoft's",
// "Barclays'".
func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// summary is the one sentence shown first.
func summary(res *hangup.SiteCheck, show string) string {
	switch res.Verdict {
	case hangup.SiteOfficial:
		if res.OrganisationID == "" {
			return show + " is the genuine website of a well-known brand (" + res.BrandDomain + ")."
		}
		return show + " is an official website of " + res.Brand + "."
	case hangup.SiteRemoteAccessTool:
		return show + " is the website of " + res.Tool + ", a remote-access tool. If a caller asked you to go here, hang up: no genuine company asks you to install it on a call it started."
	case hangup.SiteImpersonation:
		return show + " is not " + possessive(res.Brand) + " website: it is made to look like it. Don't enter anything there."
	case hangup.SiteSuspicious:
		if res.Brand != "" {
			return show + " may be pretending to be " + res.Brand + ". Don't enter anything there; find " + possessive(res.Brand) + " website yourself."
		}
		if len(res.Listings) > 0 {
			return show + " is a known scam website (" + listingSources(res.Listings[:1]) + "). Don't enter anything there."
		}
		return show + " has signs of a scam website. Don't enter anything there unless you found it yourself."
	}
	return "Hangup has no information about " + show + ". Be careful if a caller asked you to go there."
}
