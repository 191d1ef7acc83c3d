package analyze

import (
	"strings"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/analyze/catalogue"
)

// The catalogue says each thing once: a phrase twice in one concept, or a
// second rule with a code already used, is refused at load with a message
// that says where.
func TestCatalogueRefusesRepetition(t *testing.T) {
	concepts := []catalogue.Concept{{Name: "TOOL", Phrases: []string{"AnyDesk=anydesk; any desk", "team viewer"}}}
	rule := catalogue.Rule{Code: "tool_named", Stage: hangup.StageRemote, Weight: 0.5, Pattern: "TOOL", Explain: "x"}
	if _, err := newMatcher(concepts, []catalogue.Rule{rule}); err != nil {
		t.Fatalf("a catalogue that says each thing once: %v", err)
	}

	twice := []catalogue.Concept{{Name: "TOOL", Phrases: []string{"AnyDesk=anydesk; any desk", "team viewer; any desk"}}}
	_, err := newMatcher(twice, []catalogue.Rule{rule})
	if err == nil || !strings.Contains(err.Error(), `"any desk" is written twice`) {
		t.Errorf("a phrase twice in a concept: got %v", err)
	}

	lit := rule
	lit.Pattern = "[open|run|open] ~3 TOOL"
	_, err = newMatcher(concepts, []catalogue.Rule{lit})
	if err == nil || !strings.Contains(err.Error(), `"open" is written twice`) {
		t.Errorf("an alternative twice in a rule's list: got %v", err)
	}

	_, err = newMatcher(concepts, []catalogue.Rule{rule, rule})
	if err == nil || !strings.Contains(err.Error(), "rule tool_named: the code is used by an earlier rule") {
		t.Errorf("a code used by two rules: got %v", err)
	}
}
