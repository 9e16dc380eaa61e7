package extract

import (
	"slices"
	"strings"
	"testing"
)

type wantSalary struct {
	raw      string
	cur      string
	min, max float64
	period   string
	monthly  float64
}

func checkSalaries(t *testing.T, text string, got []Salary, want []wantSalary) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("testX.Extract(%q): got %d salaries %+v, want %d", text, len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Raw != w.raw || g.Currency != w.cur || g.Min != w.min || g.Max != w.max || g.Period != w.period || g.MonthlyIDR != w.monthly {
			t.Errorf("salary %d = {%q %s %v-%v %q %v}, want {%q %s %v-%v %q %v}", i,
				g.Raw, g.Currency, g.Min, g.Max, g.Period, g.MonthlyIDR, w.raw, w.cur, w.min, w.max, w.period, w.monthly)
		}
		if strings.TrimSpace(text[g.Start:g.End]) != g.Raw {
			t.Errorf("span %d:%d = %q, want raw %q", g.Start, g.End, text[g.Start:g.End], g.Raw)
		}
	}
}

func TestSalaries(t *testing.T) {
	tests := []struct {
		text string
		want []wantSalary
	}{
		// Indonesian conventions.
		{"Gaji 15jt", []wantSalary{{"15jt", "IDR", 15e6, 15e6, "", 15e6}}},
		{"gaji 15 juta/bulan", []wantSalary{{"15 juta/bulan", "IDR", 15e6, 15e6, "month", 15e6}}},
		{"Rp 20 – 35 juta/bulan", []wantSalary{{"Rp 20 – 35 juta/bulan", "IDR", 20e6, 35e6, "month", 35e6}}},
		{"Gaji 4 - 12 Jutaan / Bulan", []wantSalary{{"4 - 12 Jutaan / Bulan", "IDR", 4e6, 12e6, "month", 12e6}}},
		{"Rp 4.500.000", []wantSalary{{"Rp 4.500.000", "IDR", 4.5e6, 4.5e6, "", 4.5e6}}},
		{"Rp4.5jt", []wantSalary{{"Rp4.5jt", "IDR", 4.5e6, 4.5e6, "", 4.5e6}}},
		{"Gaji 4,5 juta sebulan", []wantSalary{{"4,5 juta sebulan", "IDR", 4.5e6, 4.5e6, "month", 4.5e6}}},
		{"Gaji Rp. 3.500.000,-", []wantSalary{{"Rp. 3.500.000,-", "IDR", 3.5e6, 3.5e6, "", 3.5e6}}},
		{"Rp 5.000.000,- s/d Rp 7.000.000,-", []wantSalary{{"Rp 5.000.000,- s/d Rp 7.000.000,-", "IDR", 5e6, 7e6, "", 7e6}}},
		{"100rb/hari", []wantSalary{{"100rb/hari", "IDR", 1e5, 1e5, "day", 2.6e6}}},
		{"uang makan 50 ribu per hari", []wantSalary{{"50 ribu per hari", "IDR", 5e4, 5e4, "day", 1.3e6}}},
		{"bonus 50rb/hr", []wantSalary{{"50rb/hr", "IDR", 5e4, 5e4, "day", 1.3e6}}},
		{"50k per task", []wantSalary{{"50k per task", "IDR", 5e4, 5e4, "task", 0}}},
		{"13jt + bonus", []wantSalary{{"13jt", "IDR", 13e6, 13e6, "", 13e6}}},
		{"gaji di atas UMR 7jt-15jt", []wantSalary{{"7jt-15jt", "IDR", 7e6, 15e6, "", 15e6}}},
		{"15-18jt", []wantSalary{{"15-18jt", "IDR", 15e6, 18e6, "", 18e6}}},
		{"15 juta rupiah", []wantSalary{{"15 juta rupiah", "IDR", 15e6, 15e6, "", 15e6}}},
		{"Gaji 𝟭𝟱jt", []wantSalary{{"𝟭𝟱jt", "IDR", 15e6, 15e6, "", 15e6}}},
		{"Gaji 15jt bersih/bulan", []wantSalary{{"15jt bersih/bulan", "IDR", 15e6, 15e6, "month", 15e6}}},
		{"GAJI 12JT-18JT/BLN", []wantSalary{{"12JT-18JT/BLN", "IDR", 12e6, 18e6, "month", 18e6}}},
		{"Gaji : Rp. 7.500.000 – Rp. 10.000.000/bulan", []wantSalary{{"Rp. 7.500.000 – Rp. 10.000.000/bulan", "IDR", 7.5e6, 10e6, "month", 10e6}}},
		{"Penghasilan 300-500rb per hari", []wantSalary{{"300-500rb per hari", "IDR", 3e5, 5e5, "day", 13e6}}},
		{"upah Rp 150rb/hari, lembur 20rb/jam", []wantSalary{
			{"Rp 150rb/hari", "IDR", 15e4, 15e4, "day", 3.9e6}, {"20rb/jam", "IDR", 2e4, 2e4, "hour", 4.16e6}}},
		{"Take home pay ±Rp 12jt", []wantSalary{{"Rp 12jt", "IDR", 12e6, 12e6, "", 12e6}}},
		{"Gaji 60jt per tahun", []wantSalary{{"60jt per tahun", "IDR", 60e6, 60e6, "year", 5e6}}},
		// Plain numbers need a salary keyword and a rupiah magnitude.
		{"gaji 4500000", []wantSalary{{"4500000", "IDR", 4.5e6, 4.5e6, "", 4.5e6}}},
		{"Gaji per bulan 8.000.000", []wantSalary{{"8.000.000", "IDR", 8e6, 8e6, "month", 8e6}}},
		{"Gaji: 8.000.000 - 10.000.000", []wantSalary{{"8.000.000 - 10.000.000", "IDR", 8e6, 10e6, "", 10e6}}},
		{"Gaji pokok mulai 5.000.000", []wantSalary{{"5.000.000", "IDR", 5e6, 5e6, "", 5e6}}},
		// English conventions and foreign currencies.
		{"IDR 8,000,000 per month", []wantSalary{{"IDR 8,000,000 per month", "IDR", 8e6, 8e6, "month", 8e6}}},
		{"USD 1,200 – 1,600", []wantSalary{{"USD 1,200 – 1,600", "USD", 1200, 1600, "", 26080000}}},
		{"$800 – $1.500 /bln", []wantSalary{{"$800 – $1.500 /bln", "USD", 800, 1500, "month", 24450000}}},
		{"$1,500+ USD monthly", []wantSalary{{"$1,500+ USD monthly", "USD", 1500, 1500, "month", 24450000}}},
		{"USD 2,500–3,500 monthly", []wantSalary{{"USD 2,500–3,500 monthly", "USD", 2500, 3500, "month", 57050000}}},
		{"Monthly salary: USD 1,500.", []wantSalary{{"USD 1,500", "USD", 1500, 1500, "month", 24450000}}},
		{"Salary $2k-3k/month", []wantSalary{{"$2k-3k/month", "USD", 2000, 3000, "month", 48900000}}},
		{"$15/hr", []wantSalary{{"$15/hr", "USD", 15, 15, "hour", 50856000}}},
		{"earn $500 a day", []wantSalary{{"$500 a day", "USD", 500, 500, "day", 211900000}}},
		{"salary 25k-30k THB/month + commission 5%", []wantSalary{{"25k-30k THB/month", "THB", 25000, 30000, "month", 14400000}}},
		{"1000 dollars a month", []wantSalary{{"1000 dollars a month", "USD", 1000, 1000, "month", 16300000}}},
		{"2 million rupiah", []wantSalary{{"2 million rupiah", "IDR", 2e6, 2e6, "", 2e6}}},
		{"US$ 900", []wantSalary{{"US$ 900", "USD", 900, 900, "", 14670000}}},
		{"1500$ sebulan", []wantSalary{{"1500$ sebulan", "USD", 1500, 1500, "month", 24450000}}},
		{"THB 25.000–35.000", []wantSalary{{"THB 25.000–35.000", "THB", 25000, 35000, "", 16800000}}},
		{"25,000 baht", []wantSalary{{"25,000 baht", "THB", 25000, 25000, "", 12000000}}},
		{"RM 3,500", []wantSalary{{"RM 3,500", "MYR", 3500, 3500, "", 12950000}}},
		{"Gaji RM3.5k", []wantSalary{{"RM3.5k", "MYR", 3500, 3500, "", 12950000}}},
		{"NT$ 27,470", []wantSalary{{"NT$ 27,470", "TWD", 27470, 27470, "", 14284400}}},
		{"VND20 million per month", []wantSalary{{"VND20 million per month", "VND", 20e6, 20e6, "month", 12600000}}},
		{"R2,500 per week", []wantSalary{{"R2,500 per week", "ZAR", 2500, 2500, "week", 9742500}}},
		{"R25,000 – R40,000 per month", []wantSalary{{"R25,000 – R40,000 per month", "ZAR", 25000, 40000, "month", 36000000}}},
		{"£600 per week", []wantSalary{{"£600 per week", "GBP", 600, 600, "week", 54558000}}},
		{"£150 per listing", []wantSalary{{"£150 per listing", "GBP", 150, 150, "task", 0}}},
		{"£2,500GBP – £3,500GBP", []wantSalary{{"£2,500GBP – £3,500GBP", "GBP", 2500, 3500, "", 73500000}}},
		{"(1, 200-8, 000 pounds per month)", []wantSalary{{"1, 200-8, 000 pounds per month", "GBP", 1200, 8000, "month", 168000000}}},
		{"€2.000 netto", []wantSalary{{"€2.000", "EUR", 2000, 2000, "", 37000000}}},
		{"¥150,000 per month", []wantSalary{{"¥150,000 per month", "JPY", 150000, 150000, "month", 16200000}}},
		{"5000元", []wantSalary{{"5000元", "CNY", 5000, 5000, "", 11250000}}},
		{"SGD 2,000 / month", []wantSalary{{"SGD 2,000 / month", "SGD", 2000, 2000, "month", 24600000}}},
		{"USD 24,000 per year", []wantSalary{{"USD 24,000 per year", "USD", 24000, 24000, "year", 32600000}}},
		{"AED 3,000 per month", []wantSalary{{"AED 3,000 per month", "AED", 3000, 3000, "month", 13320000}}},
		{"₱25,000 monthly", []wantSalary{{"₱25,000 monthly", "PHP", 25000, 25000, "month", 7125000}}},
		{"＄１，２００", []wantSalary{{"＄１，２００", "USD", 1200, 1200, "", 19560000}}},
		// Several in one text, with a currency code before the next amount.
		{"Gaji Rp 15.000.000 atau USD 1,000", []wantSalary{
			{"Rp 15.000.000", "IDR", 15e6, 15e6, "", 15e6}, {"USD 1,000", "USD", 1000, 1000, "", 16300000}}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			checkSalaries(t, tc.text, testX.Extract(tc.text).Salaries, tc.want)
		})
	}
}

func TestNotSalaries(t *testing.T) {
	tests := []string{
		"usia 18-35",
		"usia 20–35 tahun",
		"dibutuhkan 300 perawat",
		"9.000 lowongan untuk 3.000 pekerja",
		"3 juta pekerja migran",
		"10 ribu lowongan",
		"10k followers",
		"20 million people",
		"potongan 50%",
		"tahun 2025",
		"berangkat 12/05/2024",
		"No. 3/120/PK.02.01/III/2023",
		"PK02 A320 covid19",
		"Room R2",
		"salary 1500",
		"Gaji 15",
		"kontrak 2 tahun, kuota 20 orang, tinggi 160 cm",
		"WA 0812 3456 7890",
		"t.me/loker15jt",
		"1.5.2024",
		"Kerja 12 jam/hari, libur 4 hari per bulan, umur 18-40th, tinggi min 155cm",
		"Rp 0",
	}
	for _, text := range tests {
		t.Run(text, func(t *testing.T) {
			if got := testX.Extract(text).Salaries; len(got) != 0 {
				t.Errorf("testX.Extract(%q) found salaries %+v", text, got)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
		end  int
	}{
		{"15", 15, true, 2},
		{"4.5", 4.5, true, 3},
		{"4,5", 4.5, true, 3},
		{"1.500", 1500, true, 5},
		{"1,500", 1500, true, 5},
		{"15.000.000", 15e6, true, 10},
		{"8,000,000", 8e6, true, 9},
		{"1,500.50", 1500.5, true, 8},
		{"1.500,50", 1500.5, true, 8},
		{"1, 200", 1200, true, 6},
		{"1500.000", 1500, true, 8},
		{"12.05.2024", 0, false, 5},
		{"1234567890123456", 0, false, 16},
		{"15.", 15, true, 2},
		{"15,-", 15, true, 2},
	}
	for _, tc := range tests {
		n, ok := parseNumber(tc.in, 0)
		if ok != tc.ok || n.end != tc.end || (ok && float64(n.mant)/n.scale != tc.want) {
			t.Errorf("parseNumber(%q) = %v/%v end %d ok %v, want %v end %d ok %v",
				tc.in, n.mant, n.scale, n.end, ok, tc.want, tc.end, tc.ok)
		}
	}
}

func TestMonthlyIDR(t *testing.T) {
	tests := []struct {
		max    float64
		cur    string
		period string
		want   float64
	}{
		{1000, "USD", "", 16300000},
		{1000, "USD", "month", 16300000},
		{100, "USD", "week", 7057900},
		{10, "USD", "day", 4238000},
		{10, "USD", "hour", 33904000},
		{120000, "IDR", "year", 10000},
		{10, "GBP", "task", 0},
		{10, "XXX", "month", 0},
	}
	for _, tc := range tests {
		if got := testX.monthlyIDR(tc.max, tc.cur, tc.period); got != tc.want {
			t.Errorf("testX.monthlyIDR(%v %s/%s) = %v, want %v", tc.max, tc.cur, tc.period, got, tc.want)
		}
	}
}

// TestCurrenciesListsEveryCode: the rule file's rates are validated
// against Currencies, so it must name every code a salary can have.
func TestCurrenciesListsEveryCode(t *testing.T) {
	all := Currencies()
	check := func(code string) {
		if !slices.Contains(all, code) {
			t.Errorf("currency %s is not in Currencies()", code)
		}
	}
	for _, c := range curPrefixWords {
		check(c)
	}
	for _, c := range curSuffixWords {
		check(c)
	}
	for _, c := range dollarPrefixes {
		check(c)
	}
	for _, r := range "£€฿₫₱₹¥₩元円" {
		check(curSymbol(r))
	}
}
