// Package agi is a FastAGI server (Asterisk Gateway Interface over TCP,
// default port 4573) that screens the call Asterisk hands it and sets the
// decision as channel variables: HANGUP_ACTION, HANGUP_LABEL,
// HANGUP_REASON, HANGUP_VERSTAT and HANGUP_SCORE. When it refuses to
// screen (a missing, wrong or rate-limited key), it sets HANGUP_ACTION
// "unscreened", HANGUP_REASON "unscreened.unauthorized",
// "unscreened.rate_limited" or "unscreened.error", and HANGUP_ERROR to the
// error code: the dialplan lets the call through, marked as not screened.
//
// Dialplan:
//
//	same => n,AGI(agi://127.0.0.1:4573/screen?key=KEY,${PJSIP_HEADER(read,Identity)})
//	same => n,GotoIf($["${HANGUP_ACTION}" = "block"]?blocked)
//
// The API key is the script's key= parameter or, without one, the dialplan
// variable HANGUP_KEY, which the server reads with GET VARIABLE (so that
// the key need not appear in the AGI() line Asterisk logs). The script
// path may carry "international=1". Arguments: 1 the Identity
// header, 2 a calling number that overrides agi_callerid (e.g. from
// P-Asserted-Identity), 3 an upstream verstat. Every read and write is
// bounded in size and time: a peer that sends garbage, floods or stalls
// gets an error variable or a closed connection, never a stuck goroutine.
package agi

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/screen"
)

// DefaultPort is the FastAGI port Asterisk uses when agi:// names none.
const DefaultPort = 4573

// Limits on what a peer may send. Asterisk's environment is about 25 short
// lines; an Identity header argument is under 1 KiB.
const (
	MaxLineLen   = 8 << 10
	MaxVariables = 256
)

// Errors reading the AGI environment.
var (
	ErrLineTooLong      = errors.New("agi: line too long")
	ErrTooManyVariables = errors.New("agi: too many variables")
	ErrMalformed        = errors.New("agi: malformed line")
	ErrHangup           = errors.New("agi: channel hung up")
)

// Env is the agi_* environment Asterisk sends when a call reaches AGI(),
// keyed without the "agi_" prefix: "callerid", "dnid", "arg_1"…
type Env map[string]string

// ReadEnv reads the environment block: "agi_name: value" lines ended by an
// empty line.
func ReadEnv(r *bufio.Reader) (Env, error) {
	env := Env{}
	for {
		line, err := readLine(r)
		if err != nil {
			return nil, err
		}
		if line == "" {
			return env, nil
		}
		if len(env) >= MaxVariables {
			return nil, ErrTooManyVariables
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || !strings.HasPrefix(name, "agi_") || len(name) == 4 {
			return nil, fmt.Errorf("%w: %q", ErrMalformed, clip(line))
		}
		env[name[4:]] = strings.TrimSpace(value)
	}
}

// readLine reads one line of at most MaxLineLen bytes without its "\n" or
// "\r\n".
func readLine(r *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(b)+len(chunk) > MaxLineLen+2 {
			return "", ErrLineTooLong
		}
		b = append(b, chunk...)
		switch {
		case err == nil:
			return strings.TrimRight(string(b), "\r\n"), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(b) > 0:
			return "", io.ErrUnexpectedEOF
		default:
			return "", err
		}
	}
}

// Reply is Asterisk's answer to one command: "200 result=1" and maybe
// "(data)" or "endpos=…" after it.
type Reply struct {
	Code   int
	Result string
	Rest   string
}

// ReadReply reads one command reply. Multi-line 520 usage replies are read
// to their end. A "HANGUP" line (sent when the channel hangs up while AGI
// runs with AGISIGHUP) returns ErrHangup.
func ReadReply(r *bufio.Reader) (Reply, error) {
	line, err := readLine(r)
	if err != nil {
		return Reply{}, err
	}
	if line == "HANGUP" {
		return Reply{}, ErrHangup
	}
	if len(line) < 3 {
		return Reply{}, fmt.Errorf("%w: reply %q", ErrMalformed, clip(line))
	}
	code, err := strconv.Atoi(line[:3])
	if err != nil || code < 100 || code > 599 {
		return Reply{}, fmt.Errorf("%w: reply %q", ErrMalformed, clip(line))
	}
	if len(line) > 3 && line[3] == '-' { // "520-Invalid command syntax. Proper usage follows:"
		for range MaxVariables {
			next, err := readLine(r)
			if err != nil {
				return Reply{}, err
			}
			if strings.HasPrefix(next, line[:3]+" ") {
				return Reply{Code: code, Rest: strings.TrimSpace(next[4:])}, nil
			}
		}
		return Reply{}, fmt.Errorf("%w: endless %d reply", ErrMalformed, code)
	}
	rep := Reply{Code: code}
	rest := strings.TrimSpace(line[3:])
	if v, ok := strings.CutPrefix(rest, "result="); ok {
		rep.Result, rep.Rest, _ = strings.Cut(v, " ")
	} else {
		rep.Rest = rest
	}
	return rep, nil
}

// Quote makes a value safe as one argument of an AGI command: quoted, with
// backslashes and quotes escaped and line breaks removed (a newline would
// end the command and start another).
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s) && i < 512; i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r', '\n', 0:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// Config configures a Server.
type Config struct {
	Screen *screen.Engine // required
	Keys   *screen.Keys   // API keys; required unless NoKeys
	// NoKeys accepts requests without a key (local use).
	NoKeys bool
	// Timeout bounds one whole AGI session. Default 5 s: Asterisk's
	// dialplan waits on it, and a screening decision takes microseconds.
	Timeout time.Duration
	// MaxConns bounds concurrent sessions; more wait for a slot up to
	// Timeout, then are closed. Default 512.
	MaxConns int
	// Requests, if set, counts sessions by outcome (metrics).
	Requests func(iface, outcome string)
	Logger   *slog.Logger
}

// Server serves FastAGI.
type Server struct {
	cfg   Config
	slots chan struct{}
	mu    sync.Mutex
	lns   []net.Listener
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
	done  bool
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Screen == nil || (cfg.Keys == nil && !cfg.NoKeys) {
		return nil, errors.New("agi: Config.Screen and Config.Keys (or NoKeys) are required")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 5 * time.Second
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = 512
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Server{cfg: cfg, slots: make(chan struct{}, cfg.MaxConns), conns: map[net.Conn]struct{}{}}, nil
}

// Serve accepts sessions on ln until Close. It returns nil after Close.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return nil
	}
	s.lns = append(s.lns, ln)
	s.mu.Unlock()
	var delay time.Duration
	for {
		c, err := ln.Accept()
		if err != nil {
			s.mu.Lock()
			done := s.done
			s.mu.Unlock()
			if done {
				return nil
			}
			// Out of file descriptors: wait for sessions to end and retry
			// rather than stop serving.
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, syscall.EMFILE) {
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		s.mu.Lock()
		if s.done {
			s.mu.Unlock()
			c.Close()
			return nil
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go s.session(c)
	}
}

// Close stops accepting, ends open sessions and waits for them.
func (s *Server) Close() error {
	s.mu.Lock()
	s.done = true
	for _, ln := range s.lns {
		ln.Close()
	}
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return nil
}

func (s *Server) session(c net.Conn) {
	defer func() {
		if v := recover(); v != nil {
			s.cfg.Logger.Error("agi: panic in session", "panic", fmt.Sprint(v))
		}
		c.Close()
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
		s.wg.Done()
	}()
	deadline := time.Now().Add(s.cfg.Timeout)
	c.SetDeadline(deadline)
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-time.After(time.Until(deadline)):
		s.count("busy")
		return
	}
	r := bufio.NewReaderSize(c, 4096)
	w := bufio.NewWriter(c)
	env, err := ReadEnv(r)
	if err != nil {
		s.count("invalid")
		s.cfg.Logger.Debug("agi: bad environment", "remote", c.RemoteAddr().String(), "err", err)
		return
	}
	key := scriptQuery(env).Get("key")
	if key == "" && !s.cfg.NoKeys {
		// The key is not in the script address (where Asterisk's verbose
		// log would show it): read it from the dialplan, e.g. a global
		// variable set in a file only Asterisk reads.
		if key, err = getVariable(r, w, KeyVariable); err != nil {
			s.count("invalid")
			return
		}
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	vars, outcome := s.decide(ctx, env, key)
	s.count(outcome)
	for _, v := range vars {
		fmt.Fprintf(w, "SET VARIABLE %s %s\n", v[0], Quote(v[1]))
		if err := w.Flush(); err != nil {
			return
		}
		rep, err := ReadReply(r)
		if err != nil || rep.Code != 200 {
			return
		}
	}
}

func (s *Server) count(outcome string) {
	if s.cfg.Requests != nil {
		s.cfg.Requests("agi", outcome)
	}
}

// KeyVariable is the dialplan variable the server reads the API key from
// (GET VARIABLE) when the script address carries no key= parameter.
const KeyVariable = "HANGUP_KEY"

// scriptQuery returns the parameters of the script address
// (agi://host/screen?key=…&international=1).
func scriptQuery(env Env) url.Values {
	_, rawQuery, _ := strings.Cut(env["network_script"], "?")
	q, _ := url.ParseQuery(rawQuery)
	return q
}

// getVariable asks Asterisk for a channel (or global) variable: "GET
// VARIABLE NAME" is answered "200 result=1 (value)", or "200 result=0"
// when it is not set (""). It fails only when the session cannot go on.
func getVariable(r *bufio.Reader, w *bufio.Writer, name string) (string, error) {
	fmt.Fprintf(w, "GET VARIABLE %s\n", name)
	if err := w.Flush(); err != nil {
		return "", err
	}
	rep, err := ReadReply(r)
	if err != nil {
		return "", err
	}
	if rep.Code != 200 || rep.Result != "1" {
		return "", nil
	}
	open, end := strings.IndexByte(rep.Rest, '('), strings.LastIndexByte(rep.Rest, ')')
	if open < 0 || end < open {
		return "", nil
	}
	return rep.Rest[open+1 : end], nil
}

// decide screens the call in env for the client with key and returns the
// variables to set.
func (s *Server) decide(ctx context.Context, env Env, key string) ([][2]string, string) {
	path, _, _ := strings.Cut(env["network_script"], "?")
	q := scriptQuery(env)
	fail := func(err error) ([][2]string, string) {
		outcome := "error"
		switch hangup.ErrorCode(err) {
		case hangup.EUNAUTHORIZED:
			outcome = "unauthorized"
		case hangup.ERATELIMIT:
			outcome = "rate_limited"
		case hangup.EINVALID, hangup.ETOOLARGE:
			outcome = "invalid"
		}
		code := hangup.ErrorCode(err)
		return [][2]string{
			{"HANGUP_ACTION", screen.ActionUnscreened},
			{"HANGUP_REASON", screen.UnscreenedReason(code)},
			{"HANGUP_ERROR", code},
		}, outcome
	}
	if p := strings.Trim(path, "/"); p != "" && p != "screen" {
		return fail(hangup.Errorf(hangup.EINVALID, "unknown AGI script %q", clip(p)))
	}
	var c *screen.Customer
	if !s.cfg.NoKeys {
		var err error
		if c, err = s.cfg.Keys.Authenticate(key); err != nil {
			return fail(err)
		}
	}
	req := hangup.ScreenRequest{From: env["callerid"], To: env["dnid"], Verstat: env["arg_3"]}
	if strings.EqualFold(req.From, "unknown") {
		req.From = ""
	}
	if v := env["arg_2"]; v != "" {
		req.From = v
	}
	if req.To == "" || strings.EqualFold(req.To, "unknown") {
		req.To = env["extension"]
	}
	if id := env["arg_1"]; id != "" {
		req.Identity = []string{id}
	}
	if b, err := strconv.ParseBool(q.Get("international")); err == nil {
		req.International = b
	}
	var d hangup.Decision
	if err := s.cfg.Screen.ScreenTo(ctx, &req, c, &d); err != nil {
		return fail(err)
	}
	return [][2]string{
		{"HANGUP_ACTION", string(d.Action)},
		{"HANGUP_LABEL", d.Label},
		{"HANGUP_REASON", d.PrimaryReason()},
		{"HANGUP_VERSTAT", d.Verstat},
		{"HANGUP_SCORE", strconv.Itoa(d.Score)},
	}, "ok"
}
