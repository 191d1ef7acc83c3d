package screen

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/phone"
	"github.com/hangup-org/hangup/registry"
	"github.com/hangup-org/hangup/registry/registrytest"
	"github.com/hangup-org/hangup/reputation"
	"github.com/hangup-org/hangup/sqlite"
)

// now is the pinned clock of these tests.
var now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// Numbers the tests rely on: their facts come from the shipped numbering
// data and registry, so a change there shows up here.
const (
	telMobile      = "+447400123456" // allocated UK mobile
	telScam        = "+447400111222" // given strong scam evidence below
	telSuspect     = "+447400333444" // given some scam evidence below
	telAllowed     = "+447400555666" // on the administrators' allow-list
	telIMEX        = "+441793781800" // IMEX's line, given role calls_out by rolesForTests: a verified outbound number
	telReportFraud = "+443001232040" // Report Fraud, given role receives_only by rolesForTests
	telPremium     = "+449061234567" // 09 premium rate
	telFree        = "+447408712345" // in a block Ofcom lists as free
	telDrama       = "+447700900123" // Ofcom's drama range
	telInvalid     = "+441632123456" // 01632 outside the drama block: not a valid UK number
	telLandline    = "+442071234567" // London landline (020 7946 0xxx is a drama range)
	telUS          = "+12125551234"
)

var intel = sync.OnceValue(func() *phone.Intel {
	p, err := phone.New(phone.Config{})
	if err != nil {
		panic(err)
	}
	return p
})

// world is a real registry, reputation service and database, wired to an
// engine the way cmd/hangup wires them.
type world struct {
	db     *sqlite.DB
	reg    *registry.Service
	rep    *reputation.Service
	engine *Engine
	refs   int
}

func newWorld(t testing.TB, cfg Config) *world {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "screen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	reg, err := registry.NewService(ctx, db, intel(), true)
	if err != nil {
		t.Fatal(err)
	}
	// The roles these tests are about, whatever the shipped registry says
	// today: IMEX's line as a number IMEX calls from ("IMEX (verified)"),
	// Report Fraud's as one it never calls from (Do-Not-Originate).
	registrytest.SetRole(t, reg, "imex", hangup.RoleCallsOut)
	registrytest.SetRole(t, reg, "uk-report-fraud", hangup.RoleReceivesOnly)
	rep := reputation.New(reputation.DefaultConfig(), db)
	rep.SetClock(func() time.Time { return now })
	if err := rep.Load(ctx); err != nil {
		t.Fatal(err)
	}
	cfg.Numbers = intel()
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return now }
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.SetRegistry(reg.Snapshot())
	e.SetReputation(rep.Index())
	reg.OnSwap(e.SetRegistry)
	rep.OnSwap(e.SetReputation)
	return &world{db: db, reg: reg, rep: rep, engine: e}
}

// report stores n reports about number from n different account holders
// and refreshes the reputation index, as the report service does.
func (w *world) report(t testing.TB, number string, n int) {
	t.Helper()
	ctx := context.Background()
	var rs []*hangup.Report
	var evs [][]hangup.Evidence
	for range n {
		w.refs++
		ref := fmt.Sprintf("HU-SCRN-%04d", w.refs)
		rs = append(rs, &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "test", SourceRef: ref,
			CreatedAt: now, UpdatedAt: now, Country: "GB", NumberShown: number, NumberShownE164: number,
			Verdict: hangup.VerdictScam, ScamType: hangup.ScamTechSupport, ReporterKey: fmt.Sprintf("acct:%d", w.refs), ReporterWeight: 1})
		evs = append(evs, []hangup.Evidence{{Number: number, ReporterKey: fmt.Sprintf("acct:%d", w.refs), Weight: 1,
			Category: string(hangup.ScamTechSupport), At: now, ReportRef: ref, Source: "test"}})
	}
	if _, _, err := w.db.CreateReports(ctx, rs, evs); err != nil {
		t.Fatal(err)
	}
	if err := w.rep.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
}

func codes(d *hangup.Decision) []string {
	var out []string
	for _, r := range d.Reasons {
		out = append(out, r.Code)
	}
	return out
}
