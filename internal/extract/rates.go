package extract

import "math"

// ratesIDR gives approximate Indonesian rupiah per one unit of each
// currency. They are fixed, rounded mid-2025 market rates, meant only to put
// an advertised salary on one scale (is "USD 1,500" a lot for a data-entry
// job?); they are not for accounting.
//
//	code  IDR per unit   code  IDR per unit
//	IDR        1         EUR     18,500
//	USD   16,300         VND          0.63
//	MYR    3,700         JPY        108
//	TWD      520         KRW         11.5
//	THB      480         ZAR        900
//	SGD   12,300         AUD     10,600
//	HKD    2,100         AED      4,440
//	GBP   21,000         SAR      4,350
//	CNY    2,250         PHP        285
//	INR      190
var ratesIDR = map[string]float64{
	"IDR": 1, "USD": 16300, "MYR": 3700, "TWD": 520, "THB": 480, "SGD": 12300,
	"HKD": 2100, "GBP": 21000, "EUR": 18500, "VND": 0.63, "JPY": 108,
	"KRW": 11.5, "ZAR": 900, "AUD": 10600, "AED": 4440, "SAR": 4350,
	"CNY": 2250, "PHP": 285, "INR": 190,
}

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
// rounded to the rupiah. Unknown currencies give 0.
func monthlyIDR(max float64, cur, period string) float64 {
	return math.Round(max * ratesIDR[cur] * perMonth[period])
}
