package orgdash

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader is the first line of a dashboard's CSV export.
var CSVHeader = []string{"section", "value", "reports"}

// WriteCSV writes the dashboard's figures, one row per value: the weeks,
// then each table. Cells a spreadsheet would run as a formula are defused
// (scammers choose the websites and words that end up here).
func WriteCSV(w io.Writer, d *Dashboard) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	row := func(section, value string, n int) {
		cw.Write([]string{section, defuse(value), strconv.Itoa(n)})
	}
	row("period", d.From.Format(time.DateOnly)+" to "+d.To.Format(time.DateOnly), d.Reports)
	for _, sec := range []struct {
		name string
		rows []Count
	}{{"week", d.Weeks}, {"number_shown", d.NumbersShown}, {"callback_number", d.CallbackNumbers}, {"tool", d.Tools},
		{"payment_method", d.PaymentMethods}, {"happened", d.Happened}, {"website", d.Websites}, {"spoofed_own_number", d.Spoofed}} {
		for _, c := range sec.rows {
			row(sec.name, c.Value, c.Reports)
		}
	}
	for _, l := range d.Lookalikes {
		row("lookalike_"+l.Where, l.Host, l.Reports)
	}
	cw.Flush()
	return cw.Error()
}

// defuse prefixes a cell a spreadsheet would read as a formula.
func defuse(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
