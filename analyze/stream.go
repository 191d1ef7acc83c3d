package analyze

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/internal/turns"
)

// StreamOptions configures Stream.
type StreamOptions struct {
	// JSON writes one JSON object per turn (a hangup.TurnResult, or
	// {"error": …}) and a final {"final": analysis}, instead of text.
	JSON bool
	// Session bounds the call; zero values take the defaults.
	Session SessionConfig
}

// maxStreamLine caps one input line of Stream.
const maxStreamLine = 1 << 20

// Stream analyses a call as it happens: it reads turns line by line from r
// and writes alerts to w as soon as they are raised. A line is a turn:
// plain text, optionally with a speaker label ("Caller: go to anydesk dot
// com"), or a JSON hangup.Turn {"speaker": …, "text": …}. Blank lines are
// skipped. A bad line is reported and the stream goes on. At the end of r it
// writes the verdict and returns the final analysis.
func (e *Engine) Stream(ctx context.Context, r io.Reader, w io.Writer, opts StreamOptions) (*hangup.Analysis, error) {
	cfg := opts.Session
	cfg.MaxSessions = 1
	ss := NewSessions(e, cfg)
	id, err := ss.Create()
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(r, 64*1024)
	enc := json.NewEncoder(w)
	lineNo := 0
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		line, tooLong, err := readLine(br, maxStreamLine)
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("analyze: stream: %w", err)
		}
		eof := err == io.EOF
		if tooLong || strings.TrimSpace(line) != "" {
			lineNo++
			var res *hangup.TurnResult
			var terr error
			if tooLong {
				terr = hangup.Errorf(hangup.ETOOLARGE, "Line %d is longer than %d bytes.", lineNo, maxStreamLine)
			} else {
				t, perr := parseTurnLine(line)
				if perr != nil {
					terr = perr
				} else {
					res, terr = ss.AddTurn(ctx, id, t)
				}
			}
			if werr := writeTurn(w, enc, opts.JSON, lineNo, res, terr); werr != nil {
				return nil, werr
			}
			var he *hangup.Error
			if terr != nil && errors.As(terr, &he) && he.Code == hangup.ENOTFOUND {
				return nil, terr
			}
		}
		if eof {
			break
		}
	}
	a, err := ss.Get(id)
	if err != nil {
		return nil, err
	}
	if opts.JSON {
		if err := enc.Encode(struct {
			Final *hangup.Analysis `json:"final"`
		}{a}); err != nil {
			return nil, err
		}
		return a, nil
	}
	_, err = fmt.Fprintf(w, "Verdict: %s (score %.2f)%s\n", a.Verdict, a.Score, typeSuffix(a.ScamType))
	return a, err
}

func typeSuffix(t hangup.ScamType) string {
	if t == "" {
		return ""
	}
	return ", type " + strings.ReplaceAll(string(t), "_", " ")
}

func writeTurn(w io.Writer, enc *json.Encoder, asJSON bool, lineNo int, res *hangup.TurnResult, err error) error {
	if asJSON {
		if err != nil {
			return enc.Encode(errorLine(nil, err))
		}
		return enc.Encode(res)
	}
	if err != nil {
		_, werr := fmt.Fprintf(w, "line %d: %s\n", lineNo, hangup.ErrorMessage(err))
		return werr
	}
	if res.Alert != nil {
		_, werr := fmt.Fprintf(w, "WARNING (turn %d, risk %.0f%%): %s They said: “%s”.\n", res.Turn+1, res.Score*100, res.Alert.Message, res.Alert.Evidence)
		return werr
	}
	return nil
}

// parseTurnLine reads one line of a live transcript.
func parseTurnLine(line string) (hangup.Turn, error) {
	s := strings.TrimSpace(line)
	if strings.HasPrefix(s, "{") {
		var t hangup.Turn
		if err := json.Unmarshal([]byte(s), &t); err != nil {
			return t, hangup.Invalid("The line is not a valid JSON turn: " + err.Error())
		}
		return t, nil
	}
	speaker, text := turns.Line(s)
	return hangup.Turn{Speaker: speaker, Text: text}, nil
}

// readLine reads one line of at most max bytes; a longer line is consumed
// and reported as too long.
func readLine(br *bufio.Reader, max int) (string, bool, error) {
	var b []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(b)+len(chunk) > max {
				tooLong = true
				b = nil
			} else {
				b = append(b, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF && (len(b) > 0 || tooLong) {
				return strings.TrimRight(string(b), "\r\n"), tooLong, io.EOF
			}
			return "", tooLong, err
		}
		return strings.TrimRight(string(b), "\r\n"), tooLong, nil
	}
}
