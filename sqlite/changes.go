package sqlite

import (
	"context"
	"sync"

	"github.com/hangup-org/hangup"
)

// Changes is the change feed of a SQLite installation. One process owns a
// SQLite database, so a notice only has to reach the subscribers of this
// process: Publish calls them in turn, with Local set.
type Changes struct {
	mu   sync.Mutex
	subs map[int]func(hangup.Change)
	next int
}

var _ hangup.Changes = (*Changes)(nil)

// NewChanges returns an empty feed.
func NewChanges() *Changes { return &Changes{subs: map[int]func(hangup.Change){}} }

// Publish implements hangup.Changes.
func (c *Changes) Publish(ctx context.Context, topic string) error {
	c.mu.Lock()
	subs := make([]func(hangup.Change), 0, len(c.subs))
	for _, fn := range c.subs {
		subs = append(subs, fn)
	}
	c.mu.Unlock()
	for _, fn := range subs {
		fn(hangup.Change{Topic: topic, Local: true})
	}
	return nil
}

// Subscribe implements hangup.Changes.
func (c *Changes) Subscribe(fn func(hangup.Change)) func() {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.next
	c.next++
	c.subs[id] = fn
	return func() {
		c.mu.Lock()
		delete(c.subs, id)
		c.mu.Unlock()
	}
}
