package hangup

import (
	"context"
	"time"
)

// Public figures are counts over the reports that count, published at
// /stats: never a report, never anything about a reporter. Stores compute
// each figure with one aggregate query; package stats suppresses the small
// counts before anything is shown.

// FigureDimension is what a count of reports is broken down by.
type FigureDimension string

// Dimensions of the public figures besides weeks and countries.
const (
	// FigureOrganisation counts reports by the registry organisation the
	// caller claimed to be (its id); reports without a match are absent.
	FigureOrganisation FigureDimension = "organisation"
	// FigureTool counts reports by the remote-access tool they name (the
	// catalogue's name, as stored in their "tool" links).
	FigureTool FigureDimension = "tool"
	// FigurePayment counts reports by the way the person paid or was asked
	// to pay, as they wrote it, compared in lower case.
	FigurePayment FigureDimension = "payment"
)

// FigureQuery selects the reports a figure counts and how much of it to
// return.
type FigureQuery struct {
	Dimension FigureDimension
	From, To  time.Time // created at: inclusive from, exclusive to
	Min       int       // only values named by at least this many reports; 0 for all
	Limit     int       // at most this many values, most reports first; 0 for all
}

// ValueCount is how many reports name one value of a dimension.
type ValueCount struct {
	Value   string
	Reports int
}

// WeekCountryCount is how many reports were made in one week from one
// country.
type WeekCountryCount struct {
	Week    time.Time // the Monday the week starts on, 00:00 UTC
	Country string    // ISO code, "" if unknown
	Reports int
}

// CurrencyLoss is what reports say was lost in one currency, bucketed by
// amount.
type CurrencyLoss struct {
	Currency string
	Reports  int       // reports with an amount in this currency
	Sum      float64   // of their amounts
	Median   float64   // of their amounts (the mean of the middle two for an even count)
	Buckets  []int     // reports per bucket, len(bounds)+1: see FigureStore.MoneyLost
	Sums     []float64 // the sum of the amounts in each bucket

	midSum   float64 // the middle amounts, while a store adds rows
	midCount int
}

// MaxMoneyBuckets bounds the bucket bounds of one MoneyLost call.
const MaxMoneyBuckets = 12

// FigureStore computes the public figures. Every method counts only the
// reports that count: reports that were deleted (withdrawn by the reporter
// or an analyst) are gone with their figures; Hangup has no status for a
// rejected report yet, so every stored report counts. No method returns
// anything about a single report or its reporter. Implementations must pass
// storetest.
type FigureStore interface {
	// CountReportsByWeekAndCountry returns how many reports were created
	// in [from, to) in each week (Monday to Sunday, UTC) and country, by
	// week then country; weeks and countries without reports are absent.
	CountReportsByWeekAndCountry(ctx context.Context, from, to time.Time) ([]WeekCountryCount, error)
	// CountReportsBy returns how many reports created in [q.From, q.To)
	// name each value of q.Dimension, most reports first, then by value
	// (byte order). A report naming a value twice counts once. Empty values
	// are absent. EINVALID for an unknown dimension or a negative Min or
	// Limit.
	CountReportsBy(ctx context.Context, q FigureQuery) ([]ValueCount, error)
	// MoneyLost returns, per currency (by code; reports with an amount but
	// no currency are left out), what the reports created in [from, to)
	// with an amount above zero say was lost, by currency code. bounds are
	// the buckets' limits, strictly increasing and above zero: bucket 0
	// holds amounts below bounds[0], bucket i amounts from bounds[i-1] up to
	// (not including) bounds[i], the last one amounts from the last bound
	// up. EINVALID for bounds that are not so, or more than MaxMoneyBuckets.
	MoneyLost(ctx context.Context, from, to time.Time, bounds []float64) ([]CurrencyLoss, error)
}

// ValidFigureQuery checks what every store checks in CountReportsBy.
func ValidFigureQuery(q FigureQuery) error {
	switch q.Dimension {
	case FigureOrganisation, FigureTool, FigurePayment:
	default:
		return Invalid("There is no such figure.", FieldError{Field: "dimension", Message: "must be organisation, tool or payment"})
	}
	if q.Min < 0 || q.Limit < 0 {
		return Invalid("A figure's minimum and limit can't be negative.")
	}
	return nil
}

// ValidMoneyBounds checks what every store checks in MoneyLost.
func ValidMoneyBounds(bounds []float64) error {
	if len(bounds) > MaxMoneyBuckets {
		return Invalid("Too many money buckets.", FieldError{Field: "bounds", Message: "at most 12"})
	}
	for i, b := range bounds {
		if !(b > 0) || (i > 0 && !(b > bounds[i-1])) || b > 1e15 {
			return Invalid("Money buckets must rise from above zero.", FieldError{Field: "bounds", Message: "strictly increasing, above zero"})
		}
	}
	return nil
}

// AddLossRow adds one row of a MoneyLost query to out (rows ordered by
// currency): a currency's bucket with its count and sum, and the sum and
// count of the one or two middle amounts of the currency that fall in this
// bucket. Stores share it so that both assemble CurrencyLoss alike.
func AddLossRow(out []CurrencyLoss, bounds int, currency string, bucket, reports int, sum, midSum float64, midCount int) []CurrencyLoss {
	if n := len(out); n == 0 || out[n-1].Currency != currency {
		out = append(out, CurrencyLoss{Currency: currency, Buckets: make([]int, bounds+1), Sums: make([]float64, bounds+1)})
	}
	c := &out[len(out)-1]
	if bucket >= 0 && bucket <= bounds {
		c.Buckets[bucket] += reports
		c.Sums[bucket] += sum
	}
	c.Reports += reports
	c.Sum += sum
	c.midSum += midSum
	c.midCount += midCount
	if c.midCount > 0 {
		c.Median = c.midSum / float64(c.midCount)
	}
	return out
}
