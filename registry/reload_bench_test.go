package registry_test

import (
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/registry"
)

func shippedOrgs(b *testing.B) []*hangup.Organisation {
	orgs, err := registry.Seed(numbers(b))
	if err != nil {
		b.Fatal(err)
	}
	return orgs
}

// BenchmarkValidateShipped and BenchmarkSnapshotShipped are the two steps a
// node takes when another node changes the registry: check the stored
// entries, then build the snapshot it swaps in.
func BenchmarkValidateShipped(b *testing.B) {
	orgs := shippedOrgs(b)
	nums := numbers(b)
	for b.Loop() {
		if err := registry.Validate(orgs, nums); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSnapshotShipped(b *testing.B) {
	orgs := shippedOrgs(b)
	for b.Loop() {
		registry.NewSnapshot(orgs)
	}
}
