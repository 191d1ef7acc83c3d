package hangup

import (
	"context"
	"time"
)

// Happened is one thing that happened during the contact: something the
// caller asked for that the person did. The values are the Ask words for
// the same things, so a check and a report say them alike.
type Happened string

// What can happen. The values are the API's "happened" array elements, the
// CLI's --happened words and the report form's values. ParseHappened also
// reads the older words (installed_software, visited_site, paid).
const (
	HappenedInstalledSoftware Happened = Happened(AskInstall)
	HappenedRemoteAccess      Happened = Happened(AskRemoteAccess)
	HappenedVisitedSite       Happened = Happened(AskWebsite)
	HappenedPaid              Happened = Happened(AskPayment)
	HappenedBankDetails       Happened = Happened(AskBankDetails)
	HappenedCardDetails       Happened = Happened(AskCardDetails)
	HappenedPasswords         Happened = Happened(AskPasswords)
)

// HappenedValues lists every Happened value in the order forms show them.
var HappenedValues = []Happened{HappenedInstalledSoftware, HappenedRemoteAccess, HappenedVisitedSite,
	HappenedPaid, HappenedBankDetails, HappenedCardDetails, HappenedPasswords}

// ParseHappened reads a Happened value as people and clients write it, with
// ParseAsk's spellings and aliases; the ways of paying a caller asks for
// (gift cards, crypto) are all "payment" once done. ok is false for
// anything else.
func ParseHappened(s string) (Happened, bool) {
	a, ok := ParseAsk(s)
	if !ok {
		return Happened(s), false
	}
	switch a {
	case AskGiftCard, AskCrypto, AskMoveMoney, AskCash:
		a = AskPayment
	}
	for _, h := range HappenedValues {
		if string(h) == string(a) {
			return h, true
		}
	}
	return Happened(s), false
}

// UnmarshalText reads a Happened value with ParseHappened. A word it
// doesn't know is kept as given, so validation can name it.
func (h *Happened) UnmarshalText(b []byte) error {
	*h, _ = ParseHappened(string(b))
	return nil
}

// Label is the answer in the person's words, for forms, summaries and the
// analysts' pages.
func (h Happened) Label() string {
	switch h {
	case HappenedInstalledSoftware:
		return "I installed a program or app they told me to"
	case HappenedRemoteAccess:
		return "They got into my computer or phone (they could see or move things on my screen)"
	case HappenedVisitedSite:
		return "I went to a website they told me to"
	case HappenedPaid:
		return "I paid them, or bought gift cards for them"
	case HappenedBankDetails:
		return "I gave my bank details or logged in to my bank while they watched"
	case HappenedCardDetails:
		return "I gave my card details"
	case HappenedPasswords:
		return "I told them a password, PIN or a code sent to my phone"
	}
	return string(h)
}

// ReportStatus is where a report is in the analysts' workflow.
type ReportStatus string

// Report statuses, in workflow order.
const (
	StatusNew      ReportStatus = "new"
	StatusTriaged  ReportStatus = "triaged"
	StatusReferred ReportStatus = "referred" // passed to the police, a bank or the organisation impersonated
	StatusClosed   ReportStatus = "closed"
)

// ReportStatuses lists every status in workflow order.
var ReportStatuses = []ReportStatus{StatusNew, StatusTriaged, StatusReferred, StatusClosed}

// Label is the status in plain words, as the reporter and analysts see it.
func (s ReportStatus) Label() string {
	switch s {
	case StatusNew:
		return "Received"
	case StatusTriaged:
		return "Being looked at"
	case StatusReferred:
		return "Passed to the authorities"
	case StatusClosed:
		return "Closed"
	}
	return string(s)
}

// Contact is how a reporter may be reached. It is personal data: stored
// apart from the report, never exported, never published, deleted with the
// report.
type Contact struct {
	Name    string `json:"name"`
	Email   string `json:"email"`
	Phone   string `json:"phone"`
	Consent bool   `json:"consent"` // they agreed to be contacted about this report
}

// ReportInput is what a person reports. Its JSON form is the stable
// contract of POST /api/v1/reports.
type ReportInput struct {
	NumberShown         string     `json:"number_shown"`
	CallbackNumber      string     `json:"callback_number"`
	ClaimedOrganisation string     `json:"claimed_organisation"`
	Started             Started    `json:"started"`
	Happened            []Happened `json:"happened"`
	Software            string     `json:"software"`
	Website             string     `json:"website"`
	Amount              string     `json:"amount"` // as typed: "250", "£1,200.50"
	Currency            string     `json:"currency"`
	PaymentMethod       string     `json:"payment_method"`
	OccurredAt          string     `json:"occurred_at"` // RFC 3339, or a date, or date and time without zone
	Story               string     `json:"story"`
	Contact             *Contact   `json:"contact,omitempty"`
}

// HasHappened reports whether h is among the answers.
func (in *ReportInput) HasHappened(h Happened) bool {
	for _, x := range in.Happened {
		if x == h {
			return true
		}
	}
	return false
}

// Link is one thing a report names that can join it to other reports: a
// number, a domain, a remote-access tool, an organisation.
type Link struct {
	Kind  string `json:"kind"`  // "number_shown", "callback_number", "domain", "tool", "organisation"
	Value string `json:"value"` // normalised: E.164, registrable domain, tool name, organisation id
}

// Link kinds.
const (
	LinkNumberShown    = "number_shown"
	LinkCallbackNumber = "callback_number"
	LinkDomain         = "domain"
	LinkTool           = "tool"
	LinkOrganisation   = "organisation"
)

// LinkKindLabel names a link kind in plain words.
func LinkKindLabel(kind string) string {
	switch kind {
	case LinkNumberShown:
		return "Number that called"
	case LinkCallbackNumber:
		return "Number they gave to call back"
	case LinkDomain:
		return "Website"
	case LinkTool:
		return "Remote-access tool"
	case LinkOrganisation:
		return "Organisation they claimed to be"
	}
	return kind
}

// SourceLabel names where a report came from in plain words.
func SourceLabel(source string) string {
	switch source {
	case "web":
		return "the web form"
	case "api":
		return "the API"
	case "cli":
		return "the command line"
	case "ftc-dnc":
		return "FTC Do Not Call complaints"
	}
	return source
}

// IsFieldLink reports whether links of this kind are held by a report's own
// fields (its numbers and organisation) rather than kept as separate links:
// stores index those fields directly.
func IsFieldLink(kind string) bool {
	return kind == LinkNumberShown || kind == LinkCallbackNumber || kind == LinkOrganisation
}

// Report is one incident as stored: the person's answers (normalised), what
// the analysis of their story found, and the workflow state. It holds no
// personal data; see Contact.
type Report struct {
	ID                  int64        `json:"-"`
	Reference           string       `json:"reference"` // e.g. HU-7K3M-Q9TX
	Status              ReportStatus `json:"status"`
	Source              string       `json:"source"`               // "web", "api", "cli", "ftc-dnc"
	SourceRef           string       `json:"source_ref,omitempty"` // the row's identity in an imported source
	CreatedAt           time.Time    `json:"created_at"`
	UpdatedAt           time.Time    `json:"updated_at"`
	OccurredAt          *time.Time   `json:"occurred_at,omitempty"`
	Country             string       `json:"country"` // where the person is, for guidance: ISO code
	NumberShown         string       `json:"number_shown"`
	NumberShownE164     string       `json:"number_shown_e164,omitempty"`
	CallbackNumber      string       `json:"callback_number"`
	CallbackE164        string       `json:"callback_e164,omitempty"`
	ClaimedOrganisation string       `json:"claimed_organisation"`
	OrganisationID      string       `json:"organisation_id,omitempty"` // registry match of the claim
	Started             Started      `json:"started,omitempty"`
	Happened            []Happened   `json:"happened"`
	Software            string       `json:"software"`
	Website             string       `json:"website"`
	SiteKey             string       `json:"-"` // the name the website counts as evidence against (SiteCheck.EvidenceKey); not stored
	Amount              float64      `json:"amount"`
	Currency            string       `json:"currency"`
	PaymentMethod       string       `json:"payment_method"`
	Story               string       `json:"story"`
	Verdict             Verdict      `json:"verdict,omitempty"`   // the analysis of the story
	ScamType            ScamType     `json:"scam_type,omitempty"` // the analysis of the story
	Links               []Link       `json:"links"`
	HasContact          bool         `json:"has_contact"`
	ReporterKey         string       `json:"-"` // account or keyed anonymous identity; never shown
	ReporterWeight      float64      `json:"-"` // evidence weight of the reporter
	IdempotencyKey      string       `json:"-"` // a form nonce or Idempotency-Key header: a replay finds this report
}

// FieldLinks returns the links held by the report's own fields, in a fixed
// order: number shown, callback number, organisation.
func (r *Report) FieldLinks() []Link {
	links := []Link{}
	if r.NumberShownE164 != "" {
		links = append(links, Link{Kind: LinkNumberShown, Value: r.NumberShownE164})
	}
	if r.CallbackE164 != "" {
		links = append(links, Link{Kind: LinkCallbackNumber, Value: r.CallbackE164})
	}
	if r.OrganisationID != "" {
		links = append(links, Link{Kind: LinkOrganisation, Value: r.OrganisationID})
	}
	return links
}

// HasHappened reports whether h happened.
func (r *Report) HasHappened(h Happened) bool {
	for _, x := range r.Happened {
		if x == h {
			return true
		}
	}
	return false
}

// ReportEvent is one entry of a report's history.
type ReportEvent struct {
	At         time.Time    `json:"at"`
	Actor      string       `json:"actor"` // "reporter", an analyst's email, "system"
	Kind       string       `json:"kind"`  // "created", "status", "note", "info_added", "contact_deleted"
	FromStatus ReportStatus `json:"from_status,omitempty"`
	ToStatus   ReportStatus `json:"to_status,omitempty"`
	Note       string       `json:"note,omitempty"`
}

// Label says what the event was in plain words.
func (e ReportEvent) Label() string {
	switch e.Kind {
	case "created":
		return "Report received"
	case "status":
		return "Status changed to " + e.ToStatus.Label()
	case "note":
		return "Note added"
	case "info_added":
		return "The reporter added information"
	case "contact_deleted":
		return "Contact details deleted"
	}
	return e.Kind
}

// ReportFilter selects reports for the analyst workspace. Zero fields don't
// filter.
type ReportFilter struct {
	Number         string // E.164; matches the number shown or the callback number
	OrganisationID string
	Tool           string
	Domain         string
	Status         ReportStatus
	From, To       time.Time // created at, inclusive from, exclusive to
	MinLoss        float64
	Text           string // words in the story or the claimed organisation
	Source         string
	Limit          int   // default 50, at most 1000
	AfterID        int64 // keyset pagination: reports with ID below this (newest first)
}

// ReportStore persists reports. Implementations must pass storetest.
type ReportStore interface {
	// CreateReport stores r with its links, the contact (if any, kept apart),
	// the hash of its private tracking token, a "created" event and the
	// reputation evidence it gives, all in one transaction. It sets r.ID.
	// Returns ECONFLICT if the reference, or (source, source ref), exists.
	CreateReport(ctx context.Context, r *Report, contact *Contact, tokenHash []byte, evidence []Evidence) error
	// CreateReports stores many reports (imports) in as few transactions as
	// it can. Reports whose (source, source ref) already exists are skipped,
	// counted and marked with ID -1; stored ones get their ID. On error, the
	// reports of the failed transaction keep ID 0 (a caller may retry just
	// those: ECONFLICT means a reference was drawn twice). Contacts are not
	// imported, and no history event is written per row. Evidence is
	// stored only for created reports, without the per-reporter check: an
	// import's reporter keys must identify the imported row itself.
	CreateReports(ctx context.Context, rs []*Report, evidence [][]Evidence) (created, skipped int, err error)
	// FindReport returns the report with this reference. ENOTFOUND if none.
	FindReport(ctx context.Context, reference string) (*Report, error)
	// FindReportByIdempotencyKey returns the report created with key.
	// ENOTFOUND if none.
	FindReportByIdempotencyKey(ctx context.Context, key string) (*Report, error)
	// FindReportByToken returns the report whose tracking token hashes to
	// tokenHash. ENOTFOUND if none.
	FindReportByToken(ctx context.Context, tokenHash []byte) (*Report, error)
	// ListReports returns reports matching f, newest first.
	ListReports(ctx context.Context, f ReportFilter) ([]*Report, error)
	// LinkedReports returns other reports sharing a link with r, newest first.
	LinkedReports(ctx context.Context, r *Report, limit int) ([]*Report, error)
	// SetReportStatus moves a report to status, recording actor and note.
	// ENOTFOUND if no such report; EINVALID if the status is unknown.
	SetReportStatus(ctx context.Context, reference string, status ReportStatus, actor, note string) error
	// AddReportInfo appends text from the reporter to the report's story
	// and records it. ENOTFOUND if no such report.
	AddReportInfo(ctx context.Context, reference, text string) error
	// ReportEvents returns the history of a report, oldest first.
	ReportEvents(ctx context.Context, reference string) ([]ReportEvent, error)
	// ReportContact returns the reporter's contact details, or nil.
	ReportContact(ctx context.Context, reference string) (*Contact, error)
	// NumberOrganisations returns, for each of numbers (E.164) that
	// reports name (as the number shown or the callback number) with a
	// claimed registry organisation, the organisations claimed and by how
	// many reports, most reports first, then by id. Numbers without such
	// reports are absent. At most 1,000 numbers per call (EINVALID beyond).
	NumberOrganisations(ctx context.Context, numbers []string) (map[string][]OrganisationCount, error)
	// DeleteReport deletes a report, its contact details and its links.
	// Its reputation evidence is withdrawn but remembered, so the same
	// reporter cannot cast it again within the period. ENOTFOUND if none.
	DeleteReport(ctx context.Context, reference, actor string) error
}

// OrganisationCount is how many reports about a number claimed to come
// from one registry organisation: the organisation scammers impersonate
// from that number.
type OrganisationCount struct {
	ID      string `json:"id"`
	Reports int    `json:"reports"`
}

// MaxNumberOrganisations caps the numbers of one NumberOrganisations call.
const MaxNumberOrganisations = 1000

// GuidanceStep is one thing to do after a scam, most urgent first.
type GuidanceStep struct {
	Code   string `json:"code"` // stable: "cut_internet", "call_bank", …
	Title  string `json:"title"`
	Text   string `json:"text"`
	Urgent bool   `json:"urgent"` // do this now, before anything else
}

// ReportingService is an official place to report a scam.
type ReportingService struct {
	Name  string `json:"name"`
	URL   string `json:"url,omitempty"`
	Phone string `json:"phone,omitempty"`
	What  string `json:"what"` // what to report there
}

// Guidance is what a person should do after what happened to them: ordered
// steps, the route to their bank, and where to report officially.
type Guidance struct {
	Steps     []GuidanceStep     `json:"steps"`
	BankRoute string             `json:"bank_route,omitempty"` // e.g. "Call 159 or the number on your card"
	ReportTo  []ReportingService `json:"report_to"`
}
