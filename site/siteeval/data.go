package siteeval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hangup-org/hangup"
)

// MaxDataLine caps one line of a labelled file.
const MaxDataLine = 64 << 10

// DataReport is the checker's score on a labelled file.
type DataReport struct {
	Lines     int // lines read (blank ones not counted)
	Scam      int
	Genuine   int
	TP, FN    int // scam lines flagged / not flagged
	FP, TN    int // genuine lines flagged / not flagged
	Verdicts  map[hangup.SiteVerdict]int
	Errors    []string // unreadable lines, with their numbers (first 20)
	ErrorRows int
	Missed    []Case // first scam lines not flagged (up to 20)
	Alarms    []Case // first genuine lines flagged (up to 20)
}

// Recall is TP / (TP + FN).
func (r *DataReport) Recall() float64 { return Rate(r.TP, r.TP+r.FN) }

// FalseAlarmRate is FP / (FP + TN).
func (r *DataReport) FalseAlarmRate() float64 { return Rate(r.FP, r.FP+r.TN) }

// Precision is TP / (TP + FP).
func (r *DataReport) Precision() float64 { return Rate(r.TP, r.TP+r.FP) }

// ParseLabel reads a label: "scam", "phishing", "malicious", "bad",
// "positive", "1", true → scam; "genuine", "legit", "legitimate",
// "benign", "good", "negative", "0", false → genuine.
func ParseLabel(raw json.RawMessage) (Label, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", err
	}
	s := strings.ToLower(strings.TrimSpace(fmt.Sprint(v)))
	switch s {
	case "scam", "phishing", "malicious", "bad", "positive", "1", "true", "spam", "fraud":
		return Scam, nil
	case "genuine", "legit", "legitimate", "benign", "good", "negative", "0", "false", "ham", "safe":
		return Genuine, nil
	}
	return "", fmt.Errorf("unknown label %q (use scam or genuine)", s)
}

// EvalData scores checker on a JSON-lines file of {"text": "an address
// or a sentence that holds one", "label": "scam"|"genuine"} lines. A
// line is flagged when its verdict is impersonation or suspicious (or,
// for scam lines, a remote-access tool: a warning). Unreadable lines are
// counted and listed, never fatal; the error is only for reading r.
func EvalData(r io.Reader, checker hangup.SiteChecker) (*DataReport, error) {
	rep := &DataReport{Verdicts: map[hangup.SiteVerdict]int{}}
	br := bufio.NewReaderSize(r, 64<<10)
	bad := func(n int, why string) {
		rep.ErrorRows++
		if len(rep.Errors) < 20 {
			rep.Errors = append(rep.Errors, fmt.Sprintf("line %d: %s", n, why))
		}
	}
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		tooLong := false
		for errors.Is(err, bufio.ErrBufferFull) {
			tooLong = true
			_, err = br.ReadSlice('\n')
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("siteeval: read line %d: %w", n, err)
		}
		if trimmed := bytes.TrimSpace(line); len(trimmed) > 0 || tooLong {
			rep.Lines++
			switch {
			case tooLong || len(line) > MaxDataLine:
				bad(n, "longer than 64 KiB")
			default:
				rep.score(n, trimmed, checker, bad)
			}
		}
		if errors.Is(err, io.EOF) {
			return rep, nil
		}
	}
}

func (rep *DataReport) score(n int, line []byte, checker hangup.SiteChecker, bad func(int, string)) {
	var in struct {
		Text  string          `json:"text"`
		Label json.RawMessage `json:"label"`
	}
	if err := json.Unmarshal(line, &in); err != nil {
		bad(n, `not a JSON object like {"text": "micros0ft-help.com", "label": "scam"}`)
		return
	}
	if in.Text == "" || len(in.Label) == 0 {
		bad(n, `needs "text" and "label"`)
		return
	}
	label, err := ParseLabel(in.Label)
	if err != nil {
		bad(n, err.Error())
		return
	}
	res, err := checker.CheckSite(in.Text)
	if err != nil {
		bad(n, hangup.ErrorMessage(err))
		return
	}
	rep.Verdicts[res.Verdict]++
	c := Case{Host: in.Text, Verdict: res.Verdict, Brand: res.Brand}
	if len(res.Findings) > 0 {
		c.Finding = res.Findings[0].Code
	}
	if label == Scam {
		rep.Scam++
		if res.Verdict.Warning() {
			rep.TP++
		} else {
			rep.FN++
			if len(rep.Missed) < 20 {
				rep.Missed = append(rep.Missed, c)
			}
		}
		return
	}
	rep.Genuine++
	if res.Verdict == hangup.SiteImpersonation || res.Verdict == hangup.SiteSuspicious {
		rep.FP++
		if len(rep.Alarms) < 20 {
			rep.Alarms = append(rep.Alarms, c)
		}
	} else {
		rep.TN++
	}
}

// WriteText writes the report for people.
func (rep *DataReport) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Website checker on your data: %d lines (%d scam, %d genuine, %d unreadable)\n", rep.Lines, rep.Scam, rep.Genuine, rep.ErrorRows)
	fmt.Fprintf(&b, "scam caught (recall):        %d of %d = %.1f%%\n", rep.TP, rep.Scam, 100*rep.Recall())
	fmt.Fprintf(&b, "genuine flagged (false alarms): %d of %d = %.2f%%\n", rep.FP, rep.Genuine, 100*rep.FalseAlarmRate())
	fmt.Fprintf(&b, "precision:                   %.3f\n", rep.Precision())
	fmt.Fprintf(&b, "confusion: tp %d fp %d fn %d tn %d\n", rep.TP, rep.FP, rep.FN, rep.TN)
	fmt.Fprintf(&b, "verdicts:")
	for _, v := range hangup.SiteVerdicts {
		fmt.Fprintf(&b, " %s %d", v, rep.Verdicts[v])
	}
	b.WriteString("\n")
	for _, part := range []struct {
		title string
		cases []Case
	}{{"missed scam lines", rep.Missed}, {"false alarms", rep.Alarms}} {
		if len(part.cases) > 0 {
			fmt.Fprintf(&b, "\n%s (first %d):\n", part.title, len(part.cases))
			for _, c := range part.cases {
				fmt.Fprintf(&b, "  %-50s %-14s %s %s\n", c.Host, c.Verdict, c.Finding, c.Brand)
			}
		}
	}
	if len(rep.Errors) > 0 {
		fmt.Fprintf(&b, "\nunreadable lines:\n")
		for _, e := range rep.Errors {
			fmt.Fprintf(&b, "  %s\n", e)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
