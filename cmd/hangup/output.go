package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
)

var verdictWords = map[hangup.CheckVerdict]string{
	hangup.CheckStop:       "STOP",
	hangup.CheckCaution:    "BE CAREFUL",
	hangup.CheckNoRedFlags: "NO WARNING SIGNS FOUND YET",
	hangup.CheckNotEnough:  "NOT ENOUGH TO GO ON",
}

var severityWords = map[hangup.Severity]string{
	hangup.SeverityHigh:   "Serious",
	hangup.SeverityMedium: "Warning",
	hangup.SeverityLow:    "Worth knowing",
	hangup.SeverityInfo:   "Note",
}

// printCheck writes a check result for a person reading a terminal, as the
// web page arranges it: the verdict and one sentence, the way to reach the
// organisation, at most three reasons (each fact once), what to do, and then
// the rest. --json gives every reason with its code.
func printCheck(w io.Writer, res *hangup.CheckResult) {
	x := check.Explain(res)
	fmt.Fprintf(w, "%s\n%s\n", verdictWords[res.Verdict], wrap(x.Sentence, ""))
	switch cb := res.CallBack; {
	case cb != nil && cb.Number != "":
		fmt.Fprintf(w, "\nCall %s yourself on %s (%s).\n", cb.Organisation, cb.Number, cb.Label)
	case cb != nil:
		fmt.Fprintf(w, "\nContact %s yourself: %s\n", cb.Organisation, cb.URL)
	}
	point := func(p check.Point) {
		fmt.Fprintln(w, wrap("- "+p.Text, "  "))
		for _, src := range p.Sources {
			fmt.Fprintf(w, "  Source: %s\n", src)
		}
	}
	if len(x.Points) > 0 {
		fmt.Fprintln(w, "\nWhy:")
		for _, p := range x.Points {
			point(p)
		}
	}
	fmt.Fprintln(w, "\nWhat to do now:")
	for i, s := range x.Steps {
		fmt.Fprintf(w, "%s\n", wrap(fmt.Sprintf("%d. %s", i+1, s), "   "))
	}
	if len(x.More) > 0 {
		fmt.Fprintln(w, "\nMore detail:")
		for _, p := range x.More {
			point(p)
		}
	}
}

func printNumber(w io.Writer, n *hangup.Number, owner string) {
	title := n.National
	if title == "" {
		title = n.Input
	}
	fmt.Fprintln(w, title)
	if n.E164 != "" {
		fmt.Fprintf(w, "  International: %s\n", n.International)
	}
	if n.Country != "" {
		fmt.Fprintf(w, "  Country: %s\n", n.Country)
	}
	valid := "yes"
	if !n.Valid {
		valid = "no (see below)"
	}
	fmt.Fprintf(w, "  Could be a real number: %s\n  Type: %s\n", valid, strings.ReplaceAll(string(n.Type), "_", " "))
	if uk := n.UK; uk != nil {
		fmt.Fprintf(w, "  UK range: %s\n", uk.Description)
		switch {
		case !uk.Checked:
			fmt.Fprintln(w, "  Ofcom block: not checked")
		case uk.Provider != "":
			fmt.Fprintf(w, "  Ofcom block %s: %s, given to %s on %s\n", uk.Block, uk.Status, uk.Provider, uk.AllocatedOn)
		default:
			fmt.Fprintf(w, "  Ofcom block %s: not given to any phone company\n", uk.Block)
		}
	}
	if owner != "" {
		fmt.Fprintf(w, "  Registry: %s\n", owner)
	}
	for _, f := range n.Findings {
		fmt.Fprintln(w, wrap("- "+f.Message, "  "))
	}
}

// wrap breaks s into lines of about 78 columns, indenting continuation
// lines.
func wrap(s, indent string) string {
	const width = 78
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(s) {
		if i > 0 && col+1+len(word) > width {
			b.WriteString("\n" + indent)
			col = len(indent)
		} else if i > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

// printAnalysis writes an analysis for a person to read in a terminal: the
// verdict, the scam type, the top reasons, each indicator with the words
// that raised it, and what was extracted. `hangup analyze` without --json
// prints this.
func printAnalysis(w io.Writer, a *hangup.Analysis) error {
	var b strings.Builder
	switch a.Verdict {
	case hangup.VerdictScam:
		fmt.Fprintf(&b, "SCAM (risk %.0f%%)%s\n", a.Score*100, typeSuffix(a.ScamType))
	case hangup.VerdictSuspicious:
		fmt.Fprintf(&b, "SUSPICIOUS (risk %.0f%%)%s\n", a.Score*100, typeSuffix(a.ScamType))
	default:
		fmt.Fprintf(&b, "No scam found (risk %.0f%%)\n", a.Score*100)
	}
	if len(a.Stages) > 0 {
		var st []string
		for _, s := range a.Stages {
			st = append(st, string(s))
		}
		fmt.Fprintf(&b, "Scam stages seen: %s\n", strings.Join(st, " "))
	}
	if len(a.Reasons) > 0 {
		b.WriteString("\nWhy:\n")
		for _, r := range a.Reasons {
			fmt.Fprintf(&b, "  - [%s] %s\n", r.Severity, r.Message)
		}
	}
	if len(a.Indicators) > 0 {
		b.WriteString("\nEvidence:\n")
		for _, in := range a.Indicators {
			who := ""
			if in.Speaker != "" {
				who = in.Speaker + ": "
			}
			src := ""
			if in.Source != "" {
				src = " (from " + in.Source + ")"
			}
			fmt.Fprintf(&b, "  %-3s %-26s %s“%s” [%d–%d]%s\n", in.Stage, in.Code, who, in.Evidence, in.Start, in.End, src)
		}
	}
	if len(a.Entities) > 0 {
		b.WriteString("\nMentioned:\n")
		for _, e := range a.Entities {
			fmt.Fprintf(&b, "  %-13s %s\n", e.Kind, e.Value)
		}
	}
	if a.Truncated {
		b.WriteString("\n(Some evidence is not listed: the text had more than fits.)\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// typeSuffix names a scam type after a verdict: ", type tech support".
func typeSuffix(t hangup.ScamType) string {
	if t == "" {
		return ""
	}
	return ", type " + strings.ReplaceAll(string(t), "_", " ")
}
