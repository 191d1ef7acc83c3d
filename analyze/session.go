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
	// MaxSessions is how many live calls are kept at once, across all
	// owners. Default 2,000. When it is reached, CreateFor refuses with
	// EUNAVAILABLE (and when to retry) rather than take anyone's call.
	MaxSessions int
	// MaxPerOwner is how many live calls one owner (a client, an API key)
	// keeps at once: when it starts another, its own least recently used
	// call goes. Default 20.
	MaxPerOwner int
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
	if c.MaxPerOwner <= 0 {
		c.MaxPerOwner = 20
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
// SessionConfig; calls expire after TTL idle. Each call has an owner, and
// an owner at its cap gives up its own least recently used call to start
// another: no one can push out another owner's calls. When every slot is
// taken, new calls are refused until one ends or expires.
// Safe for concurrent use.
type Sessions struct {
	e   *Engine
	cfg SessionConfig

	mu     sync.Mutex
	calls  map[string]*list.Element // of *call, in lru
	lru    *list.List               // every call; front: most recently used
	owners map[string]*list.List    // each owner's calls (of *call); front: most recently used
}

// call is one live call.
type call struct {
	id      string
	owner   string
	mine    *list.Element // in the owner's list
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
	return &Sessions{e: e, cfg: cfg, calls: map[string]*list.Element{}, lru: list.New(), owners: map[string]*list.List{}}
}

// Len returns the number of live calls.
func (s *Sessions) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.calls)
}

// Create starts a call for the only owner of a Sessions used by one client
// (a command-line stream, a test): at MaxSessions its least recently used
// call goes. It returns the call's id.
func (s *Sessions) Create() (string, error) { return s.CreateFor("", s.cfg.MaxSessions) }

// CreateFor starts a call owned by owner, who may keep at most limit live
// calls (0: MaxPerOwner): at the limit, the owner's own least recently used
// call goes. When MaxSessions calls are live, it returns EUNAVAILABLE with
// the time until the oldest idle call expires in RetryAfter.
func (s *Sessions) CreateFor(owner string, limit int) (string, error) {
	if limit <= 0 {
		limit = s.cfg.MaxPerOwner
	}
	limit = min(limit, s.cfg.MaxSessions)
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("analyze: session id: %w", err)
	}
	c := &call{id: hex.EncodeToString(b[:]), owner: owner, st: newCallState(s.e)}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	c.used = now
	s.expireLocked(now)
	mine := s.owners[owner]
	for mine != nil && mine.Len() >= limit {
		s.removeLocked(s.calls[mine.Back().Value.(*call).id])
		mine = s.owners[owner]
	}
	if len(s.calls) >= s.cfg.MaxSessions {
		wait := s.cfg.TTL - now.Sub(s.lru.Back().Value.(*call).used)
		return "", &hangup.Error{Code: hangup.EUNAVAILABLE, RetryAfter: max(wait, time.Second),
			Message: "Hangup is following as many live calls as it can right now. Please try again in a minute."}
	}
	if mine == nil {
		mine = list.New()
		s.owners[owner] = mine
	}
	c.mine = mine.PushFront(c)
	s.calls[c.id] = s.lru.PushFront(c)
	return c.id, nil
}

// Owned returns how many live calls owner has.
func (s *Sessions) Owned(owner string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.owners[owner]; l != nil {
		return l.Len()
	}
	return 0
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
	if mine := s.owners[c.owner]; mine != nil {
		mine.Remove(c.mine)
		if mine.Len() == 0 {
			delete(s.owners, c.owner)
		}
	}
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
	if mine := s.owners[c.owner]; mine != nil {
		mine.MoveToFront(c.mine)
	}
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
