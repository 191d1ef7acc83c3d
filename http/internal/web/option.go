package web

// Option is one checkbox or radio of a form: a value of the domain's
// vocabulary and its words.
type Option struct {
	Value string
	Label string
}

// Options lists values of the domain's vocabulary with their labels, in
// order, for a form's checkboxes or radios.
func Options[V interface {
	~string
	Label() string
}](vs []V) []Option {
	out := make([]Option, len(vs))
	for i, v := range vs {
		out[i] = Option{string(v), v.Label()}
	}
	return out
}
