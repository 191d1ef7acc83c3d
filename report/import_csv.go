package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/csvmap"
	"github.com/hangup-org/hangup/ftcdnc"
)

// CSVSource is who a CSV import comes from and how much its rows weigh.
type CSVSource struct {
	// Name identifies the source, e.g. "acme-bank": 1 to 32 lower-case
	// letters, digits and '-'. Reports are stored with source "csv:NAME".
	Name string
	// Weight is the evidence one row gives (an account's report gives 1,
	// an FTC complaint 0.5). Imports count as trusted, non-anonymous
	// evidence (docs/reputation.md). From 0.1 to MaxCSVWeight.
	Weight float64
	// Region is the country assumed for numbers without a country code.
	Region string
}

// MaxCSVWeight caps one row's weight. At 16 a single row lists a number as
// scam on its own: an operator who sets that trusts the source as much as
// sixteen independent reporters, and says so in the command line.
const MaxCSVWeight = 20

// Validate checks the source.
func (c CSVSource) Validate() error {
	var fields []hangup.FieldError
	if c.Name == "" || len(c.Name) > 32 || strings.Trim(c.Name, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		fields = append(fields, hangup.FieldError{Field: "source", Message: "must be 1 to 32 lower-case letters, digits or '-', e.g. acme-bank"})
	}
	if c.Weight < 0.1 || c.Weight > MaxCSVWeight {
		fields = append(fields, hangup.FieldError{Field: "weight", Message: fmt.Sprintf("must be from 0.1 to %d (an account's report weighs 1)", MaxCSVWeight)})
	}
	if len(fields) > 0 {
		return hangup.Invalid("The import source is not valid.", fields...)
	}
	return nil
}

// ImportCSV loads a CSV file of fraud numbers, its columns named by m, as
// reports from the trusted source src. Each row is one report and one
// unit of evidence of src.Weight about its number, dated by its date (else
// now) so that it fades like any other. Importing the same rows again adds
// nothing (a row's identity is its mapped values). Rows that can't be read,
// or whose number isn't a phone number, are named by line and skipped;
// with strict, any bad row means nothing is imported.
func (s *Service) ImportCSV(ctx context.Context, r io.Reader, m csvmap.Map, header bool, src CSVSource, strict bool) (*ImportSummary, error) {
	start := time.Now()
	if err := src.Validate(); err != nil {
		return nil, err
	}
	if src.Region == "" {
		src.Region = s.deps.Region
	}
	cr, err := csvmap.NewReader(r, m, header)
	if err != nil {
		return nil, hangup.Errorf(hangup.EINVALID, "The file can't be read with this mapping: %v", err)
	}
	sum := &ImportSummary{}
	bad := func(line int, msg string) {
		sum.Bad++
		if len(sum.BadLines) < MaxBadLines {
			sum.BadLines = append(sum.BadLines, &ftcdnc.LineError{Line: line, Msg: msg})
		}
	}
	var reports []*hangup.Report
	var evidence [][]hangup.Evidence
	flush := func() error {
		if len(reports) == 0 {
			return nil
		}
		c, sk, err := s.storeImported(ctx, reports, evidence)
		sum.Imported, sum.AlreadyPresent = sum.Imported+c, sum.AlreadyPresent+sk
		reports, evidence = nil, nil
		return err
	}
	now := s.now().UTC()
	for ctx.Err() == nil {
		row, err := cr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *csvmap.LineError
		if errors.As(err, &le) {
			sum.Rows++
			bad(le.Line, le.Msg)
			continue
		}
		if err != nil {
			return sum, hangup.Errorf(hangup.EINVALID, "Reading the file failed after %d rows: %v", sum.Rows, err)
		}
		sum.Rows++
		n := s.deps.Numbers.ParseNumber(row.Number)
		if n.Unreadable() || n.E164 == "" {
			bad(row.Line, fmt.Sprintf("%q is not a phone number", clip(row.Number, 40)))
			continue
		}
		at := row.Date
		if at.IsZero() || at.After(now) {
			at = now
		}
		name := "csv:" + src.Name
		rep := &hangup.Report{Reference: NewReference(), Status: hangup.StatusClosed, Source: name, SourceRef: row.Key,
			CreatedAt: at, UpdatedAt: at, Country: src.Region, NumberShown: row.Number, NumberShownE164: n.E164,
			Started: hangup.StartedTheyCalled, Happened: []hangup.Happened{}, ClaimedOrganisation: row.Organisation,
			Story:       fmt.Sprintf("Imported from %s.", src.Name),
			ReporterKey: name + ":" + row.Key, ReporterWeight: src.Weight,
			Links: []hangup.Link{{Kind: hangup.LinkNumberShown, Value: n.E164}}}
		if row.Category != "" {
			rep.Story = fmt.Sprintf("Imported from %s: %s.", src.Name, clip(row.Category, 200))
		}
		if !row.Date.IsZero() {
			d := row.Date
			rep.OccurredAt = &d
		}
		if row.Organisation != "" && s.deps.Orgs != nil {
			if mo := s.deps.Orgs.MatchOrganisation(row.Organisation, src.Region); mo.Organisation != nil {
				rep.OrganisationID = mo.Organisation.ID
			}
		}
		reports = append(reports, rep)
		evidence = append(evidence, []hangup.Evidence{{Number: n.E164, ReporterKey: rep.ReporterKey, Weight: src.Weight,
			Category: CategoryOf(row.Category), At: at, ReportRef: rep.Reference, Source: name}})
		if !strict && len(reports) >= 2000 {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if strict && sum.Bad > 0 {
		sum.Duration = time.Since(start)
		return sum, hangup.Errorf(hangup.EINVALID, "%d rows could not be read (first: %v); with --strict nothing was imported", sum.Bad, sum.BadLines[0])
	}
	if err := flush(); err != nil {
		return sum, err
	}
	if s.deps.Reputation != nil {
		if err := s.deps.Reputation.Refresh(ctx); err != nil {
			return sum, err
		}
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// CategoryOf maps a source's own words for a kind of scam to a reputation
// category.
func CategoryOf(words string) string {
	w := strings.ToLower(words)
	for _, c := range []struct {
		cat  hangup.ScamType
		keys []string
	}{
		{hangup.ScamTechSupport, []string{"tech", "computer", "microsoft", "remote", "virus"}},
		{hangup.ScamRefund, []string{"refund"}},
		{hangup.ScamBankImpersonate, []string{"bank", "safe account", "app fraud", "impersonat"}},
		{hangup.ScamGovernment, []string{"government", "tax", "hmrc", "irs", "police", "social security"}},
		{hangup.ScamDelivery, []string{"delivery", "parcel", "courier"}},
		{hangup.ScamPrize, []string{"prize", "lottery", "grant"}},
		{hangup.ScamInvestment, []string{"invest", "crypto", "bitcoin"}},
		{hangup.ScamFamily, []string{"family", "hi mum", "grandchild"}},
	} {
		for _, k := range c.keys {
			if strings.Contains(w, k) {
				return string(c.cat)
			}
		}
	}
	if w == "" {
		return ""
	}
	return string(hangup.ScamOther)
}
