package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/ftcdnc"
)

// ImportSummary says what an import did.
type ImportSummary struct {
	Rows           int                 // data rows read
	Imported       int                 // new reports
	AlreadyPresent int                 // rows imported before (an import is idempotent)
	Bad            int                 // rows that could not be read
	BadLines       []*ftcdnc.LineError // the first MaxBadLines of them (by line, whatever the file's format)
	Duration       time.Duration
}

// MaxBadLines bounds the bad rows listed in a summary.
const MaxBadLines = 50

// ImportFTC loads FTC Do Not Call complaints as reports from source
// "ftc-dnc". Importing the same file twice adds nothing. Bad rows are named
// by line and skipped; with strict, any bad row means nothing is imported.
// progress, if set, is called with the number of rows read so far.
//
// Imported reports are closed on arrival (they are reference data, not
// cases to work) and give evidence weighted as imports, dated when the
// complaint was made so that it fades like any other evidence.
func (s *Service) ImportFTC(ctx context.Context, r io.Reader, strict bool, progress func(rows int)) (*ImportSummary, error) {
	start := time.Now()
	fr, err := ftcdnc.NewReader(r)
	if err != nil {
		return nil, hangup.Errorf(hangup.EINVALID, "This is not an FTC Do Not Call complaints file: %v", err)
	}
	sum := &ImportSummary{}
	// Reading and building run here while a writer stores the previous
	// batch: the two halves use both cores instead of taking turns.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type built struct {
		reports  []*hangup.Report
		evidence [][]hangup.Evidence
	}
	batches := make(chan built, 1)
	var created, skipped int
	var writeErr error
	written := make(chan struct{})
	go func() {
		defer close(written)
		for b := range batches {
			if writeErr != nil {
				continue
			}
			c, sk, err := s.storeImported(ctx, b.reports, b.evidence)
			created, skipped = created+c, skipped+sk
			if err != nil {
				writeErr = err
				cancel()
			}
		}
	}()
	finish := func() error {
		close(batches)
		<-written
		sum.Imported, sum.AlreadyPresent = created, skipped
		return writeErr
	}
	var batch built // strict mode holds everything until the end
	add := func(c *ftcdnc.Complaint) {
		r, ev := s.ftcReport(c)
		batch.reports, batch.evidence = append(batch.reports, r), append(batch.evidence, ev)
	}
	for ctx.Err() == nil {
		c, err := fr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *ftcdnc.LineError
		if errors.As(err, &le) {
			sum.Rows++
			sum.Bad++
			if len(sum.BadLines) < MaxBadLines {
				sum.BadLines = append(sum.BadLines, le)
			}
			continue
		}
		if err != nil {
			finish()
			return sum, hangup.Errorf(hangup.EINVALID, "Reading the file failed after %d rows: %v", sum.Rows, err)
		}
		sum.Rows++
		if progress != nil && sum.Rows%1000 == 0 {
			progress(sum.Rows)
		}
		add(c)
		if !strict && len(batch.reports) >= 2000 {
			batches <- batch
			batch = built{}
		}
	}
	if strict && sum.Bad > 0 {
		finish()
		sum.Duration = time.Since(start)
		return sum, hangup.Errorf(hangup.EINVALID, "%d rows could not be read (first: %v); with --strict nothing was imported", sum.Bad, sum.BadLines[0])
	}
	if len(batch.reports) > 0 {
		batches <- batch
	}
	if err := finish(); err != nil {
		return sum, err
	}
	if progress != nil {
		progress(sum.Rows)
	}
	if s.deps.Reputation != nil {
		if err := s.deps.Reputation.Refresh(ctx); err != nil {
			return sum, err
		}
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// storeImported stores built reports, retrying with fresh references the
// reports of a batch that rolled back because a reference was drawn twice.
func (s *Service) storeImported(ctx context.Context, reports []*hangup.Report, evidence [][]hangup.Evidence) (int, int, error) {
	created, skipped := 0, 0
	for attempt := 0; ; attempt++ {
		c, sk, err := s.deps.Store.CreateReports(ctx, reports, evidence)
		created, skipped = created+c, skipped+sk
		if err == nil {
			return created, skipped, nil
		}
		if hangup.ErrorCode(err) != hangup.ECONFLICT || attempt >= 3 {
			return created, skipped, fmt.Errorf("report: import: %w", err)
		}
		// A reference was drawn twice and that batch rolled back. Retry only
		// the reports not stored yet, with fresh references.
		var rs []*hangup.Report
		var evs [][]hangup.Evidence
		for i, r := range reports {
			if r.ID != 0 { // stored, or skipped as already present
				continue
			}
			r.Reference = NewReference()
			for j := range evidence[i] {
				evidence[i][j].ReportRef = r.Reference
			}
			rs, evs = append(rs, r), append(evs, evidence[i])
		}
		reports, evidence = rs, evs
	}
}

func (s *Service) ftcReport(c *ftcdnc.Complaint) (*hangup.Report, []hangup.Evidence) {
	e164 := nanpE164(c.Number)
	var story strings.Builder
	fmt.Fprintf(&story, "FTC Do Not Call complaint. Subject: %s.", c.Subject)
	if c.Robocall {
		story.WriteString(" Recorded message or robocall: yes.")
	}
	if c.State != "" {
		fmt.Fprintf(&story, " Consumer's state: %s.", c.State)
	}
	r := &hangup.Report{
		Reference: NewReference(), Status: hangup.StatusClosed, Source: "ftc-dnc", SourceRef: c.Key,
		CreatedAt: c.Created, UpdatedAt: c.Created, Country: "US", NumberShown: c.Number, NumberShownE164: e164,
		Started: hangup.StartedTheyCalled, Happened: []hangup.Happened{}, Story: story.String(),
		ReporterKey: "ftc-dnc:" + c.Key, ReporterWeight: s.cfg.ImportWeight,
	}
	if !c.Violation.IsZero() {
		v := c.Violation
		r.OccurredAt = &v
	}
	var ev []hangup.Evidence
	if e164 != "" {
		r.Links = []hangup.Link{{Kind: hangup.LinkNumberShown, Value: e164}}
		ev = []hangup.Evidence{{Number: e164, ReporterKey: r.ReporterKey, Weight: r.ReporterWeight, Category: c.Category(),
			At: c.Created, ReportRef: r.Reference, Source: "ftc-dnc"}}
	}
	return r, ev
}

// nanpE164 writes a ten-digit North American number from the FTC file in
// E.164. The file format defines the column as a NANP number, so no
// libphonenumber lookup is needed (it would cost more than the insert);
// numbers breaking NANP's structure (area code or exchange starting 0 or 1)
// are kept as reports but give no evidence.
func nanpE164(d string) string {
	if len(d) != 10 || d[0] < '2' || d[3] < '2' {
		return ""
	}
	return "+1" + d
}
