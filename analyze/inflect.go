package analyze

// A concept is said in many forms: "he wanted me to install it", "she had
// installed it", "they asked her to send them the codes". The catalogue
// writes each phrase once; the lexicon matches it in the other forms of its
// words (inflections, British and American spelling) and in reported speech
// (a victim's note: "he asked her for her card" is "asked you for your
// card" told about someone else).

// inflectionStopWords are words whose apparent suffix is no inflection, or
// whose stripped form is another word ("need" is not "ne"+"ed", "news" is
// not the plural of "new", "thing" is not "the"+"ing").
var inflectionStopWords = map[string]bool{
	"need": true, "feed": true, "seed": true, "speed": true, "bleed": true, "breed": true, "indeed": true,
	"hundred": true, "shed": true, "bred": true, "fled": true, "sped": true, "weed": true, "deed": true,
	"news": true, "always": true, "perhaps": true, "whereas": true, "lens": true, "series": true, "species": true,
	"thing": true, "bring": true, "string": true, "spring": true, "ring": true, "king": true, "sing": true,
	"wing": true, "swing": true, "sting": true, "sling": true, "nothing": true, "something": true,
	"anything": true, "everything": true, "morning": true, "evening": true, "during": true, "ceiling": true,
	"darling": true, "sterling": true, "wedding": true, "pudding": true, "sibling": true, "boring": true,
	"interesting": true, "building": true, "meeting": true, "being": true, "lying": true, "dying": true,
	"bus": true, "gas": true, "yes": true, "has": true, "was": true, "does": true, "goes": true, "its": true,
	"this": true, "his": true, "hers": true, "ours": true, "yours": true, "theirs": true, "us": true,
	"red": true, "bed": true, "led": true, "fed": true, "wed": true, "ted": true,
	// forms that mean something else than their base in the catalogue:
	// "Windows" is the brand, not a window; "coming" is not "com"; "used",
	// "linked" and "flagged" are kept apart from the verbs a genuine caller
	// says ("we use your number to…", "a link to…"); "the card numbers" are
	// a gift card's, "ignoring this call" is a threat, "you can ignore" is not.
	"windows": true, "coming": true, "numbers": true, "ignoring": true,
	// tense and person carry the meaning in reported requests: "he needed
	// me to" is a demand, "I need to make a transfer" the person's own
	// wish; "it says here" is no coached lie; "thanks for contacting us" is
	// no "contact Microsoft"; a bill to pay is not a billing department;
	// "they unblocked it" is done, not a threat to "unblock it" for a fee
	"needed": true, "wanted": true, "says": true, "contacting": true, "sues": true,
	"bills": true, "billing": true, "visits": true, "sharing": true, "payments": true, "scratching": true, "writing": true,
	"repairs": true, "reinstated": true, "unblocked": true, "talking": true, "reimbursed": true,
	"transferred": true, "transferring": true, "sending": true, "confirmed": true, "asking": true, "united": true, "used": true, "linked": true, "flagged": true,
}

// inflectionBases calls try with the candidate base forms of w, most
// likely first, until try returns true. buf is scratch space.
func inflectionBases(w string, buf []byte, try func(string) bool) {
	bases(w, buf, try, true)
}

// bases is inflectionBases; respell says whether to try the other
// spelling too (once: "centre" → "center", never back).
func bases(w string, buf []byte, try func(string) bool, respell bool) {
	n := len(w)
	if n < 4 || inflectionStopWords[w] {
		return
	}
	with := func(stem, suffix string) bool {
		b := append(append(buf[:0], stem...), suffix...)
		return try(string(b))
	}
	doubled := func(stem string) bool {
		k := len(stem)
		return k >= 3 && stem[k-1] == stem[k-2] && !isVowel(stem[k-1]) && stem[k-1] != 's' && stem[k-1] != 'l'
	}
	switch {
	case hasSuffix(w, "ies") || hasSuffix(w, "ied"):
		if n >= 5 && with(w[:n-3], "y") {
			return
		}
	case hasSuffix(w, "ing"):
		stem := w[:n-3]
		if len(stem) < 3 {
			return
		}
		if try(stem) || with(stem, "e") {
			return
		}
		if doubled(stem) && try(stem[:len(stem)-1]) {
			return
		}
	case hasSuffix(w, "ed"):
		stem := w[:n-2]
		if try(w[:n-1]) || len(stem) >= 3 && try(stem) {
			return
		}
		if doubled(stem) && try(stem[:len(stem)-1]) {
			return
		}
		if hasSuffix(stem, "ll") && try(stem[:len(stem)-1]) { // cancelled → cancel
			return
		}
	case hasSuffix(w, "es"):
		// "codes" → "code"; "boxes", "taxes", "passes", "watches" → their
		// stem; never "notes" → "not"
		if try(w[:n-1]) {
			return
		}
		stem := w[:n-2]
		if len(stem) >= 3 && (stem[len(stem)-1] == 's' || stem[len(stem)-1] == 'x' || stem[len(stem)-1] == 'z' || stem[len(stem)-1] == 'o' || hasSuffix(stem, "ch") || hasSuffix(stem, "sh")) && try(stem) {
			return
		}
	case w[n-1] == 's' && !hasSuffix(w, "ss") && !hasSuffix(w, "us") && !hasSuffix(w, "is"):
		if try(w[:n-1]) {
			return
		}
	}
	// British and American spelling: authorise/authorize, licence/license,
	// centre/center (cancelled/canceled above), then the other spelling's
	// inflections ("authorised" → "authorized" → "authorize").
	other := ""
	switch {
	case !respell:
	case hasSuffix(w, "ise") || hasSuffix(w, "ised") || hasSuffix(w, "ising") || hasSuffix(w, "isation") || hasSuffix(w, "ises"):
		i := lastIndex(w, "is")
		other = w[:i] + "iz" + w[i+2:]
	case hasSuffix(w, "ize") || hasSuffix(w, "ized") || hasSuffix(w, "izing") || hasSuffix(w, "ization") || hasSuffix(w, "izes"):
		i := lastIndex(w, "iz")
		other = w[:i] + "is" + w[i+2:]
	case hasSuffix(w, "ence") && n >= 6:
		other = w[:n-2] + "se"
	case hasSuffix(w, "tre") && n >= 5:
		other = w[:n-3] + "ter"
	case hasSuffix(w, "ter") && n >= 5:
		other = w[:n-3] + "tre"
	}
	if other != "" && !try(other) {
		bases(other, buf, func(c string) bool { return c != w && try(c) }, false)
	}
}

func hasSuffix(w, s string) bool { return len(w) >= len(s) && w[len(w)-len(s):] == s }

func isVowel(b byte) bool { return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u' }

func lastIndex(w, s string) int {
	for i := len(w) - len(s); i >= 0; i-- {
		if w[i:i+len(s)] == s {
			return i
		}
	}
	return -1
}

// lemmas maps every word of the catalogue to the form whose vocabulary id
// it shares: itself, or another catalogue word it inflects ("sending" →
// "send" when both occur). Chains resolve to their end ("cancellations"
// → "cancellation" → "cancel" if each is present).
func lemmas(words map[string]bool) map[string]string {
	base := make(map[string]string, len(words))
	var buf []byte
	for w := range words {
		b := ""
		inflectionBases(w, buf, func(c string) bool {
			if c != w && words[c] {
				b = c
				return true
			}
			return false
		})
		if b == "" {
			b = w
		}
		base[w] = b
	}
	for w := range base {
		seen := 0
		for b := base[w]; base[b] != b && seen < 8; seen++ {
			b = base[b]
			base[w] = b
		}
	}
	return base
}

// inflected returns the vocabulary id of a word not in the vocabulary
// through one of its base forms, or -1.
func (lx *lexicon) inflected(w string) int32 {
	if len(w) < 4 {
		return -1
	}
	var arr [32]byte
	id := int32(-1)
	inflectionBases(w, arr[:0], func(c string) bool {
		if v, ok := lx.vocab[c]; ok {
			id = v
			return true
		}
		return false
	})
	return id
}

// reportedSpeech lists the concepts of asking and telling, which notes
// report in the third person ("asked her to", "told him to read").
var reportedSpeech = map[string]bool{"ASKYOU": true, "PAYASK": true, "MUSTPAY": true, "ASKFOR": true, "READ": true}

// firstPersonReported lists the concepts of the caller's own plight ("I
// will lose my job"), which notes report in the third person ("he would
// lose his job").
var firstPersonReported = map[string]bool{"OVERREFUND": true}

// otherPersons adds to seqs their forms told about someone else: "your"
// becomes "his", "her" and "their"; in the concepts of asking (objects
// true), "me" also becomes "him", "her" and "them" ("asked me to" →
// "asked her to"); in the concepts of the caller's own plight (first true),
// "i" and "my" become "he", "she", "they" and "his", "her", "their".
func otherPersons(seqs [][]string, objects, first bool) [][]string {
	out := seqs
	for _, seq := range seqs {
		for _, sub := range [...][2]string{{"your", "his"}, {"your", "her"}, {"your", "their"}, {"me", "him"}, {"me", "her"}, {"me", "them"},
			{"my", "his"}, {"my", "her"}, {"my", "their"}, {"i", "he"}, {"i", "she"}, {"i", "they"}} {
			if sub[0] == "me" && !objects || (sub[0] == "my" || sub[0] == "i") && !first {
				continue
			}
			var n []string
			for i, w := range seq {
				if w == sub[0] {
					if n == nil {
						n = append([]string(nil), seq...)
					}
					n[i] = sub[1]
				}
			}
			if n != nil {
				out = append(out, n)
			}
		}
	}
	return out
}
