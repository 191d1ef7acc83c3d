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

// Problem is one thing to put right on a form, next to its field and in
// the summary at the top, which links to it.
type Problem struct {
	Field   string // the field's id
	Message string // a sentence that says what to do
}

// Problems are a form's problems in the order of its fields.
type Problems []Problem

// For returns the problem with a field, or "".
func (p Problems) For(field string) string {
	for _, x := range p {
		if x.Field == field {
			return x.Message
		}
	}
	return ""
}

// formProblems turns an input error into a form's problems, in the order
// its fields appear (order lists the field names; others come last), with
// each name mapped to its element id by ids (nil: the same). An error
// without fields becomes one problem with the first field.
func formProblems(err error, order []string, ids map[string]string) Problems {
	var out Problems
	id := func(f string) string {
		if v, ok := ids[f]; ok {
			return v
		}
		return f
	}
	fields := hangup.ErrorFields(err)
	for _, name := range order {
		for _, f := range fields {
			if f.Field == name && out.For(id(name)) == "" {
				out = append(out, Problem{id(name), f.Message})
			}
		}
	}
	for _, f := range fields {
		if !slices.Contains(order, f.Field) && out.For(id(f.Field)) == "" {
			out = append(out, Problem{id(f.Field), f.Message})
		}
	}
	if len(out) == 0 {
		field := ""
		if len(order) > 0 {
			field = id(order[0])
		}
		out = Problems{{field, hangup.ErrorMessage(err)}}
	}
	return out
}
