package extract

import "math"

// Salary periods, as reported in Salary.Period.
const (
	periodMonth = "month"
	periodWeek  = "week"
	periodDay   = "day"
	periodHour  = "hour"
	periodYear  = "year"
	periodTask  = "task"
)

// perMonth converts an amount per period into an amount per month. An
// unstated period counts as a month; pay per task has no monthly figure.
var perMonth = map[string]float64{
	"":          1,
	periodMonth: 1,
	periodWeek:  4.33,
	periodDay:   26,  // working days in a month
	periodHour:  208, // 26 days × 8 hours
	periodYear:  1.0 / 12,
	periodTask:  0,
}

// monthlyIDR converts max units of cur per period to rupiah per month,
// rounded to the rupiah. Currencies without a rate give 0.
func (x *Extractor) monthlyIDR(max float64, cur, period string) float64 {
	return math.Round(max * x.rateIDR(cur) * perMonth[period])
}
