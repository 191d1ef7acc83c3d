package http

import (
	"slices"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/check"
)

// Answer is the top of every result page (a call check, a website, what
// was said): the verdict as the page's heading, one sentence, the way to
// reach the real organisation, at most three reasons and the first things
// to do. Everything else waits under "More detail". The pages share one
// template for it ("answer" in _parts.html).
type Answer struct {
	Verdict   string // the verdict's code: the page's colour and data-verdict
	Heading   string
	Sentence  string
	CallBack  *hangup.CallBack
	Points    []check.Point // at most check.MaxPoints
	More      []check.Point // the other reasons, under "More detail"
	Steps     []string      // what to do first
	MoreSteps []string      // the other steps, under "More detail"
}

// firstSteps is how many steps show before "More detail": what to do this
// minute. With the verdict, the way to call back and three reasons, the
// common answers then fit two phone screens.
const firstSteps = 2

// answerOf arranges a check result for its page.
func answerOf(res *hangup.CheckResult) Answer {
	x := check.Explain(res)
	a := Answer{Verdict: string(res.Verdict), Heading: x.Heading, Sentence: x.Sentence, CallBack: res.CallBack,
		Points: x.Points, More: x.More}
	a.setSteps(x.Steps)
	return a
}

func (a *Answer) setSteps(steps []string) {
	n := min(firstSteps, len(steps))
	a.Steps, a.MoreSteps = slices.Clip(steps[:n]), steps[n:]
}

// HasMore reports whether there is anything under "More detail" from the
// answer itself.
func (a Answer) HasMore() bool { return len(a.More) > 0 || len(a.MoreSteps) > 0 }
