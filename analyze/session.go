package analyze

import (
	"container/list"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
)

// SessionConfig bounds live calls. Zero values take the defaults. A call
// keeps at most MaxIndicators indicators and MaxEntities entities, each
// quoting at most 240 characters, and never the text of its turns: about
// 200 KB in the worst case, so the defaults bound all live calls to about
// 400 MB however they are fed (typical calls use a few KB).
type SessionConfig struct {
	MaxSessions int           // live calls kept at once; the least recently used goes first. Default 2,000.
	MaxTurns    int           // turns per call. Default 5,000.
	MaxBytes    int           // bytes of text per call. Default 1 MiB.
	MaxTurnLen  int           // characters per turn. Default 20,000.
	TTL         time.Duration // a call idle this long expires. Default 30 minutes.
	Now         func() time.Time
}

func (c *SessionConfig) defaults() {
	if c.MaxSessions <= 0 {
		c.MaxSessions = 2_000
	}
	if c.MaxTurns <= 0 {
		c.MaxTurns = 5_000
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = 1 << 20
	}
	if c.MaxTurnLen <= 0 {
		c.MaxTurnLen = 20_000
	}
	if c.TTL <= 0 {
		c.TTL = 30 * time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Sessions manages live calls: turns arrive one at a time and each turn
// costs work in proportion to the turn, not to the call, because a call's
// state is accumulated, never re-analysed. Memory is bounded by the caps of
// SessionConfig; calls expire after TTL idle and the least recently used
// call is evicted when MaxSessions is reached. Safe for concurrent use.
type Sessions struct {
	e   *Engine
	cfg SessionConfig

	mu    sync.Mutex
	calls map[string]*list.Element // of *call
	lru   *list.List               // front: most recently used
}

// call is one live call.
type call struct {
	id      string
	mu      sync.Mutex
	st      *callState
	alerted bool            // the score has crossed the warning threshold
	warned  map[string]bool // critical codes already alerted on
	used    time.Time
	closed  bool
}

// NewSessions returns a session manager using engine e.
func NewSessions(e *Engine, cfg SessionConfig) *Sessions {
	cfg.defaults()
	return &Sessions{e: e, cfg: cfg, calls: map[string]*list.Element{}, lru: list.New()}
}

// Len returns the number of live calls.
func (s *Sessions) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.calls)
}

// Create starts a call and returns its id.
func (s *Sessions) Create() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("analyze: session id: %w", err)
	}
	c := &call{id: hex.EncodeToString(b[:]), st: newCallState(s.e)}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	c.used = now
	s.expireLocked(now)
	for len(s.calls) >= s.cfg.MaxSessions {
		s.removeLocked(s.lru.Back())
	}
	s.calls[c.id] = s.lru.PushFront(c)
	return c.id, nil
}

// expireLocked drops calls idle longer than the TTL, oldest first.
func (s *Sessions) expireLocked(now time.Time) {
	for el := s.lru.Back(); el != nil; el = s.lru.Back() {
		if now.Sub(el.Value.(*call).used) < s.cfg.TTL {
			return
		}
		s.removeLocked(el)
	}
}

func (s *Sessions) removeLocked(el *list.Element) {
	c := el.Value.(*call)
	s.lru.Remove(el)
	delete(s.calls, c.id)
}

// get returns a live call, marking it used. Returns ENOTFOUND for unknown or
// expired ids.
func (s *Sessions) get(id string) (*call, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	s.expireLocked(now)
	el, ok := s.calls[id]
	if !ok {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "No live call with id %q: it may have ended or expired.", clipID(id))
	}
	c := el.Value.(*call)
	c.used = now
	s.lru.MoveToFront(el)
	return c, nil
}

func clipID(id string) string {
	if len(id) > 40 {
		id = id[:40]
	}
	return strings.ToValidUTF8(id, "?")
}

// AddTurn adds one turn to a live call and returns the running risk, the
// indicators this turn raised and an alert naming the trigger the first
// time the call crosses the warning threshold, and again whenever the
// caller makes a new kind of critical request (install AnyDesk, buy gift
// cards, move money to a safe account…). Offsets of the new indicators
// refer to t.Text.
//
// Returns ENOTFOUND for an unknown or expired call, EINVALID for an empty or
// binary turn, ETOOLARGE when the turn or the call exceeds its caps.
func (s *Sessions) AddTurn(ctx context.Context, id string, t hangup.Turn) (*hangup.TurnResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c, err := s.get(id)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(t.Text) == "" {
		return nil, hangup.Invalid("The turn has no text.", hangup.FieldError{Field: "text", Message: "Send what was said."})
	}
	if len(t.Text) > 4*s.cfg.MaxTurnLen || utf8.RuneCountInString(t.Text) > s.cfg.MaxTurnLen {
		return nil, hangup.Errorf(hangup.ETOOLARGE, "A turn can hold at most %d characters; split long speech into several turns.", s.cfg.MaxTurnLen)
	}
	if looksBinary(t.Text) {
		return nil, hangup.Invalid("The turn looks like binary data, not text.", hangup.FieldError{Field: "text", Message: "Send what was said as text."})
	}
	if len(t.Speaker) > 64 {
		return nil, hangup.Invalid("The speaker label is too long.", hangup.FieldError{Field: "speaker", Message: "Use a short label such as \"caller\"."})
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, hangup.Errorf(hangup.ENOTFOUND, "No live call with id %q: it has ended.", clipID(id))
	}
	if c.st.turns >= s.cfg.MaxTurns {
		return nil, hangup.Errorf(hangup.ETOOLARGE, "This call has reached %d turns, the most one call can hold.", s.cfg.MaxTurns)
	}
	if c.st.bytes+len(t.Text) > s.cfg.MaxBytes {
		return nil, hangup.Errorf(hangup.ETOOLARGE, "This call has reached %d bytes of text, the most one call can hold.", s.cfg.MaxBytes)
	}
	return s.e.turn(c, t), nil
}

// turn adds t to c; c is locked.
func (e *Engine) turn(c *call, t hangup.Turn) *hangup.TurnResult {
	sc := e.pool.Get().(*scratch)
	defer e.pool.Put(sc)
	st := c.st
	before, entBefore := len(st.indicators), len(st.entities)
	rc := &runeCounter{doc: t.Text, ascii: isASCII(t.Text)}
	speaker := strings.TrimSpace(t.Speaker)
	side := st.speakerSide(speaker)
	st.addTurn(t.Text, 0, len(t.Text), speaker, sc, rc)
	// Evidence must not pin the turn's text in memory.
	for i := before; i < len(st.indicators); i++ {
		st.indicators[i].Evidence = strings.Clone(st.indicators[i].Evidence)
	}
	for i := entBefore; i < len(st.entities); i++ {
		if st.entities[i].Evidence != "" {
			st.entities[i].Evidence = strings.Clone(st.entities[i].Evidence)
		}
	}
	p, v := e.score(st)
	res := &hangup.TurnResult{
		CallID:        c.id,
		Turn:          st.turns - 1,
		Score:         round3(p),
		Verdict:       v,
		NewIndicators: append([]hangup.Indicator{}, st.indicators[before:]...),
	}
	if res.Verdict != hangup.VerdictNotScam {
		res.ScamType = st.scamType()
	}
	if trig := e.alertTrigger(c, before, p, side); trig != nil {
		res.Alert = &hangup.Alert{
			Code: trig.Code, Stage: trig.Stage, Severity: severity(trig),
			Message: trig.Explanation, Evidence: trig.Evidence, Score: round3(p), Turn: st.turns - 1,
		}
	}
	return res
}

// alertTrigger decides whether a turn raises an alert and names the
// indicator to blame. A call alerts the first time its score crosses the
// warning threshold, and again each time the caller makes a new kind of
// critical request (remote access, gift cards, a safe account…), which is
// the moment the person is about to lose control or money.
func (e *Engine) alertTrigger(c *call, before int, p float64, side int8) *hangup.Indicator {
	st := c.st
	var strongest *hangup.Indicator
	for i := before; i < len(st.indicators); i++ {
		in := &st.indicators[i]
		if in.Stage == hangup.StageGenuine {
			continue
		}
		if ci, ok := e.codeIndex[in.Code]; ok && e.codeRule[ci].Critical && side >= 0 && in.Source == "" && !c.warned[in.Code] {
			if c.warned == nil {
				c.warned = map[string]bool{}
			}
			c.warned[in.Code] = true
			c.alerted = true
			return in
		}
		if strongest == nil || in.Weight > strongest.Weight {
			strongest = in
		}
	}
	if c.alerted || p < e.model.WarnThreshold {
		return nil
	}
	c.alerted = true
	if strongest != nil {
		return strongest
	}
	for i := range st.indicators {
		in := &st.indicators[i]
		if in.Stage != hangup.StageGenuine && (strongest == nil || in.Weight > strongest.Weight) {
			strongest = in
		}
	}
	return strongest
}

// Get returns the analysis of a live call so far. Returns ENOTFOUND for an
// unknown or expired call.
func (s *Sessions) Get(id string) (*hangup.Analysis, error) {
	c, err := s.get(id)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return s.e.snapshot(c.st), nil
}

// Close ends a call and returns its final analysis. Returns ENOTFOUND for an
// unknown or expired call.
func (s *Sessions) Close(id string) (*hangup.Analysis, error) {
	c, err := s.get(id)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if el, ok := s.calls[id]; ok {
		s.removeLocked(el)
	}
	s.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	return s.e.snapshot(c.st), nil
}

// snapshot is the analysis of a state, with copies of its lists so the
// caller may keep them while the call goes on.
func (e *Engine) snapshot(st *callState) *hangup.Analysis {
	a := e.result(st)
	a.Indicators = append([]hangup.Indicator{}, a.Indicators...)
	a.Entities = append([]hangup.Entity{}, a.Entities...)
	return a
}
