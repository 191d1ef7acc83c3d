package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/hangup-org/hangup"
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

// printCheck writes a check result for a person reading a terminal: the
// verdict first, then what to do, then why.
func printCheck(w io.Writer, res *hangup.CheckResult) {
	fmt.Fprintf(w, "%s\n%s\n", verdictWords[res.Verdict], res.Summary)
	switch cb := res.CallBack; {
	case cb != nil && cb.Number != "":
		fmt.Fprintf(w, "\nThe number to call back: %s (%s, %s)\n", cb.Number, cb.Organisation, cb.Label)
	case cb != nil:
		fmt.Fprintf(w, "\nHow to contact %s yourself: %s\n", cb.Organisation, cb.URL)
	}
	fmt.Fprintln(w, "\nWhat to do now:")
	for i, s := range res.NextSteps {
		fmt.Fprintf(w, "%s\n", wrap(fmt.Sprintf("%d. %s", i+1, s), "   "))
	}
	if len(res.Reasons) > 0 {
		fmt.Fprintln(w, "\nWhy:")
		for _, r := range res.Reasons {
			fmt.Fprintln(w, wrap(fmt.Sprintf("- [%s] %s", severityWords[r.Severity], r.Message), "  "))
			if r.Source != "" {
				fmt.Fprintf(w, "  Source: %s\n", r.Source)
			}
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
	fmt.Fprintf(w, "  Valid: %v\n  Type: %s\n", n.Valid, strings.ReplaceAll(string(n.Type), "_", " "))
	if uk := n.UK; uk != nil {
		fmt.Fprintf(w, "  UK range: %s\n", uk.Description)
		switch {
		case !uk.Checked:
			fmt.Fprintln(w, "  Ofcom block: not checked")
		case uk.Provider != "":
			fmt.Fprintf(w, "  Ofcom block %s: %s, given to %s on %s\n", uk.Block, uk.Status, uk.Provider, uk.AllocatedOn)
		default:
			fmt.Fprintf(w, "  Ofcom block %s: %s\n", uk.Block, uk.Status)
		}
	}
	if owner != "" {
		fmt.Fprintf(w, "  Registry: %s\n", owner)
	}
	for _, f := range n.Findings {
		fmt.Fprintln(w, wrap(fmt.Sprintf("- [%s] %s", severityWords[f.Severity], f.Message), "  "))
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
