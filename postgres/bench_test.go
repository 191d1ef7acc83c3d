package postgres

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/hangup-org/hangup/postgres/pgtest"
)

var benchSeq atomic.Int64

// BenchmarkCreateReport is the store alone: 16 concurrent writers, each
// report with one unit of evidence (the dedup lock and check included),
// one round trip and one commit each.
func BenchmarkCreateReport(b *testing.B) {
	db, err := Open(context.Background(), pgtest.DSN(b))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := benchSeq.Add(1)
			r, ev := report(fmt.Sprintf("HU-B%07d", n), fmt.Sprintf("+4490600%05d", n%1000), fmt.Sprint("anon:", n))
			if err := db.CreateReport(context.Background(), r, nil, []byte(r.Reference), ev); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
