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
