package site

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/hangup-org/hangup"
)

// MaxJSONLLine caps one input line of CheckJSONL. A longer line gets an
// error line of its own; the batch goes on.
const MaxJSONLLine = 64 << 10

// JSONLInput is one input line of CheckJSONL. ID is echoed back as given
// (a string, a number…). ClaimedOrganisation, when set, is the registry ID
// of the organisation the caller claimed to be from (see CheckSiteFor).
type JSONLInput struct {
	ID                  json.RawMessage `json:"id"`
	Text                string          `json:"text"`
	ClaimedOrganisation string          `json:"claimed_organisation,omitempty"`
}

// JSONLOutput is one output line of CheckJSONL: the check's verdict, brand
// and findings, or an error.
type JSONLOutput struct {
	ID       json.RawMessage    `json:"id"`
	Line     int                `json:"line"` // 1-based input line number
	Verdict  hangup.SiteVerdict `json:"verdict,omitempty"`
	Brand    string             `json:"brand,omitempty"`
	Tool     string             `json:"tool,omitempty"`
	Host     string             `json:"host,omitempty"`
	Domain   string             `json:"domain,omitempty"`
	Summary  string             `json:"summary,omitempty"`
	Findings []hangup.Reason    `json:"findings,omitempty"`
	Error    *JSONLError        `json:"error,omitempty"`
}

// JSONLError is the error of one line: the hangup error code and its human
// message.
type JSONLError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// CheckJSONL checks a batch: each line of r is a JSON object {"id": …,
// "text": …} and gives one line on w, in order, {"id", "line", "verdict",
// "brand", "findings", …}. A bad line (not JSON, no text, too long, an
// address that cannot be checked) gives an output line with an "error"
// field instead; the batch never stops for one. Blank lines are skipped.
// The returned error is only for reading r or writing w.
func CheckJSONL(r io.Reader, w io.Writer, checker hangup.SiteChecker) error {
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, MaxJSONLLine)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("site: read line %d: %w", n, err)
		}
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			out := checkLine(line, tooLong, n, checker)
			if werr := enc.Encode(out); werr != nil {
				return fmt.Errorf("site: write line %d: %w", n, werr)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("site: write: %w", err)
	}
	return nil
}

// readLine reads one line without its newline. A line longer than max is
// consumed to its end and reported as too long, with nothing kept.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > max+1 { // +1: the newline
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(buf, "\r\n"), tooLong, err
	}
}

func checkLine(line []byte, tooLong bool, n int, checker hangup.SiteChecker) JSONLOutput {
	out := JSONLOutput{Line: n, ID: json.RawMessage("null")}
	fail := func(code, msg string) JSONLOutput {
		out.Error = &JSONLError{Code: code, Message: msg}
		return out
	}
	if tooLong {
		return fail(hangup.ETOOLARGE, fmt.Sprintf("The line is longer than %d bytes.", MaxJSONLLine))
	}
	var in JSONLInput
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&in); err != nil {
		return fail(hangup.EINVALID, "The line is not a JSON object like {\"id\": 1, \"text\": \"anydesk.com\"}.")
	}
	if len(in.ID) > 0 {
		out.ID = in.ID
	}
	if dec.More() {
		return fail(hangup.EINVALID, "The line has more than one JSON value.")
	}
	if in.Text == "" {
		return fail(hangup.EINVALID, "The line has no \"text\" to check.")
	}
	var (
		res hangup.SiteCheck
		err error
	)
	if in.ClaimedOrganisation != "" {
		res, err = checker.CheckSiteFor(in.Text, in.ClaimedOrganisation)
	} else {
		res, err = checker.CheckSite(in.Text)
	}
	if err != nil {
		return fail(hangup.ErrorCode(err), hangup.ErrorMessage(err))
	}
	out.Verdict, out.Brand, out.Tool = res.Verdict, res.Brand, res.Tool
	out.Host, out.Domain, out.Summary, out.Findings = res.Host, res.Domain, res.Summary, res.Findings
	return out
}
