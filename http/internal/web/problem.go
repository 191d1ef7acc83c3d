package web

import (
	"slices"
	"strings"

	"github.com/hangup-org/hangup"
)

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

// FormProblems turns an input error into a form's problems, in the order
// its fields appear (order lists the field names; others come last), with
// each name mapped to its element id by ids (nil: the same). An error
// without fields becomes one problem with the first field.
func FormProblems(err error, order []string, ids map[string]string) Problems {
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

// ProblemText is an input error in one sentence or a few: the per-field
// messages when there are any, else the summary.
func ProblemText(err error) string {
	var parts []string
	for _, f := range hangup.ErrorFields(err) {
		parts = append(parts, f.Message)
	}
	if len(parts) == 0 {
		return hangup.ErrorMessage(err)
	}
	return strings.Join(parts, " ")
}
