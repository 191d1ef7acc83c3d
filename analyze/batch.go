package analyze

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/hangup-org/hangup"
)

// BatchIndicator is an indicator as a batch output line carries it.
type BatchIndicator struct {
	Code        string       `json:"code"`
	Stage       hangup.Stage `json:"stage"`
	Evidence    string       `json:"evidence"`
	Start       int          `json:"start"`
	End         int          `json:"end"`
	Explanation string       `json:"explanation"`
}

// BatchResult is one output line of AnalyzeJSONL.
type BatchResult struct {
	ID         json.RawMessage  `json:"id"`
	Verdict    hangup.Verdict   `json:"verdict,omitempty"`
	Score      float64          `json:"score"`
	ScamType   hangup.ScamType  `json:"scam_type"`
	Indicators []BatchIndicator `json:"indicators"`
	Error      *BatchError      `json:"error,omitempty"`
}

// BatchError is the error of one batch line.
type BatchError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func errorLine(id json.RawMessage, err error) BatchResult {
	if id == nil {
		id = json.RawMessage("null")
	}
	return BatchResult{ID: id, Indicators: []BatchIndicator{}, Error: &BatchError{Code: hangup.ErrorCode(err), Message: hangup.ErrorMessage(err)}}
}

// maxBatchLine caps one JSONL input line: the largest text plus room for
// JSON escapes and the id.
const maxBatchLine = 8*MaxTextLen + 4096

// AnalyzeJSONL analyses a batch: each input line {"id": …, "text": …} gives
// one output line {"id", "verdict", "score", "scam_type", "indicators": […]}
// in the same order. A bad line (invalid JSON, no text, too long, binary)
// gives an output line with "error": {"code", "message"} and the batch goes
// on. It returns the number of lines read and an error only when reading or
// writing fails or ctx ends.
func (e *Engine) AnalyzeJSONL(ctx context.Context, r io.Reader, w io.Writer) (int, error) {
	br := bufio.NewReaderSize(r, 64*1024)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		line, tooLong, err := readLine(br, maxBatchLine)
		if err != nil && err != io.EOF {
			return n, fmt.Errorf("analyze: batch: %w", err)
		}
		eof := err == io.EOF
		if tooLong || len(line) > 0 {
			n++
			if werr := enc.Encode(e.batchLine(ctx, line, tooLong, n)); werr != nil {
				return n, werr
			}
		}
		if eof {
			break
		}
	}
	return n, bw.Flush()
}

func (e *Engine) batchLine(ctx context.Context, line string, tooLong bool, n int) BatchResult {
	if tooLong {
		return errorLine(nil, hangup.Errorf(hangup.ETOOLARGE, "Line %d is longer than %d bytes.", n, maxBatchLine))
	}
	var in struct {
		ID   json.RawMessage `json:"id"`
		Text *string         `json:"text"`
	}
	if err := json.Unmarshal([]byte(line), &in); err != nil {
		return errorLine(nil, hangup.Invalid(fmt.Sprintf("Line %d is not a JSON object with \"id\" and \"text\".", n)))
	}
	if in.Text == nil {
		return errorLine(in.ID, hangup.Invalid(fmt.Sprintf("Line %d has no \"text\".", n)))
	}
	a, err := e.Analyze(ctx, *in.Text)
	if err != nil {
		return errorLine(in.ID, err)
	}
	res := BatchResult{ID: in.ID, Verdict: a.Verdict, Score: a.Score, ScamType: a.ScamType, Indicators: make([]BatchIndicator, 0, len(a.Indicators))}
	if res.ID == nil {
		res.ID = json.RawMessage("null")
	}
	for _, in := range a.Indicators {
		res.Indicators = append(res.Indicators, BatchIndicator{Code: in.Code, Stage: in.Stage, Evidence: in.Evidence, Start: in.Start, End: in.End, Explanation: in.Explanation})
	}
	return res
}
