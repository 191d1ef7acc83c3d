package stats_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/sqlite"
	"github.com/hangup-org/hangup/stats"
)

// BenchmarkFigures runs each figure's query, then all five as the service
// does without its cache, over 100,000 reports in the 26 weeks, in SQLite.
func BenchmarkFigures(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const n = 100_000
	orgs := []string{"hmrc", "microsoft", "amazon", "bt", "", "paypal", "dwp"}
	tools := []string{"AnyDesk", "TeamViewer", "", "UltraViewer", ""}
	pays := []string{"gift cards", "bank transfer", "", "", "crypto"}
	for start := 0; start < n; start += 5000 {
		var rs []*hangup.Report
		for i := start; i < start+5000; i++ {
			at := now.Add(-time.Duration(i%(180*24)) * time.Hour)
			r := &hangup.Report{Reference: fmt.Sprintf("HU-BNCH-%06d", i), Status: hangup.StatusNew, Source: "bench", SourceRef: fmt.Sprint(i),
				CreatedAt: at, UpdatedAt: at, Country: []string{"GB", "GB", "US", "IE"}[i%4], OrganisationID: orgs[i%len(orgs)],
				PaymentMethod: pays[i%len(pays)], Happened: []hangup.Happened{}, Amount: float64((i * 7919) % 9000), Currency: "GBP",
				ReporterKey: fmt.Sprint("bench:", i), ReporterWeight: 1}
			if t := tools[i%len(tools)]; t != "" {
				r.Links = []hangup.Link{{Kind: hangup.LinkTool, Value: t}}
			}
			rs = append(rs, r)
		}
		if _, _, err := db.CreateReports(ctx, rs, make([][]hangup.Evidence, len(rs))); err != nil {
			b.Fatal(err)
		}
	}
	from := now.AddDate(0, 0, -7*26)
	queries := []struct {
		name string
		run  func() error
	}{
		{"weeks", func() error { _, err := db.CountReportsByWeekAndCountry(ctx, from, now); return err }},
		{"organisations", func() error {
			_, err := db.CountReportsBy(ctx, hangup.FigureQuery{Dimension: hangup.FigureOrganisation, From: from, To: now, Min: 5, Limit: 10})
			return err
		}},
		{"tools", func() error {
			_, err := db.CountReportsBy(ctx, hangup.FigureQuery{Dimension: hangup.FigureTool, From: from, To: now, Min: 5, Limit: 10})
			return err
		}},
		{"payments", func() error {
			_, err := db.CountReportsBy(ctx, hangup.FigureQuery{Dimension: hangup.FigurePayment, From: from, To: now, Min: 5, Limit: 10})
			return err
		}},
		{"money", func() error { _, err := db.MoneyLost(ctx, from, now, stats.MoneyBounds); return err }},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if err := q.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("all", func(b *testing.B) {
		clock := now
		svc := stats.New(stats.Config{}, stats.Deps{Store: db, Now: func() time.Time { return clock }})
		for b.Loop() {
			clock = clock.Add(time.Hour) // past the cache
			if _, err := svc.Figures(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
