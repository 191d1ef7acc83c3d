package analyze

import (
	"fmt"
	"io"
	"strings"

	"github.com/hangup-org/hangup"
)

// WriteText writes an analysis for a person to read in a terminal: the
// verdict, the scam type, the top reasons, each indicator with the words
// that raised it, and what was extracted. `hangup analyze` without --json
// prints this.
func WriteText(w io.Writer, a *hangup.Analysis) error {
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
