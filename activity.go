package hangup

import (
	"context"
	"time"
)

// ActivityKind is one kind of activity about a number that is not
// evidence: people looking it up, or saying it called them.
type ActivityKind string

// Kinds of activity.
const (
	ActivityLookup ActivityKind = "lookup" // the number's page was opened: one per browser a day
	ActivityCalled ActivityKind = "called" // "This number called me": one per network a day
)

// ActivityDays is the period the activity of a number is counted over.
const ActivityDays = 30

// DayActivity is one day of a number's activity (UTC days).
type DayActivity struct {
	Day     string `json:"day"`     // YYYY-MM-DD
	Lookups int    `json:"lookups"` // distinct browsers that opened the number's page
	Called  int    `json:"called"`  // people (networks) who said it called them
	Reports int    `json:"reports"` // reports naming the number (shown or to call back), not withdrawn
}

// NumberActivity is how much people looked up, met and reported a number
// over the last ActivityDays days: the same figures on every page and in
// the API.
type NumberActivity struct {
	Days    int           `json:"days"`
	Lookups int           `json:"lookups"`
	Called  int           `json:"called"`
	Reports int           `json:"reports"`
	Daily   []DayActivity `json:"daily"` // one entry per day, oldest first, ending today
}

// ActivityStore keeps the activity of numbers. Implementations must pass
// storetest.
type ActivityStore interface {
	// RecordActivity counts visitor (a keyed hash: never a browser id or an
	// address) once per number, kind and UTC day of at. It reports whether
	// this was the visitor's first of the day. Rows older than a year are
	// dropped as new ones arrive.
	RecordActivity(ctx context.Context, number string, kind ActivityKind, visitor string, at time.Time) (bool, error)
	// NumberActivity returns the activity of number on the UTC days from
	// from to to (both included): only days with some activity, oldest
	// first. Reports are the stored reports naming the number as the
	// number shown or the one to call back, by the day they were made.
	NumberActivity(ctx context.Context, number string, from, to time.Time) ([]DayActivity, error)
}
