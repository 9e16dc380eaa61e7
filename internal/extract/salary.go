package extract

// A salary expression is
//
//	amount [range-separator amount] ['+'] [currency] [period]
//	amount = [currency] number [",-"] [multiplier] [currency]
//
// found around every number of the folded text that is not part of a phone
// number, link or e-mail address. It is accepted only with a currency
// marker, an Indonesian multiplier (jt, juta, rb, ribu), "k" plus a period
// or salary keyword, or – for a plain number – a salary keyword right
// before it and a magnitude that only makes sense as rupiah.

// number is a parsed numeral: its value is mant / scale.
type number struct {
	mant  int64
	scale float64
	end   int
}

// maxDigits bounds the digits of a money amount (and keeps int64 exact).
const maxDigits = 15

// parseNumber reads the numeral at d. A '.' or ',' followed by exactly
// three digits is a thousands separator (also ", 200" with a stray space,
// as in "1, 200"); otherwise it is a decimal point. A second separator after
// a decimal part ("12.05.2024") makes the numeral a date or version, not an
// amount. end is always past the digits read, so callers can skip them.
func parseNumber(s string, d int) (number, bool) {
	j, nd := d, 0
	var mant int64
	for j < len(s) && isDigit(s[j]) {
		if nd < maxDigits {
			mant = mant*10 + int64(s[j]-'0')
		}
		nd++
		j++
	}
	if nd > maxDigits {
		return number{end: j}, false
	}
	first, scale := nd, 1.0
	for j < len(s) && (s[j] == '.' || s[j] == ',') {
		k, spaced := j+1, false
		if s[j] == ',' && k < len(s) && s[k] == ' ' {
			k++
			spaced = true
		}
		n := 0
		for k+n < len(s) && isDigit(s[k+n]) {
			n++
		}
		if n == 3 && first <= 3 {
			if nd += 3; nd > maxDigits {
				return number{end: k + n}, false
			}
			mant = mant*1000 + int64(s[k]-'0')*100 + int64(s[k+1]-'0')*10 + int64(s[k+2]-'0')
			j = k + 3
			continue
		}
		if spaced || n == 0 {
			break
		}
		if nd += n; nd > maxDigits {
			return number{end: k + n}, false
		}
		for _, c := range []byte(s[k : k+n]) {
			mant = mant*10 + int64(c-'0')
			scale *= 10
		}
		j = k + n
		if j+1 < len(s) && (s[j] == '.' || s[j] == ',') && isDigit(s[j+1]) {
			return number{end: j}, false
		}
		break
	}
	return number{mant: mant, scale: scale, end: j}, true
}

// curPick keeps the most specific currency seen: any code beats a bare '$'.
type curPick struct {
	cur  string
	weak bool // cur comes from a bare '$'
}

func (p *curPick) add(code string, weak bool) {
	if p.cur == "" || (p.weak && !weak) {
		p.cur, p.weak = code, weak
	}
}

// amount is one end of a salary expression.
type amount struct {
	curPick
	start, end int // span including currency markers and multiplier
	num        number
	mult       multiplier
	hasMult    bool
}

func (a *amount) value() float64 {
	f := 1.0
	if a.hasMult {
		f = a.mult.factor
	}
	return float64(a.num.mant) * f / a.num.scale
}

// parseAmount reads an amount whose digits start at d; lb bounds how far
// back a currency prefix may be looked for. skip is where the caller may
// resume when ok is false.
func parseAmount(s string, d, lb int) (a amount, skip int, ok bool) {
	n, ok := parseNumber(s, d)
	if !ok {
		return a, n.end, false
	}
	if d > lb && s[d-1] == '/' { // "3/120/PK.02.01": decree and date parts
		return a, n.end, false
	}
	a = amount{start: d, num: n}
	if c, ok := curBefore(s, d, lb); ok {
		a.add(c.code, c.weak)
		a.start = c.start
		if c.end-c.start == 1 && lower(s[c.start]) == 'r' && float64(n.mant)/n.scale < 100 {
			return a, n.end, false // "R2" is a room, not two rand
		}
	} else if d > lb && isLetter(s[d-1]) { // "PK02", "A320", "covid19"
		return a, n.end, false
	}
	q := n.end
	if q+1 < len(s) && s[q] == '/' && isDigit(s[q+1]) { // a date "12/05"
		return a, n.end, false
	}
	if q < len(s) && s[q] == '%' {
		return a, n.end, false
	}
	if q+1 < len(s) && (s[q] == ',' || s[q] == '.') && s[q+1] == '-' && !(q+2 < len(s) && isDigit(s[q+2])) {
		q += 2 // "Rp 5.000.000,-"
	}
	if m, e, ok := multAfter(s, q); ok {
		a.mult, a.hasMult, q = m, true, e
	}
	if c, ok := curAfter(s, q); ok {
		a.add(c.code, c.weak)
		q = c.end
	}
	a.end = q
	return a, n.end, true
}

// rangeAfter recognises a range separator after q and returns where the
// second amount may start.
func rangeAfter(s string, q int) (int, bool) {
	p := skipSpaces(s, q, 2)
	if p >= len(s) {
		return 0, false
	}
	switch {
	case s[p] == '-' || s[p] == '~':
		p++
	case p+2 < len(s) && lower(s[p]) == 's' && (s[p+1] == '/' || s[p+1] == '.') && lower(s[p+2]) == 'd':
		p += 3
		if p < len(s) && s[p] == '.' {
			p++
		}
	default:
		var buf wordBuf
		w, e := wordAt(s, p, &buf)
		if !lookup(w).is(lxRange) {
			return 0, false
		}
		p = e
	}
	return skipSpaces(s, p, 2), true
}

// amountStartAfter finds the digits of an amount that begins at q, possibly
// behind a short currency marker ("$1.500", "Rp 35jt", "NT$ 30,000").
func amountStartAfter(s string, q int) int {
	for p := q; p < len(s) && p <= q+8; p++ {
		if isDigit(s[p]) {
			return p
		}
		if s[p] == '\n' {
			break
		}
	}
	return -1
}

// salHit is a salary found in the folded text.
type salHit struct {
	start, end int
	cur        string
	min, max   float64
	period     string
}

// Magnitudes that decide whether a number is pay.
const (
	// maxBareRangeEnd: a range end below this takes the multiplier of the
	// other end ("20 – 35 juta" is 20 juta to 35 juta).
	maxBareRangeEnd = 1000
	// A plain number with neither currency nor multiplier is pay only
	// after a salary keyword and between these (Rp 100.000 to Rp 10 billion).
	minPlainRupiah = 1e5
	maxPlainRupiah = 1e10
	// maxSalary bounds any amount: beyond it is a phone or account number.
	maxSalary = 1e13
)

// parseSalaryAt tries to read a salary expression around the number whose
// digits start at d. On failure, resume tells where scanning may go on.
func parseSalaryAt(s string, d, lb int, busy spans) (h salHit, resume int, ok bool) {
	a1, resume, ok := parseAmount(s, d, lb)
	if !ok {
		return h, resume, false
	}
	lo, hi := rangeFrom(s, a1, busy)
	cur := lo.curPick
	if hi.cur != "" {
		cur.add(hi.cur, hi.weak)
	}
	cur, q := plusAfter(s, hi.end, cur)
	kind := multKind(lo, hi)
	top := hi.value()
	if cur.cur == "" && (kind == multMillion || (kind == 0 && top < minPlainRupiah)) {
		return h, resume, false // cheap exit for ages, counts, years, dates
	}
	if cur.cur == "" && kind == multIndo && countNounAfter(s, q) {
		return h, resume, false
	}
	period, pend := periodAfter(s, q)
	if period != "" {
		q = pend
	}
	kw := false
	if period == "" || (cur.cur == "" && kind != multIndo) {
		var before string
		kw, before = ctxBefore(s, lo.start, lb)
		if period == "" {
			period = before
		}
	}
	if cur.cur == "" {
		if cur.cur, ok = impliedRupiah(kind, period, kw, top); !ok {
			return h, resume, false
		}
	}
	if top <= 0 || top > maxSalary {
		return h, resume, false
	}
	if period == periodHour && cur.cur == "IDR" && hrAt(s, q) {
		period = periodDay
	}
	return salHit{start: lo.start, end: q, cur: cur.cur, min: lo.value(), max: top, period: period}, q, true
}

// rangeFrom reads the second end of a range that starts with a1 ("15 - 25
// juta", "$800 to $1,500"); without one, both ends are a1. An end without
// multiplier takes the other's ("20 – 35 juta" is 20 juta to 35 juta).
func rangeFrom(s string, a1 amount, busy spans) (lo, hi amount) {
	q, ok := rangeAfter(s, a1.end)
	if !ok {
		return a1, a1
	}
	d2 := amountStartAfter(s, q)
	if d2 < 0 || busy.has(d2) {
		return a1, a1
	}
	a2, _, ok := parseAmount(s, d2, q)
	if !ok || a2.start != q {
		return a1, a1
	}
	lo = a1
	if !lo.hasMult && a2.hasMult && lo.value() < maxBareRangeEnd {
		lo.mult, lo.hasMult = a2.mult, true // "20 – 35 juta", "15-18jt"
	}
	if !a2.hasMult && lo.hasMult && a2.value() < maxBareRangeEnd {
		a2.mult, a2.hasMult = lo.mult, true
	}
	if a2.value() < lo.value() {
		return a1, a1 // not a range: "10 - 5"
	}
	return lo, a2
}

// plusAfter reads a '+' after the amount ending at q: "$1,500+ USD" (with
// a currency), "15jt+" (alone); "13jt + bonus" keeps no plus.
func plusAfter(s string, q int, cur curPick) (curPick, int) {
	if q >= len(s) || s[q] != '+' {
		return cur, q
	}
	if c, ok := curAfter(s, q+1); ok {
		cur.add(c.code, c.weak)
		return cur, c.end
	}
	if q+1 == len(s) || !isAlnum(s[q+1]) {
		q++
	}
	return cur, q
}

// multKind is the kind of multiplier of a range: Indonesian (jt, rb) if
// either end has one, else that of either end (0 for none).
func multKind(lo, hi amount) byte {
	kind := byte(0)
	if lo.hasMult {
		kind = lo.mult.kind
	}
	if hi.hasMult && kind != multIndo {
		kind = hi.mult.kind
	}
	return kind
}

// impliedRupiah decides whether an amount without a currency marker is
// rupiah: with jt/rb, with "k" and a period or salary keyword, or a plain
// number after a salary keyword in the range of monthly rupiah pay.
func impliedRupiah(kind byte, period string, kw bool, top float64) (string, bool) {
	switch {
	case kind == multIndo:
	case kind == multK && (period != "" || kw):
	case kind == 0 && kw && top >= minPlainRupiah && top <= maxPlainRupiah:
	default:
		return "", false
	}
	return "IDR", true
}

// hrAt reports whether the period word that ends at q is "hr", which in
// rupiah ads is the Indonesian abbreviation of "hari" (day).
func hrAt(s string, q int) bool {
	return q >= 2 && lower(s[q-2]) == 'h' && lower(s[q-1]) == 'r' && (q == 2 || !isLetter(s[q-3]))
}

// countNounAfter reports whether the word right after q counts people or
// things ("3 juta pekerja").
func countNounAfter(s string, q int) bool {
	var buf wordBuf
	w, _ := wordAt(s, skipSpaces(s, q, 1), &buf)
	return lookup(w).is(lxCount)
}

// periodAfter reads a pay period after q: "/bulan", "per month", "a week",
// "monthly", "sebulan", "bersih/bulan".
func periodAfter(s string, q int) (string, int) {
	p := skipSpaces(s, q, 2)
	var buf wordBuf
	for try := 0; try < 2 && p < len(s); try++ {
		if s[p] == '/' {
			w, e := wordAt(s, skipSpaces(s, p+1, 1), &buf)
			ent := lookup(w)
			switch {
			case ent.is(lxPeriod):
				return ent.period, e
			case ent.is(lxPeriodAlone):
				return ent.periodAlone, e
			}
			return "", q
		}
		w, e := wordAt(s, p, &buf)
		ent := lookup(w)
		switch {
		case ent.is(lxPeriodAlone):
			return ent.periodAlone, e
		case ent.is(lxConnector):
			w2, e2 := wordAt(s, skipSpaces(s, e, 1), &buf)
			if ent2 := lookup(w2); ent2.is(lxPeriod) {
				return ent2.period, e2
			}
			return "", q
		case !ent.is(lxFillerAfter):
			return "", q
		}
		p = skipSpaces(s, e, 1)
	}
	return "", q
}

// ctxBefore reads up to five words before start on the same line and
// reports whether a salary keyword is among them (with only fillers and
// period words in between) and any pay period stated there ("Monthly
// salary: USD 1,500", "gaji per bulan 8.000.000").
func ctxBefore(s string, start, lb int) (kw bool, period string) {
	q := start
	var buf wordBuf
	for words := 0; words < 5; words++ {
		for n := 0; n < 4 && q > lb && isCtxSep(s[q-1]); n++ {
			q--
		}
		w, ws := wordBefore(s, q, lb, &buf)
		if w == nil {
			break
		}
		ent := lookup(w)
		switch {
		case ent.is(lxKeyword):
			kw = true
		case ent.is(lxPeriodAlone):
			if period == "" {
				period = ent.periodAlone
			}
		case ent.is(lxPeriod):
			c, cs := wordBefore(s, skipSpacesBack(s, ws, lb, 1), lb, &buf)
			if !lookup(c).is(lxConnector) {
				return kw, period
			}
			if period == "" {
				period = ent.period
			}
			ws = cs
		case ent.is(lxFiller):
		default:
			return kw, period
		}
		q = ws
	}
	return kw, period
}

func isCtxSep(c byte) bool {
	return c == ' ' || c == ':' || c == '=' || c == '-' || c == '*' || c == '_' || c == '(' || c == '\t'
}

// scanSalaries returns every salary expression in s outside busy spans;
// runs are the starts of the digit runs of s.
func scanSalaries(s string, runs []int, busy spans) []salHit {
	var out []salHit
	lb, ri := 0, 0
	for i := 0; i < len(s); {
		for ri < len(runs) && runs[ri] < i {
			ri++
		}
		if ri == len(runs) {
			break
		}
		i = runs[ri]
		ri++
		if busy.has(i) {
			i = skipNumeral(s, i)
			continue
		}
		h, resume, ok := parseSalaryAt(s, i, lb, busy)
		if ok {
			out = appendHit(out, h)
			lb, i = h.end, h.end
			continue
		}
		i = max(resume, skipNumeral(s, i))
	}
	return out
}

// skipNumeral returns the end of the digits and separators starting at i.
func skipNumeral(s string, i int) int {
	j := i + 1
	for j < len(s) && (isDigit(s[j]) || ((s[j] == '.' || s[j] == ',') && j+1 < len(s) && isDigit(s[j+1]))) {
		j++
	}
	return j
}
