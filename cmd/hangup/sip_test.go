//go:build sip

package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"github.com/hangup-org/hangup/registry/registrytest"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/screen"
	"github.com/hangup-org/hangup/stir"
	"github.com/hangup-org/hangup/stir/stirtest"
)

// TestSIP puts Hangup in front of real SIP peers on 127.0.0.1: Kamailio
// with the shipped docs/integrations/kamailio/kamailio.cfg asks Hangup
// about each INVITE, and SIPp plays the caller and the phone that rings.
// It shows that a caller with strong scam reputation gets 603 Network
// Blocked, that a verified organisation's call reaches the phone with its
// label, and that a valid SHAKEN Identity header is verified (the
// certificate fetched over HTTPS from a local STI certificate host and
// chained to a test STI-CA) while a tampered one is not.
//
// The SIP tests are timing-sensitive and start several processes each, so
// they are kept out of "go test ./..." behind the build tag "sip" and run
// on their own, one at a time: make test-sip (a step of its own in .ci/run).
// They need kamailio, kamailio-utils-modules and sip-tester; without them
// they skip, unless HANGUP_REQUIRE_SIP=1.
func TestSIP(t *testing.T) {
	kamailio, sipp := findSIPTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()

	// An STI-CA, a service provider, and the HTTPS host its x5u names.
	ca := stirtest.NewCA(t)
	sp := ca.Intermediate().IssueSP("1234", stirtest.SPOptions{})
	certHost := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-pem-file")
		w.Write(sp.PEM())
	}))
	defer certHost.Close()
	x5u := certHost.URL + "/sp.pem"
	hostPort, _ := strconv.Atoi(strings.TrimPrefix(certHost.URL[strings.LastIndexByte(certHost.URL, ':'):], ":"))
	roots := x509.NewCertPool()
	roots.AddCert(certHost.Certificate())
	anchors := filepath.Join(dir, "sti-ca.pem")
	if err := os.WriteFile(anchors, ca.PEM(), 0o600); err != nil {
		t.Fatal(err)
	}

	// Hangup, with the production fetcher loosened only as far as a test on
	// loopback needs: the certificate host's port and address.
	base, app := startAppWith(t, func(c *Config) {
		c.StirTrustAnchors = anchors
		c.stirFetcher = stir.NewHTTPFetcher(stir.HTTPFetcherConfig{AllowLoopback: true, AllowedPorts: []int{hostPort}, RootCAs: roots})
	})
	registrytest.SetRole(t, app.Registry, "imex", hangup.RoleCallsOut) // the "(verified)" label needs a number IMEX calls from
	key := addKey(t, app, "kamailio")
	const scammer, imex, mobile, called = "+447400111222", "+441793781800", "+447400123456", "+442079460000"
	addScamReports(t, app, scammer, 30)

	// Kamailio with the configuration PBX administrators are given.
	cfgPath, _ := filepath.Abs("../../docs/integrations/kamailio/kamailio.cfg")
	proxyPort, calleePort := freeUDPPort(t), freeUDPPort(t)
	// Hangup's address and the key go in the connection file, never on the
	// command line (ps shows it to everyone).
	conns := writeConnections(t, filepath.Join(dir, "hangup-http.cfg"), base, key)
	startProcess(t, ctx, dir, "kamailio", kamailio, "-DD", "-E", "-f", cfgPath, "-m", "64", "-M", "8", "-w", dir, "-Y", dir,
		"-A", "SIP_LISTEN=udp:127.0.0.1:"+proxyPort, "-A", `HANGUP_CONNECTIONS="`+conns+`"`)
	waitUDPBound(t, proxyPort, 10*time.Second)
	// A second proxy whose Hangup is down: calls must go through (fail open).
	deadPort := freeUDPPort(t)
	deadHTTP, _ := net.Listen("tcp", "127.0.0.1:0")
	deadConns := writeConnections(t, filepath.Join(dir, "dead-http.cfg"), "http://"+deadHTTP.Addr().String(), key)
	deadHTTP.Close()
	startProcess(t, ctx, dir, "kamailio-without-hangup", kamailio, "-DD", "-E", "-f", cfgPath, "-m", "64", "-M", "8", "-w", dir, "-Y", filepath.Join(dir, "dead"),
		"-A", "SIP_LISTEN=udp:127.0.0.1:"+deadPort, "-A", `HANGUP_CONNECTIONS="`+deadConns+`"`)
	waitUDPBound(t, deadPort, 10*time.Second)

	valid := sp.Identity(stirtest.Claims{Orig: strings.TrimPrefix(mobile, "+"), Dest: []string{strings.TrimPrefix(called, "+")}, Attest: "A", IAT: time.Now()}, x5u)
	tampered := tamperIdentity(t, valid)
	for _, tc := range []struct {
		name, from, identity string
		proxy                string // "" for the proxy with Hangup
		blocked              bool
		header, re, verstat  string // a header and regular expressions the phone checks
	}{
		{"strong scam reputation gets 603", scammer, "", "", true, "", "", ""},
		{"verified organisation reaches the phone labelled", imex, "", "", false, "X-Hangup-Label", `^ *IMEX \(verified\)$`, `^ *No-TN-Validation$`},
		{"valid SHAKEN header is verified", mobile, valid, "", false, "X-Hangup-Action", `^ *allow$`, `^ *TN-Validation-Passed$`},
		{"tampered SHAKEN header is not", mobile, tampered, "", false, "X-Hangup-Label", `^ *Unverified$`, `^ *TN-Validation-Failed$`},
		{"Hangup down: the call goes through marked unscreened", scammer, "", deadPort, false, "X-Hangup-Action", `^ *unscreened$`, `^ *unscreened\.unreachable$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			var phone *exec.Cmd
			verstatHeader := "X-Hangup-Verstat"
			if tc.proxy != "" {
				verstatHeader = "X-Hangup-Reason" // no decision, so no verstat: the reason says why
			}
			if !tc.blocked {
				phone = sippCmd(t, ctx, dir, sipp, "uas", calleePort, map[string]string{"HEADER_1": tc.header, "RE_1": xmlAttr(tc.re), "HEADER_2": verstatHeader, "RE_2": xmlAttr(tc.verstat)}, nil, "")
				if err := phone.Start(); err != nil {
					t.Fatal(err)
				}
				killOnCleanup(t, phone)
				waitUDPBound(t, calleePort, 5*time.Second)
			}
			identityLine := ""
			if tc.identity != "" {
				identityLine = "      Identity: [identity]"
			}
			expect := answeredCall
			if tc.blocked {
				expect = blockedCall
			}
			keys := map[string]string{"from": tc.from, "to": called, "callee": "127.0.0.1:" + calleePort}
			if tc.identity != "" {
				keys["identity"] = tc.identity
			}
			proxy := proxyPort
			if tc.proxy != "" {
				proxy = tc.proxy
			}
			caller := sippCmd(t, ctx, dir, sipp, "uac", freeUDPPort(t), map[string]string{"IDENTITY_LINE": identityLine, "EXPECT_BLOCK": expect}, keys, "127.0.0.1:"+proxy)
			out, err := caller.CombinedOutput()
			if err != nil {
				t.Fatalf("caller: %v\n%s\n%s", err, lastLines(out, 15), sippErrors(dir, "uac"))
			}
			if phone != nil {
				if err := phone.Wait(); err != nil {
					t.Fatalf("phone: %v (the call arrived without the expected headers)\n%s", err, sippErrors(dir, "uas"))
				}
			}
			t.Logf("%s in %s", tc.name, time.Since(start).Round(time.Millisecond))
		})
	}
}

// SIPp endings of the caller's scenario.
const (
	answeredCall = `  <recv response="200" rtd="true"/>
  <send>
    <![CDATA[

      ACK sip:[to]@[callee] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:[from]@[local_ip]:[local_port];user=phone>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Contact: <sip:caller@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <pause milliseconds="50"/>
  <send retrans="500">
    <![CDATA[

      BYE sip:[to]@[callee] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:[from]@[local_ip]:[local_port];user=phone>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Contact: <sip:caller@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200"/>`
	blockedCall = `  <recv response="603">
    <action>
      <ereg regexp="Network Blocked" search_in="hdr" header="Reason:" check_it="true" assign_to="reason"/>
      <log message="reason=[$reason]"/>
    </action>
  </recv>
  <send>
    <![CDATA[

      ACK sip:[to]@[callee] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:[from]@[local_ip]:[local_port];user=phone>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>`
)

// findSIPTools returns the kamailio and sipp binaries, or skips the test
// (fails it when HANGUP_REQUIRE_SIP=1: CI must not skip silently).
func findSIPTools(t *testing.T) (string, string) {
	t.Helper()
	var missing []string
	find := func(name string, extra ...string) string {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		for _, p := range extra {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
		missing = append(missing, name)
		return ""
	}
	kamailio := find("kamailio", "/usr/sbin/kamailio")
	sipp := find("sipp", "/usr/bin/sipp")
	// Debian puts modules under its multiarch directory; look wherever
	// that is, as the shipped configuration lets Kamailio do.
	if m, _ := filepath.Glob("/usr/lib/*/kamailio/modules/http_client.so"); len(m) == 0 && kamailio != "" {
		missing = append(missing, "kamailio-utils-modules (http_client.so)")
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("SIP peers not installed: %s (apt-get install kamailio kamailio-utils-modules sip-tester)", strings.Join(missing, ", "))
		if os.Getenv("HANGUP_REQUIRE_SIP") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return kamailio, sipp
}

// writeConnections writes the http_client connection file kamailio.cfg
// reads (hangup-http.cfg), as the Kamailio guide has the operator write it:
// Hangup's screening address and the API key, readable by its owner only.
func writeConnections(t *testing.T, path, base, key string) string {
	t.Helper()
	body := "[hangup]\nurl = " + base + "/api/v1/screen\nusername = kamailio\npassword = " + key + "\nauthmethod = 1\ntimeout = 1\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func addKey(t *testing.T, app *App, name string) string {
	t.Helper()
	secret, prefix, hash, err := screen.NewKeySecret()
	if err != nil {
		t.Fatal(err)
	}
	if err := app.DB.CreateAPIKey(context.Background(), &hangup.APIKey{Name: name, Prefix: prefix, Hash: hash, Policy: hangup.DefaultScreenPolicy()}); err != nil {
		t.Fatal(err)
	}
	if err := app.ScreenKeys.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return secret
}

// addScamReports stores n reports from n account holders about number and
// refreshes reputation, as the report service does.
func addScamReports(t *testing.T, app *App, number string, n int) {
	t.Helper()
	now := time.Now()
	var rs []*hangup.Report
	var evs [][]hangup.Evidence
	for i := range n {
		ref := fmt.Sprintf("HU-SIPT-%04d", i)
		rs = append(rs, &hangup.Report{Reference: ref, Status: hangup.StatusNew, Source: "test", SourceRef: ref, CreatedAt: now, UpdatedAt: now,
			Country: "GB", NumberShown: number, NumberShownE164: number, Verdict: hangup.VerdictScam, ScamType: hangup.ScamTechSupport,
			ReporterKey: fmt.Sprintf("acct:%d", i), ReporterWeight: 1})
		evs = append(evs, []hangup.Evidence{{Number: number, ReporterKey: fmt.Sprintf("acct:%d", i), Weight: 1, At: now, ReportRef: ref, Source: "test"}})
	}
	if _, _, err := app.DB.CreateReports(context.Background(), rs, evs); err != nil {
		t.Fatal(err)
	}
	if err := app.Reputation.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// tamperIdentity changes the PASSporT's payload (a different origid), so
// the token is well formed but its signature no longer fits.
func tamperIdentity(t *testing.T, hdr string) string {
	t.Helper()
	token, params, _ := strings.Cut(hdr, ";")
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a PASSporT: %q", token)
	}
	sp := stirtest.NewCA(t).IssueSP("9999", stirtest.SPOptions{}) // any key: only the payload is borrowed
	other := strings.Split(sp.PASSporT(stirtest.Claims{Orig: "447400123456", Dest: []string{"442079460000"}, IAT: time.Now()}, "x"), ".")
	parts[1] = other[1]
	return strings.Join(parts, ".") + ";" + params
}

func freeUDPPort(t *testing.T) string {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return strconv.Itoa(c.LocalAddr().(*net.UDPAddr).Port)
}

// waitUDPBound waits until another process has bound the UDP port. It
// reads the kernel's socket table (/proc/net/udp) where there is one:
// probing by binding the port ourselves could hold it at the very moment
// the peer binds, and the peer then fails to listen (CI once waited 10 s
// for a Kamailio that had lost that race). Elsewhere our own bind failing
// is the sign.
func waitUDPBound(t *testing.T, port string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	n, err := strconv.Atoi(port)
	if err != nil {
		t.Fatal(err)
	}
	hexPort := fmt.Sprintf(":%04X", n) // how /proc/net/udp writes it
	for {
		if bound, known := udpBoundInProc(hexPort); known {
			if bound {
				return
			}
		} else if c, err := net.ListenPacket("udp", "127.0.0.1:"+port); err != nil {
			return
		} else {
			c.Close()
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing listens on udp 127.0.0.1:%s after %s", port, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// udpBoundInProc reports whether /proc/net/udp lists a socket bound to
// hexPort (":C0A3") on 127.0.0.1 or any address; known is false where the
// file cannot be read.
func udpBoundInProc(hexPort string) (bound, known bool) {
	b, err := os.ReadFile("/proc/net/udp")
	if err != nil {
		return false, false
	}
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		if local := f[1]; strings.HasSuffix(local, hexPort) &&
			(strings.HasPrefix(local, "0100007F:") || strings.HasPrefix(local, "00000000:")) {
			return true, true
		}
	}
	return false, true
}

// startProcess starts a long-running peer in its own process group and
// kills the whole group when the test ends.
func startProcess(t *testing.T, ctx context.Context, dir, name, path string, args ...string) *exec.Cmd {
	t.Helper()
	log, err := os.Create(filepath.Join(dir, name+".log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		log.Close()
		if t.Failed() {
			b, _ := os.ReadFile(log.Name())
			t.Logf("%s log:\n%s", name, lastLines(b, 40))
		}
	})
	return cmd
}

func killOnCleanup(t *testing.T, cmd *exec.Cmd) {
	t.Cleanup(func() {
		if cmd.ProcessState == nil && cmd.Process != nil {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			cmd.Wait()
		}
	})
}

// sippCmd prepares a SIPp run of testdata/sipp/<role>.xml with the
// placeholders replaced, one call, and a hard timeout.
func sippCmd(t *testing.T, ctx context.Context, dir, sipp, role, port string, replace, keys map[string]string, remote string) *exec.Cmd {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "sipp", role+".xml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for k, v := range replace {
		s = strings.ReplaceAll(s, k, v)
	}
	scenario := filepath.Join(dir, role+".xml")
	if err := os.WriteFile(scenario, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-sf", scenario, "-i", "127.0.0.1", "-p", port, "-m", "1", "-timeout", "20s", "-timeout_error", "-nostdin",
		"-recv_timeout", "10s", "-trace_err", "-error_file", filepath.Join(dir, role+"_errors.log"),
		"-trace_logs", "-log_file", filepath.Join(dir, role+"_logs.log")}
	for k, v := range keys {
		args = append(args, "-key", k, v)
	}
	if remote != "" {
		args = append(args, remote)
	}
	cmd := exec.CommandContext(ctx, sipp, args...)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

func sippErrors(dir, role string) string {
	b, err := os.ReadFile(filepath.Join(dir, role+"_errors.log"))
	if errors.Is(err, os.ErrNotExist) {
		return "(no SIPp error log)"
	}
	return string(lastLines(b, 30))
}

func lastLines(b []byte, n int) []byte {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return []byte(strings.Join(lines, "\n"))
}

// xmlAttr escapes a regular expression for an XML attribute.
func xmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
