package hangup

import "testing"

func TestIsE164(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want bool
	}{
		{"UK", "+441632960123", true},
		{"shortest", "+12", true},
		{"longest", "+123456789012345", true},
		{"too long", "+1234567890123456", false},
		{"national", "01632960123", false},
		{"leading zero", "+0441632960123", false},
		{"spaces", "+44 1632 960123", false},
		{"plus only", "+", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsE164(tc.in); got != tc.want {
				t.Errorf("IsE164(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestAPIKeyValidate(t *testing.T) {
	good := func() APIKey {
		return APIKey{Name: "pbx-london_1.a", Hash: make([]byte, 32), Policy: DefaultScreenPolicy(), Allow: []string{"+441632960123"}}
	}
	for _, tc := range []struct {
		name  string
		edit  func(*APIKey)
		field string // "" when valid
	}{
		{"valid", func(*APIKey) {}, ""},
		{"no name", func(k *APIKey) { k.Name = "" }, "name"},
		{"name with a space", func(k *APIKey) { k.Name = "pbx london" }, "name"},
		{"short hash", func(k *APIKey) { k.Hash = []byte("x") }, "hash"},
		{"negative rate", func(k *APIKey) { k.RateLimit = -1 }, "rate_limit"},
		{"thresholds out of order", func(k *APIKey) { k.Policy.WarnAt = 90 }, "policy"},
		{"national number in deny list", func(k *APIKey) { k.Deny = []string{"0906 123 4567"} }, "deny"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := good()
			tc.edit(&k)
			err := k.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID {
				t.Fatalf("Validate = %v, want EINVALID", err)
			}
			found := false
			for _, f := range ErrorFields(err) {
				found = found || f.Field == tc.field
			}
			if !found {
				t.Errorf("fields %v lack %q", ErrorFields(err), tc.field)
			}
		})
	}
}

func TestScreenActionRank(t *testing.T) {
	for i := 1; i < len(ScreenActions); i++ {
		if ScreenActions[i].Rank() <= ScreenActions[i-1].Rank() {
			t.Errorf("%s does not rank above %s", ScreenActions[i], ScreenActions[i-1])
		}
	}
	if ScreenAction("maybe").Rank() != 0 {
		t.Error("an unknown action ranks above allow")
	}
}
