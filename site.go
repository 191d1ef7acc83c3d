package hangup

// SiteVerdict is the one-word answer about a website address someone was told
// to visit: the question a worried person asks is "is this the real thing?".
type SiteVerdict string

// Site verdicts, from reassuring to alarming. A verdict is about the address
// only: a genuine website can still be used in a scam (a caller can send you
// to the real Microsoft site to make a story look true), so "official" never
// means "the caller is genuine".
const (
	// SiteOfficial: the address belongs to an organisation in the registry,
	// or to a well-known brand on Hangup's curated list of brands' own
	// domains.
	SiteOfficial SiteVerdict = "official"
	// SiteRemoteAccessTool: the address is the website or a relay of a
	// remote-access tool (AnyDesk, TeamViewer, Quick Assist…). The tool is
	// genuine; being asked to install it on a call is the danger.
	SiteRemoteAccessTool SiteVerdict = "remote_access_tool"
	// SiteImpersonation: the address is made to look like a brand it does not
	// belong to (a lookalike, a brand name plus "support", a brand hidden in
	// a subdomain…). Brand says which.
	SiteImpersonation SiteVerdict = "impersonation"
	// SiteSuspicious: no brand is clearly copied, but the address has signs
	// scammers rely on: a link shortener, a free website, a bare IP address,
	// a trick in the address, or a brand's name on an unrelated site.
	SiteSuspicious SiteVerdict = "suspicious"
	// SiteUnknown: nothing known for or against the address.
	SiteUnknown SiteVerdict = "unknown"
)

// SiteVerdicts lists every verdict, for validation and forms.
var SiteVerdicts = []SiteVerdict{SiteOfficial, SiteRemoteAccessTool, SiteImpersonation,
	SiteSuspicious, SiteUnknown}

// Warning reports whether the verdict should be shown as a warning: an
// impersonation, a suspicious address or a remote-access tool.
func (v SiteVerdict) Warning() bool {
	return v == SiteImpersonation || v == SiteSuspicious || v == SiteRemoteAccessTool
}

// SiteCheck is everything Hangup found about one website address, as a person
// typed, pasted or said it ("go to micros0ft-support dot com").
type SiteCheck struct {
	Input       string `json:"input"`                  // as given
	URL         string `json:"url"`                    // normalised, with the host in ASCII (punycode)
	Host        string `json:"host"`                   // lower case ASCII, no trailing dot
	DisplayHost string `json:"display_host,omitempty"` // the host in Unicode, when it differs from Host
	Domain      string `json:"domain"`                 // registrable domain (public suffix plus one label); the IP for IP literals
	// EvidenceKey is the name reports naming this address count against:
	// the registrable domain, or the whole host of a person's site on a
	// free hosting service (so reports of one site never list the
	// service). Empty when a report can't fairly name a site: a link
	// shortener, a platform's own pages or a page in its path, a
	// remote-access tool's site.
	EvidenceKey string      `json:"-"`
	Verdict     SiteVerdict `json:"verdict"`
	// Brand names the organisation or brand the address belongs to
	// (official) or copies (impersonation, and suspicious when a brand is
	// involved): the registry name ("Microsoft") or, for popular brands not
	// in the registry, their main domain ("paypal.com").
	Brand          string `json:"brand,omitempty"`
	BrandDomain    string `json:"brand_domain,omitempty"`    // the brand's genuine domain
	OrganisationID string `json:"organisation_id,omitempty"` // registry ID, when Brand is in the registry
	Tool           string `json:"tool,omitempty"`            // remote-access tool name, for remote_access_tool
	Summary        string `json:"summary"`                   // one plain-English sentence for the person at risk
	// Findings explain the verdict, most serious first. Codes are stable;
	// see package site for the list.
	Findings []Reason `json:"findings"`
	// Listings are the blocklists (feeds) that name the address, when the
	// checker has any.
	Listings []SiteListing `json:"listings,omitempty"`
	// Page is what a check of the page itself found, when it was asked for
	// (hangup url --fetch-pages, serve --fetch-pages).
	Page *PageCheck `json:"page,omitempty"`
	// Reputation is what reports and analysts say about the site, when the
	// server keeps reports (a listed site is also in Listings).
	Reputation *SiteReputation `json:"reputation,omitempty"`
}

// HasFinding reports whether the check carries the finding with this code.
func (c *SiteCheck) HasFinding(code string) bool {
	for _, f := range c.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// SiteChecker checks website addresses against the registry, the catalogue of
// remote-access tools and known lookalike patterns. Implementations are built
// once from their data and are safe for concurrent use.
type SiteChecker interface {
	// CheckSite checks one address: a URL, a bare host, or a sentence that
	// holds one, written or spoken ("go to anydesk dot com"). Returns
	// EINVALID when the input holds no usable web address or a malformed one
	// (bad punycode, control characters, a bad port…), ETOOLARGE when the
	// input or its host exceeds the documented caps.
	CheckSite(address string) (SiteCheck, error)
	// CheckSiteFor is CheckSite for an address given by a caller who claimed
	// to be the registry organisation claimedOrgID: the findings then also
	// say whether the address belongs to that organisation. An empty ID is
	// CheckSite. Returns ENOTFOUND if no organisation has that ID, and the
	// errors of CheckSite.
	CheckSiteFor(address, claimedOrgID string) (SiteCheck, error)
}
