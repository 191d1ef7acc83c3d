package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/postgres/pgtest"
	"github.com/hangup-org/hangup/report"
	"github.com/hangup-org/hangup/screen"
)

// benchDatabases are the databases the side-by-side benchmarks run on: a
// SQLite file and, when HANGUP_TEST_POSTGRES is set, a fresh PostgreSQL
// schema. Run: go test -run '^$' -bench 'Ingest|Screening|Refresh' ./cmd/hangup
var benchDatabases = []struct {
	name string
	dsn  func(b *testing.B) string
}{
	{"sqlite", func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") }},
	{"postgres", func(b *testing.B) string { return pgtest.DSN(b) }},
}

// benchApp opens an App on dsn, without serving.
func benchApp(b *testing.B, dsn string) *App {
	b.Helper()
	cfg := DefaultConfig()
	cfg.DB, cfg.RateLimit, cfg.TrustProxy = dsn, 0, "127.0.0.1"
	app, err := NewApp(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { app.Close() })
	return app
}

var benchSeq atomic.Int64

// benchInput is one API report as people send them: a premium-rate number,
// a claimed organisation, what happened and a short story.
func benchInput(n int64) hangup.ReportInput {
	return hangup.ReportInput{NumberShown: fmt.Sprintf("0906 %03d %04d", n/10000%1000, n%10000), ClaimedOrganisation: "Microsoft",
		Happened: []hangup.Happened{hangup.HappenedRemoteAccess}, Amount: "120", Currency: "GBP",
		Story: "They said my computer had a virus and asked me to install AnyDesk."}
}

// BenchmarkIngest measures taking reports: report.Service.Submit in
// process (validation, enrichment, the transaction with links, event and
// evidence, the reputation refresh), and POST /api/v1/reports over
// loopback HTTP on top. 16 concurrent submitters; every report comes from
// its own reporter, so none is rate-limited or deduplicated.
func BenchmarkIngest(b *testing.B) {
	for _, db := range benchDatabases {
		b.Run(db.name+"/submit", func(b *testing.B) {
			app := benchApp(b, db.dsn(b))
			ctx := context.Background()
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					n := benchSeq.Add(1)
					who := report.Reporter{Address: fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255), Source: "api"}
					if _, err := app.Reports.Submit(ctx, benchInput(n), who, ""); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
		})
		b.Run(db.name+"/http", func(b *testing.B) {
			base, _ := startNode(b, db.dsn(b))
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					n := benchSeq.Add(1)
					body, _, _ := reportBody(int(n))
					req, _ := http.NewRequest("POST", base+"/api/v1/reports", strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("X-Forwarded-For", fmt.Sprintf("127.%d.%d.%d", n>>16&255, n>>8&255, n&255))
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusCreated {
						b.Errorf("POST /api/v1/reports: %d", resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
		})
	}
}

// seedReports stores n reports about 50 numbers through the report
// service, as an ingesting node would.
func seedReports(b *testing.B, app *App, n int) {
	b.Helper()
	ctx := context.Background()
	for i := range n {
		in := benchInput(int64(i % 50))
		n := benchSeq.Add(1)
		who := report.Reporter{Address: fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255), Source: "api"}
		if _, err := app.Reports.Submit(ctx, in, who, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScreening measures call-screening decisions on an App whose
// registry and reputation came from each database: decisions read memory
// only, so the figures should match; the database shows in how fresh the
// snapshot is (BenchmarkReputationRefresh), not in decision time.
func BenchmarkScreening(b *testing.B) {
	for _, db := range benchDatabases {
		b.Run(db.name, func(b *testing.B) {
			app := benchApp(b, db.dsn(b))
			seedReports(b, app, 500)
			e, err := screen.New(screen.Config{Numbers: app.Numbers})
			if err != nil {
				b.Fatal(err)
			}
			e.SetRegistry(app.Registry.Snapshot())
			e.SetReputation(app.Reputation.Index())
			c := screen.NewCustomer(&hangup.APIKey{Name: "bench", Policy: hangup.DefaultScreenPolicy()})
			reqs := make([]hangup.ScreenRequest, 4096)
			for i := range reqs {
				reqs[i] = hangup.ScreenRequest{From: fmt.Sprintf("sip:+44906%03d%04d@carrier.example;user=phone", i/10000%1000, i%10000),
					To: "sip:+442079460000@pbx.example"}
			}
			ctx := context.Background()
			for _, r := range reqs {
				e.Screen(ctx, r, c)
			}
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				var d hangup.Decision
				i := 0
				for pb.Next() {
					r := reqs[i%len(reqs)]
					if err := e.ScreenTo(ctx, &r, c, &d); err != nil {
						b.Error(err)
						return
					}
					i++
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
		})
	}
}

// BenchmarkReputationRefresh measures what keeps every node's screening
// snapshot fresh: one incremental Refresh on a node that picks up 100
// reports another node committed (EvidenceSince and the allow-list), over
// 10,000 reports already indexed.
func BenchmarkReputationRefresh(b *testing.B) {
	for _, db := range benchDatabases {
		b.Run(db.name, func(b *testing.B) {
			dsn := db.dsn(b)
			writer, reader := benchApp(b, dsn), benchApp(b, dsn)
			ctx := context.Background()
			importReports(b, writer, 10000)
			if err := reader.Reputation.Refresh(ctx); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				importReports(b, writer, 100)
				b.StartTimer()
				if err := reader.Reputation.Refresh(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// importReports stores n reports with one unit of evidence each straight
// through the store, in one batch: only the reading side is measured.
func importReports(b *testing.B, app *App, n int) {
	b.Helper()
	now := time.Now().UTC()
	rs := make([]*hangup.Report, n)
	evs := make([][]hangup.Evidence, n)
	for i := range rs {
		k := benchSeq.Add(1)
		ref := fmt.Sprintf("HU-B%03d-%04d", k/10000%1000, k%10000)
		number := fmt.Sprintf("+44906%07d", k%5000)
		rs[i] = &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "bench", SourceRef: ref, CreatedAt: now, UpdatedAt: now,
			NumberShownE164: number, Happened: []hangup.Happened{}}
		evs[i] = []hangup.Evidence{{Number: number, ReporterKey: "bench:" + ref, Weight: 0.5, At: now, ReportRef: ref, Source: "bench"}}
	}
	if _, _, err := app.DB.CreateReports(context.Background(), rs, evs); err != nil {
		b.Fatal(err)
	}
}
