package analyze

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/catalogue"
)

// Caps that bound the memory of one analysis or one live call.
const (
	// MaxIndicators caps the indicators kept per analysis or call; the
	// features still count every match.
	MaxIndicators = 300
	// MaxEntities caps the entities kept per analysis or call.
	MaxEntities = 200
	// maxSpeakers caps the distinct speaker labels tracked per call.
	maxSpeakers = 16
	// maxEvidence caps the characters quoted as evidence.
	maxEvidence = 240
)

// personSide / orgSide: what a speaker label says about who is speaking.
var (
	orgLabels = map[string]bool{"agent": true, "rep": true, "representative": true, "operator": true, "scammer": true,
		"fraudster": true, "officer": true, "technician": true, "tech": true, "support": true, "csr": true, "the agent": true,
		"customer service": true, "advisor": true, "adviser": true, "employee": true, "banker": true, "them": true, "him": true, "her": true}
	personLabels = map[string]bool{"victim": true, "customer": true, "client": true, "me": true, "callee": true, "receiver": true,
		"recipient": true, "user": true, "target": true, "patient": true, "i": true}
)

type speakerInfo struct {
	hint  int8    // +1 the organisation's side, -1 the person called, 0 unknown
	score float64 // claims and requests made minus doubts voiced
}

// callState accumulates what one call (or one text) has shown so far. Each
// turn adds to it; nothing is re-analysed. The batch analysis feeds a text's
// turns through the same state, so live and batch results agree.
type callState struct {
	e          *Engine
	turns      int
	bytes      int
	codeVal    []float64 // per code: strongest multiplier seen (1 caller, 0.5 the person called)
	codeCount  []int
	hitsTotal  int
	typeVotes  map[hangup.ScamType]float64
	speakers   map[string]*speakerInfo
	indicators []hangup.Indicator
	entities   []hangup.Entity
	truncated  bool
	nInd       int // indicators found, kept or not
	// the playbook floor (floor.go): the strongest caller-side evidence of
	// each element, a sure sign on its own, genuine behaviour seen
	elem    [catalogue.Lure + 1]elemEvidence
	alone   elemEvidence
	genuine bool
	// genuineAny: any genuine behaviour at all, however weak ("thank you
	// for calling", "your ticket"); remote: the distinct remote-access
	// requests (install a tool, read a code, allow control) the caller made
	genuineAny bool
	// noImpersonation: the call reached a wrong number, or the person
	// verified it by ringing back, so nobody on it is impersonating the
	// organisation (no floor, until a new request or problem)
	noImpersonation bool
	remote          []elemEvidence
	remoteCode      []string
	// hooks: the distinct problems, threats or windfalls of twoHookWeight
	// or more the caller raised; bankReq: the strongest request for bank
	// access (log in, a balance, a code) of handOverWeight or more
	hooks     []elemEvidence
	hookCode  []string
	hookTypes [][]hangup.ScamType
	bankReq   elemEvidence
	strongest float64 // the heaviest warning sign (weight × side)
	answerer  string  // the speaker who answered the call with a greeting
	weakElems uint8   // elements seen at all, as bits
}

func newCallState(e *Engine) *callState {
	return &callState{
		e:         e,
		codeVal:   make([]float64, len(e.codes)),
		codeCount: make([]int, len(e.codes)),
		typeVotes: map[hangup.ScamType]float64{},
		speakers:  map[string]*speakerInfo{},
	}
}

// runeCounter converts byte offsets into character offsets, moving forward
// through the document so that a whole analysis costs one pass.
type runeCounter struct {
	doc   string
	ascii bool
	b, r  int
}

func (c *runeCounter) at(b int) int {
	if c.ascii {
		return b
	}
	if b < c.b {
		c.b, c.r = 0, 0
	}
	c.r += utf8.RuneCountInString(c.doc[c.b:b])
	c.b = b
	return c.r
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// speakerSide returns +1 (organisation), -1 (person called) or 0.
func (s *callState) speakerSide(label string) int8 {
	if label == "" {
		return 0
	}
	key := strings.ToLower(strings.TrimSpace(label))
	sp := s.speakers[key]
	if sp == nil {
		if len(s.speakers) >= maxSpeakers {
			return 0
		}
		sp = &speakerInfo{}
		switch {
		case orgLabels[key]:
			sp.hint = 1
		case personLabels[key]:
			sp.hint = -1
		}
		s.speakers[key] = sp
	}
	if sp.hint != 0 {
		return sp.hint
	}
	if s.answerer != "" {
		if key == s.answerer {
			return -1
		}
		return 1
	}
	best := 0.0
	for k, o := range s.speakers {
		if k != key && o.score > best {
			best = o.score
		}
	}
	switch {
	case sp.score <= 0 && best >= 2:
		return -1
	case sp.score >= 2 && sp.score > best:
		return 1
	}
	return 0
}

// greetings answer a phone.
var greetings = map[string]bool{"hello": true, "hi": true, "hey": true, "hiya": true, "hallo": true, "yes": true,
	"yeah": true, "speaking": true, "good": true, "morning": true, "afternoon": true, "evening": true, "who": true, "is": true, "it": true, "this": true}

// isGreeting reports whether a turn is only a greeting, such as a person
// answering the phone: "Hello?", "Hi, good morning", "Yes, who is this?".
func isGreeting(ts []token) bool {
	words := 0
	for _, t := range ts {
		switch t.kind {
		case tkWord:
			if !greetings[t.text] {
				return false
			}
			words++
		case tkNum:
			return false
		}
	}
	return words >= 1 && words <= 4
}

// scratch is the per-goroutine working memory of one turn.
type scratch struct {
	z    tokenizer
	toks []token
	hits []hit
	ents []rawEntity
	ms   matchScratch
}

// addTurn analyses one turn: doc[start:end], said by speaker. doc is the
// text the offsets refer to. It returns how many indicators it added.
func (s *callState) addTurn(doc string, start, end int, speaker string, sc *scratch, rc *runeCounter) int {
	e := s.e
	m := e.m
	s.turns++
	s.bytes += end - start
	turn := s.turns - 1
	sc.toks = sc.z.tokenize(doc, start, end, sc.toks[:0])
	ts := sc.toks
	m.lex.assignIDs(ts)
	sc.hits = m.lex.match(ts, sc.hits[:0])
	sc.ents = sc.ents[:0]
	sc.hits, sc.ents = m.extract(doc, ts, sc.hits, sc.ents)
	sort.SliceStable(sc.hits, func(i, j int) bool {
		if sc.hits[i].from != sc.hits[j].from {
			return sc.hits[i].from < sc.hits[j].from
		}
		return sc.hits[i].to > sc.hits[j].to
	})
	sc.ents = m.claims(ts, sc.hits, doc, sc.ents)
	matches := m.matchRules(ts, sc.hits, &sc.ms)

	if turn == 0 && speaker != "" && isGreeting(ts) {
		// who answers the phone with "Hello?" is the person called
		s.answerer = strings.ToLower(strings.TrimSpace(speaker))
	}
	side := s.speakerSide(speaker)
	added := 0
	claims := 0.0
	// a rule that stands in for others in this turn ("a gift card for my
	// granddaughter" is no request to pay in gift cards)
	var overridden []string
	for _, mt := range matches {
		if r := &m.rules[mt.rule]; !mt.negated && len(r.Overrides) > 0 {
			overridden = append(overridden, r.Overrides...)
		}
	}
	for _, mt := range matches {
		r := &m.rules[mt.rule]
		if len(overridden) > 0 && slices.Contains(overridden, r.Code) {
			continue
		}
		if mt.negated {
			if r.OnNeg == "" || !mt.never {
				continue
			}
			r = &m.rules[m.byCode[r.OnNeg]]
		}
		if dupIndicator(s.indicators, r.Code, turn, ts[mt.from].start) {
			continue
		}
		mult := 1.0
		if r.Side == catalogue.SideCaller && side < 0 {
			mult = 0.5
		}
		ci := e.codeIndex[r.Code]
		if mult > s.codeVal[ci] {
			s.codeVal[ci] = mult
		}
		s.codeCount[ci]++
		if r.Stage != hangup.StageGenuine {
			s.hitsTotal++
			for _, t := range r.Types {
				s.typeVotes[t] += r.Weight * mult
			}
			// who is who: claiming to be someone marks the organisation's
			// side most, asking for something next; a hook or a lure can
			// be the person called repeating what they were told
			switch {
			case r.Side != catalogue.SideCaller:
			case r.Element == catalogue.Pretext:
				claims += 2
			case r.Element == catalogue.Request:
				claims++
			}
		}
		s.nInd++
		if len(s.indicators) >= MaxIndicators {
			s.truncated = true
			s.noteElement(r, mult, -1)
			continue
		}
		s.noteElement(r, mult, len(s.indicators))
		bs, be := ts[mt.from].start, ts[mt.to-1].end
		s.indicators = append(s.indicators, hangup.Indicator{
			Code:        r.Code,
			Stage:       r.Stage,
			Weight:      round3(r.Weight * mult),
			Evidence:    clip(doc[bs:be]),
			Start:       rc.at(bs),
			End:         rc.at(be),
			ByteStart:   bs,
			ByteEnd:     be,
			Explanation: explain(r, mt.canon),
			Speaker:     speaker,
			Turn:        turn,
		})
		added++
	}
	// who is who: claims and requests versus doubts
	if speaker != "" {
		if sp := s.speakers[strings.ToLower(strings.TrimSpace(speaker))]; sp != nil {
			doubts := 0
			for _, h := range sc.hits {
				if h.concept == m.person {
					doubts++
				}
			}
			sp.score += claims - float64(doubts)
		}
	}
	for _, re := range sc.ents {
		if len(s.entities) >= MaxEntities {
			s.truncated = true
			break
		}
		bs, be := ts[re.from].start, ts[re.to-1].end
		ent := hangup.Entity{
			Kind: re.kind, Value: re.value, Evidence: clip(doc[bs:be]),
			Start: rc.at(bs), End: rc.at(be), ByteStart: bs, ByteEnd: be, Speaker: speaker,
			Amount: re.amount, Currency: re.currency,
		}
		added += e.enrich(s, &ent, re, turn)
		s.entities = append(s.entities, ent)
	}
	// tools and payment instruments named
	for _, mt := range matches {
		r := &m.rules[mt.rule]
		if mt.negated || mt.canon == "" || len(s.entities) >= MaxEntities {
			continue
		}
		kind := ""
		switch r.Code {
		case "remote_tool_install", "remote_tool_named":
			kind = hangup.EntityRemoteTool
		case "gift_card_payment", "gift_card_mentioned", "crypto_payment", "crypto_mentioned", "wire_transfer_request", "money_transfer_mentioned":
			kind = hangup.EntityPayment
		default:
			continue
		}
		bs, be := ts[mt.from].start, ts[mt.to-1].end
		s.entities = append(s.entities, hangup.Entity{Kind: kind, Value: mt.canon, Evidence: clip(doc[bs:be]),
			Start: rc.at(bs), End: rc.at(be), ByteStart: bs, ByteEnd: be, Speaker: speaker})
	}
	return added
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func clip(s string) string {
	if len(s) <= maxEvidence {
		return s
	}
	cut := maxEvidence
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// fallbackX names what {x} stands for when the match has no canonical name.
var fallbackX = map[string]string{
	"claims_tech_company": "a technology company", "claims_service_company": "an online service", "claims_government": "a government body or the police",
	"remote_tool_install": "a remote-access program", "remote_tool_named": "A remote-access program",
	"gift_card_payment": "gift cards", "gift_card_mentioned": "Gift cards", "crypto_payment": "cryptocurrency",
	"wire_transfer_request": "money transfer", "money_transfer_mentioned": "money transfer",
}

func explain(r *rule, canon string) string {
	if !strings.Contains(r.Explain, "{x}") {
		return r.Explain
	}
	x := canon
	if x == "" {
		x = fallbackX[r.Code]
	}
	if x == "" {
		x = "it"
	}
	return strings.ReplaceAll(r.Explain, "{x}", x)
}

// features returns the model's input for the call so far.
func (s *callState) features(dst []float64) []float64 {
	e := s.e
	dst = append(dst[:0], make([]float64, len(e.featNames))...)
	var stage [len(stageOrder)]float64
	for ci, v := range s.codeVal {
		if v == 0 {
			continue
		}
		dst[ci] = v
		stage[e.codeStage[ci]] += v
	}
	base := len(e.codes)
	distinct := 0
	for si := range stageOrder {
		dst[base+si] = math.Min(stage[si], 2)
		if si >= 1 && si <= 8 && stage[si] >= 0.5 {
			distinct++
		}
	}
	base += len(stageOrder)
	dst[base] = math.Min(float64(distinct), 5) / 5
	base++
	for pi, p := range stagePairs {
		dst[base+pi] = math.Min(stage[p[0]], 1) * math.Min(stage[p[1]], 1)
	}
	base += len(stagePairs)
	// The catalogue's own weights, summed: a type-agnostic measure of how
	// much scam behaviour was seen, which carries over to scam types the
	// training data lacks.
	sum, mx, gen, crit := 0.0, 0.0, 0.0, 0.0
	for ci, v := range s.codeVal {
		if v == 0 {
			continue
		}
		r := e.codeRule[ci]
		w := r.Weight * v
		if r.Stage == hangup.StageGenuine {
			gen += w
			continue
		}
		sum += w
		mx = math.Max(mx, w)
		if r.Critical && v >= 1 {
			crit++
		}
	}
	dst[base] = math.Min(sum, 3) / 3
	dst[base+1] = mx
	dst[base+2] = math.Min(gen, 2) / 2
	// Critical requests (remote access, gift cards, a safe account, a lie
	// to tell the bank…) made by the caller, however many kinds.
	dst[base+3] = math.Min(crit, 3) / 3
	base += 4
	// The playbook elements (pretext, hook, pressure, request, lure): the
	// strongest evidence of each, how many are present, and each pair.
	var el [len(catalogue.Elements)]float64
	for ci, v := range s.codeVal {
		if v == 0 {
			continue
		}
		if k := e.codeElem[ci]; k > 0 {
			el[k-1] = math.Max(el[k-1], e.codeRule[ci].Weight*v)
		}
	}
	n := 0
	for k, v := range el {
		dst[base+k] = v
		if v >= floorMinWeight {
			n++
		}
	}
	base += len(el)
	dst[base] = float64(n) / float64(len(el))
	base++
	for a := 0; a < len(el); a++ {
		for b := a + 1; b < len(el); b++ {
			dst[base] = el[a] * el[b]
			base++
		}
	}
	return dst
}

// stageOrder is the playbook order of stages, genuine behaviour last.
var stageOrder = [...]hangup.Stage{hangup.StageLure, hangup.StageAuthority, hangup.StageRemote, hangup.StageDiagnosis,
	hangup.StageUrgency, hangup.StageSales, hangup.StagePayment, hangup.StageBankAccess, hangup.StagePersistence, hangup.StageGenuine}

// stagePairs are the combinations of stages that mark the scam's shape.
var stagePairs = [][2]int{{1, 2}, {2, 6}, {2, 7}, {1, 6}, {4, 6}, {1, 4}, {6, 7}, {0, 2}, {1, 7}, {4, 7}, {2, 4}, {1, 5}}

func stageIndex(s hangup.Stage) int {
	for i, o := range stageOrder {
		if o == s {
			return i
		}
	}
	return len(stageOrder) - 1
}

// scamType is the type with the most evidence.
func (s *callState) scamType() hangup.ScamType {
	best, bestV := hangup.ScamOther, 0.0
	for _, t := range scamTypes {
		if v := s.typeVotes[t]; v > bestV+1e-9 {
			best, bestV = t, v
		}
	}
	return best
}

// scamTypes in tie-break order.
var scamTypes = []hangup.ScamType{hangup.ScamTechSupport, hangup.ScamRefund, hangup.ScamBankImpersonate, hangup.ScamGovernment,
	hangup.ScamDelivery, hangup.ScamPrize, hangup.ScamInvestment, hangup.ScamFamily}

// dupIndicator reports whether the same code was already found in this turn
// over a span that covers byte offset at.
func dupIndicator(ins []hangup.Indicator, code string, turn, at int) bool {
	for k := len(ins) - 1; k >= 0 && ins[k].Turn == turn; k-- {
		if ins[k].Code == code && ins[k].ByteEnd > at {
			return true
		}
	}
	return false
}
