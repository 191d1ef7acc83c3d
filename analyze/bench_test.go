package analyze_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze"
	"github.com/hangup-org/hangup/analyze/train"
)

// benchTexts are real-shaped transcripts: the first 300 dialogues of the
// bothbosu set (long, labelled) and the hand-written set (short, varied).
func benchTexts(b *testing.B) ([]string, int) {
	b.Helper()
	var texts []string
	total := 0
	for _, p := range []string{"../data/training/bothbosu-scam-dialogue/multi_agent_conversation_train.csv", "../data/training/hangup-written"} {
		exs, err := train.LoadExamplesPath(p)
		if err != nil {
			b.Fatal(err)
		}
		for i, ex := range exs {
			if i >= 300 {
				break
			}
			texts = append(texts, ex.Text)
			total += len(ex.Text)
		}
	}
	return texts, total
}

// BenchmarkAnalyze measures batch analysis throughput in bytes of
// transcript per second on one core.
func BenchmarkAnalyze(b *testing.B) {
	e, _ := engines(b)
	texts, total := benchTexts(b)
	ctx := context.Background()
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := e.Analyze(ctx, t); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// lateTurn is a 50-word turn.
const lateTurn = "okay so now what I need you to do is go back to the website we opened before and type in the nine digit number that you see on the screen then click accept so my senior technician can finish cleaning the viruses from your computer today and tomorrow too"

// BenchmarkStreamTurnLate measures one 50-word turn added late in a
// 30-minute call (about 450 turns of a few seconds each already in it).
func BenchmarkStreamTurnLate(b *testing.B) {
	e, _ := engines(b)
	if n := len(strings.Fields(lateTurn)); n != 50 {
		b.Fatalf("late turn has %d words, want 50", n)
	}
	ss := analyze.NewSessions(e, analyze.SessionConfig{MaxTurns: 100_000, MaxBytes: 64 << 20})
	ctx := context.Background()
	fresh := func() string {
		id, err := ss.Create()
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < 450; i++ {
			sp := "caller"
			if i%2 == 1 {
				sp = "me"
			}
			if _, err := ss.AddTurn(ctx, id, hangup.Turn{Speaker: sp, Text: fmt.Sprintf("turn %d: yes I see the screen, it shows some warnings and the computer is very slow today", i)}); err != nil {
				b.Fatal(err)
			}
		}
		return id
	}
	id := fresh()
	turns := 450
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if turns >= 5_000 {
			b.StopTimer()
			_, _ = ss.Close(id)
			id, turns = fresh(), 450
			b.StartTimer()
		}
		if _, err := ss.AddTurn(ctx, id, hangup.Turn{Speaker: "caller", Text: lateTurn}); err != nil {
			b.Fatal(err)
		}
		turns++
	}
}
