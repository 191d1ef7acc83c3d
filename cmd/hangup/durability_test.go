package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hangup-org/hangup/postgres/pgtest"
	"github.com/hangup-org/hangup/report"
)

// buildHangup builds the real binary into a temporary directory: the
// durability tests kill a process, so they need one of their own.
func buildHangup(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and kills the real binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "hangup")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// server is a `hangup serve` child process.
type server struct {
	cmd    *exec.Cmd
	base   string
	stderr *bytes.Buffer
	done   chan error
}

// freeAddr returns a loopback address nothing listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServer runs `hangup serve` on db and waits until it answers.
// Rate limits are off and client addresses come from X-Forwarded-For, so a
// load test can act as many reporters.
func startServer(t *testing.T, bin, db string, extra ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	args := append([]string{"serve", "--db", db, "--addr", addr, "--rate-limit", "0", "--trust-proxy", "127.0.0.1", "--log-level", "warn"}, extra...)
	s := &server{cmd: exec.Command(bin, args...), base: "http://" + addr, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	s.cmd.Stderr = &lockedWriter{w: s.stderr}
	// The flags say everything: HANGUP_* settings of the machine running
	// the tests stay out of the child.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HANGUP_") {
			s.cmd.Env = append(s.cmd.Env, kv)
		}
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			s.cmd.Process.Kill()
			<-s.done
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		select {
		case err := <-s.done:
			t.Fatalf("hangup serve exited: %v\n%s", err, s.stderr)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("hangup serve did not answer within 30 s\n%s", s.stderr)
	return nil
}

// wait waits for the process to exit and returns its exit code.
func (s *server) wait(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case <-s.done:
		return s.cmd.ProcessState.ExitCode()
	case <-time.After(within):
		t.Fatalf("hangup serve still running %v after the signal", within)
		return -1
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// acked is a report the server acknowledged with a reference: it must
// never be lost.
type acked struct {
	Reference   string
	TrackingURL string
	Story       string
	Amount      float64
}

// reportBody returns a report whose story and amount identify it.
func reportBody(n int) (string, string, float64) {
	story := fmt.Sprintf("Durability report %d: they said my computer had a virus.", n)
	amount := float64(n%500) + 0.25
	body := fmt.Sprintf(`{"number_shown":"0906 123 %04d","claimed_organisation":"Microsoft","happened":["remote_access","paid"],`+
		`"amount":"%.2f","currency":"GBP","story":%q,"contact":{"email":"person%d@example.org","consent":true}}`, n%10000, amount, story, n)
	return body, story, amount
}

// submit posts one report as its own reporter and returns the
// acknowledgement, or false if none came (refused, or cut off).
func submit(client *http.Client, base string, n int) (acked, bool) {
	body, story, amount := reportBody(n)
	req, _ := http.NewRequest("POST", base+"/api/v1/reports", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", fmt.Sprintf("127.%d.%d.%d", n>>16&255, n>>8&255, n&255))
	resp, err := client.Do(req)
	if err != nil {
		return acked{}, false
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return acked{}, false
	}
	var rc struct {
		Reference   string `json:"reference"`
		TrackingURL string `json:"tracking_url"`
	}
	// A response cut off by the kill is not an acknowledgement.
	if err := json.NewDecoder(resp.Body).Decode(&rc); err != nil || rc.Reference == "" {
		return acked{}, false
	}
	return acked{Reference: rc.Reference, TrackingURL: rc.TrackingURL, Story: story, Amount: amount}, true
}

// TestKillDuringIngestion submits reports continuously over HTTP from
// several clients, kills the server with SIGKILL at a random moment,
// restarts it on the same database, and checks that every report it
// acknowledged is there, intact. Three rounds per database.
func TestKillDuringIngestion(t *testing.T) {
	bin := buildHangup(t)
	dbs := map[string]func(t *testing.T) string{
		// The DSN keeps WAL with synchronous=NORMAL: a commit is in the
		// log (the OS's page cache) before the server answers, which a
		// process crash cannot undo. This test is the proof.
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "kill.db") },
		"postgres": func(t *testing.T) string { return pgtest.DSN(t) },
	}
	for name, mkdb := range dbs {
		t.Run(name, func(t *testing.T) {
			db := mkdb(t)
			seed := uint64(time.Now().UnixNano())
			rng := rand.New(rand.NewPCG(seed, 7))
			t.Logf("seed %d", seed)
			var all []acked
			next := 0
			for round := range 3 {
				s := startServer(t, bin, db)
				got, sent := load(s.base, &next, time.Duration(300+rng.IntN(1200))*time.Millisecond, func() {
					s.cmd.Process.Signal(syscall.SIGKILL)
				})
				if code := s.wait(t, 10*time.Second); code != -1 {
					t.Fatalf("round %d: exit code %d, want -1 (killed)", round, code)
				}
				t.Logf("round %d: %d reports sent, %d acknowledged before SIGKILL", round, sent, len(got))
				if len(got) < minAcked {
					t.Fatalf("round %d: only %d reports acknowledged: the test proved little\n%s", round, len(got), s.stderr)
				}
				all = append(all, got...)
			}
			s := startServer(t, bin, db)
			checkAcked(t, db, s.base, all)
			s.cmd.Process.Signal(syscall.SIGTERM)
			if code := s.wait(t, 20*time.Second); code != 0 {
				t.Errorf("exit code after SIGTERM %d, want 0\n%s", code, s.stderr)
			}
		})
	}
}

// load posts reports from 6 clients until after d, calls kill, and keeps
// posting until the server is gone. It returns what was acknowledged.
// minAcked is how many acknowledged reports a round needs before its kill
// proves anything.
const minAcked = 20

func load(base string, next *int, d time.Duration, kill func()) ([]acked, int) {
	var mu sync.Mutex
	var got []acked
	sent := 0
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for failures := 0; failures < 20; {
				select {
				case <-stop:
					return
				default:
				}
				mu.Lock()
				n := *next
				*next++
				sent++
				mu.Unlock()
				a, ok := submit(client, base, n)
				if !ok {
					failures++
					continue
				}
				mu.Lock()
				got = append(got, a)
				mu.Unlock()
			}
		}()
	}
	// Kill at a random moment, but not before enough reports are in to
	// prove something: on a loaded machine the first acknowledgements can
	// take longer than the random delay.
	time.Sleep(d)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		enough := len(got) >= minAcked
		mu.Unlock()
		if enough {
			break
		}
	}
	kill()
	time.Sleep(500 * time.Millisecond) // requests after the kill fail
	close(stop)
	wg.Wait()
	return got, sent
}

// checkAcked checks every acknowledged report in the database and, for a
// sample, through its private tracking link on the restarted server.
func checkAcked(t *testing.T, dsn, base string, all []acked) {
	t.Helper()
	db, err := openTestDB(t, dsn)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	seen := map[string]bool{}
	for _, a := range all {
		if seen[a.Reference] {
			t.Errorf("reference %s acknowledged twice", a.Reference)
		}
		seen[a.Reference] = true
		token := a.TrackingURL[strings.LastIndex(a.TrackingURL, "/r/")+3:]
		r, err := db.FindReportByToken(ctx, report.HashToken(token))
		if err != nil {
			t.Errorf("acknowledged report %s is lost: %v", a.Reference, err)
			continue
		}
		if r.Reference != a.Reference || r.Story != a.Story || r.Amount != a.Amount || r.NumberShownE164 == "" ||
			r.OrganisationID != "microsoft" || !r.HasContact || len(r.Happened) != 2 {
			t.Errorf("report %s is not intact: %+v", a.Reference, r)
		}
		if c, err := db.ReportContact(ctx, a.Reference); err != nil || c == nil || !strings.HasPrefix(c.Email, "person") {
			t.Errorf("report %s lost its contact: %+v %v", a.Reference, c, err)
		}
		if ev, err := db.ReportEvents(ctx, a.Reference); err != nil || len(ev) != 1 || ev[0].Kind != "created" {
			t.Errorf("report %s history %+v %v", a.Reference, ev, err)
		}
	}
	t.Logf("%d acknowledged reports checked: all present and intact", len(all))
	for _, a := range all[:min(10, len(all))] {
		// Each round ran on a new port: keep the link's path.
		resp, err := http.Get(base + a.TrackingURL[strings.LastIndex(a.TrackingURL, "/r/"):])
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(page, []byte(a.Reference)) {
			t.Errorf("tracking link of %s: %d", a.Reference, resp.StatusCode)
		}
	}
}

// TestSIGTERMDrains sends SIGTERM while a report is half-way through its
// body: the server stops taking connections, finishes that request (201),
// stores the report and exits 0.
func TestSIGTERMDrains(t *testing.T) {
	bin := buildHangup(t)
	dbs := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "term.db") },
		"postgres": func(t *testing.T) string { return pgtest.DSN(t) },
	}
	for name, mkdb := range dbs {
		t.Run(name, func(t *testing.T) {
			db := mkdb(t)
			s := startServer(t, bin, db)
			addr := strings.TrimPrefix(s.base, "http://")
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			body, story, _ := reportBody(424242)
			half := len(body) / 2
			fmt.Fprintf(conn, "POST /api/v1/reports HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nX-Forwarded-For: 127.9.9.9\r\nContent-Length: %d\r\n\r\n%s",
				addr, len(body), body[:half])
			time.Sleep(200 * time.Millisecond) // the server is reading the body
			if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			// New connections are refused while the request in flight
			// finishes.
			refused := false
			for range 50 {
				c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
				if err != nil {
					refused = true
					break
				}
				c.Close()
				time.Sleep(20 * time.Millisecond)
			}
			if !refused {
				t.Error("the server still accepted connections a second after SIGTERM")
			}
			if _, err := io.WriteString(conn, body[half:]); err != nil {
				t.Fatalf("finishing the request: %v", err)
			}
			conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("no answer to the request in flight: %v\n%s", err, s.stderr)
			}
			var rc struct {
				Reference   string `json:"reference"`
				TrackingURL string `json:"tracking_url"`
			}
			json.NewDecoder(resp.Body).Decode(&rc)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated || rc.Reference == "" {
				t.Fatalf("request in flight answered %d %+v, want 201 with a reference", resp.StatusCode, rc)
			}
			if code := s.wait(t, 20*time.Second); code != 0 {
				t.Errorf("exit code %d after SIGTERM, want 0\n%s", code, s.stderr)
			}
			checkStored(t, db, rc.Reference, story)
		})
	}
}

func checkStored(t *testing.T, dsn, ref, story string) {
	t.Helper()
	db, err := openTestDB(t, dsn)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.FindReport(context.Background(), ref)
	if err != nil || r.Story != story {
		t.Errorf("the drained request's report %s: %+v, %v", ref, r, err)
	}
}
