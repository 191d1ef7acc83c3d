package sqlite_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hangup-org/hangup"
	"github.com/hangup-org/hangup/sqlite"
)

func TestChanges(t *testing.T) {
	c := sqlite.NewChanges()
	var a, b []hangup.Change
	stopA := c.Subscribe(func(ch hangup.Change) { a = append(a, ch) })
	c.Subscribe(func(ch hangup.Change) { b = append(b, ch) })
	c.Publish(context.Background(), hangup.TopicRegistry)
	stopA()
	c.Publish(context.Background(), hangup.TopicAPIKeys)
	wantA := []hangup.Change{{Topic: hangup.TopicRegistry, Local: true}}
	wantB := []hangup.Change{{Topic: hangup.TopicRegistry, Local: true}, {Topic: hangup.TopicAPIKeys, Local: true}}
	if !slices.Equal(a, wantA) || !slices.Equal(b, wantB) {
		t.Errorf("a got %v, want %v; b got %v, want %v", a, wantA, b, wantB)
	}
}
