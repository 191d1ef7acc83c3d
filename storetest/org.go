package storetest

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/hangup-org/hangup"
)

func sampleOrg(id string) *hangup.Organisation {
	src := hangup.Source{URL: "https://example.org/" + id, Checked: "2026-11-01"}
	return &hangup.Organisation{
		ID: id, Name: "Org " + id, Aliases: []string{id + " support", "Ünïcødé " + id},
		Country: "GB", Kind: hangup.KindBank, Description: "A test organisation — with “quotes”.",
		Domains:  []hangup.OrgDomain{{Domain: id + ".example", Source: src}},
		Numbers:  []hangup.OrgNumber{{Number: "01793 781800", E164: "+441793781800", Role: hangup.RoleSupport, Label: "Help", Source: src}},
		Policies: []hangup.Policy{{Code: hangup.PolicyNoSafeAccount, Text: "Never.", Source: src}},
		Contacts: []hangup.ContactRoute{{Text: "Use the website.", URL: "https://example.org/contact", Source: src}},
	}
}

func testOrganisations(t *testing.T, open Opener) {
	ctx := context.Background()

	t.Run("empty", func(t *testing.T) {
		s := open(t).Organisations
		got, err := s.ListOrganisations(ctx)
		if err != nil || len(got) != 0 {
			t.Fatalf("ListOrganisations on empty store = %d, %v; want 0, nil", len(got), err)
		}
		if _, err := s.FindOrganisation(ctx, "nobody"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("FindOrganisation(nobody) err = %v, want ENOTFOUND", err)
		}
		if err := s.DeleteOrganisation(ctx, "nobody"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("DeleteOrganisation(nobody) err = %v, want ENOTFOUND", err)
		}
	})

	t.Run("round trip", func(t *testing.T) {
		s := open(t).Organisations
		want := []*hangup.Organisation{sampleOrg("zeta"), sampleOrg("alpha")}
		if err := s.ReplaceOrganisations(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.ListOrganisations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != "alpha" || got[1].ID != "zeta" {
			t.Fatalf("ListOrganisations = %v, want alpha, zeta in order", ids(got))
		}
		if !reflect.DeepEqual(got[0], want[1]) {
			t.Errorf("round trip changed the organisation:\n got %+v\nwant %+v", got[0], want[1])
		}
		one, err := s.FindOrganisation(ctx, "zeta")
		if err != nil || !reflect.DeepEqual(one, want[0]) {
			t.Errorf("FindOrganisation(zeta) = %+v, %v", one, err)
		}
	})

	t.Run("replace keeps others", func(t *testing.T) {
		s := open(t).Organisations
		if err := s.ReplaceOrganisations(ctx, []*hangup.Organisation{sampleOrg("a"), sampleOrg("b")}); err != nil {
			t.Fatal(err)
		}
		changed := sampleOrg("a")
		changed.Name = "Renamed"
		if err := s.ReplaceOrganisations(ctx, []*hangup.Organisation{changed}); err != nil {
			t.Fatal(err)
		}
		got, _ := s.ListOrganisations(ctx)
		if len(got) != 2 || got[0].Name != "Renamed" || got[1].ID != "b" {
			t.Errorf("after replacing a: %v (%q), want a renamed and b kept", ids(got), got[0].Name)
		}
	})

	t.Run("all or nothing", func(t *testing.T) {
		s := open(t).Organisations
		if err := s.ReplaceOrganisations(ctx, []*hangup.Organisation{sampleOrg("keep")}); err != nil {
			t.Fatal(err)
		}
		bad := []*hangup.Organisation{sampleOrg("new1"), {ID: ""}, sampleOrg("new2")}
		if err := s.ReplaceOrganisations(ctx, bad); err == nil {
			t.Fatal("ReplaceOrganisations with an entry without id succeeded")
		}
		got, _ := s.ListOrganisations(ctx)
		if len(got) != 1 || got[0].ID != "keep" {
			t.Errorf("after a failed import the store holds %v, want only keep", ids(got))
		}
	})

	t.Run("delete", func(t *testing.T) {
		s := open(t).Organisations
		if err := s.ReplaceOrganisations(ctx, []*hangup.Organisation{sampleOrg("a"), sampleOrg("b")}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteOrganisation(ctx, "a"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindOrganisation(ctx, "a"); hangup.ErrorCode(err) != hangup.ENOTFOUND {
			t.Errorf("FindOrganisation after delete: err = %v, want ENOTFOUND", err)
		}
		if got, _ := s.ListOrganisations(ctx); len(got) != 1 {
			t.Errorf("after delete: %v, want [b]", ids(got))
		}
	})

	t.Run("concurrent writers and readers", func(t *testing.T) {
		s := open(t).Organisations
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := range 20 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				errs <- s.ReplaceOrganisations(ctx, []*hangup.Organisation{sampleOrg(fmt.Sprintf("org-%02d", i))})
			}()
			go func() {
				defer wg.Done()
				_, err := s.ListOrganisations(ctx)
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		if got, _ := s.ListOrganisations(ctx); len(got) != 20 {
			t.Errorf("after 20 concurrent imports: %d organisations, want 20", len(got))
		}
	})
}

func ids(orgs []*hangup.Organisation) []string {
	out := make([]string, len(orgs))
	for i, o := range orgs {
		out[i] = o.ID
	}
	return out
}
