package extract

// periodWords need a connector before them: "/bulan", "per month",
// "a week", "tiap hari". "hr" is resolved by periodAfter: day in rupiah
// ads (Indonesian "hari"), hour otherwise.
var periodWords = map[string]string{
	"bulan": periodMonth, "bln": periodMonth, "bl": periodMonth, "month": periodMonth,
	"months": periodMonth, "mo": periodMonth, "mth": periodMonth, "mnth": periodMonth,
	"mon":    periodMonth,
	"minggu": periodWeek, "mgg": periodWeek, "week": periodWeek, "wk": periodWeek,
	"hari": periodDay, "day": periodDay, "hr": periodHour,
	"jam": periodHour, "hour": periodHour, "h": periodHour,
	"tahun": periodYear, "thn": periodYear, "year": periodYear, "yr": periodYear,
	"annum":   periodYear,
	"listing": periodTask, "task": periodTask, "tugas": periodTask, "like": periodTask,
	"video": periodTask, "order": periodTask, "post": periodTask, "review": periodTask,
	"klik": periodTask, "click": periodTask,
}

// periodStandalone are period words that need no connector: "monthly",
// "sebulan", "perhari", "pw".
var periodStandalone = map[string]string{
	"monthly": periodMonth, "bulanan": periodMonth, "sebulan": periodMonth,
	"perbulan": periodMonth, "perbln": periodMonth,
	"weekly": periodWeek, "mingguan": periodWeek, "seminggu": periodWeek,
	"perminggu": periodWeek, "pw": periodWeek,
	"daily": periodDay, "harian": periodDay, "sehari": periodDay, "perhari": periodDay,
	"hourly": periodHour, "sejam": periodHour, "perjam": periodHour,
	"yearly": periodYear, "annually": periodYear, "annual": periodYear,
	"tahunan": periodYear, "setahun": periodYear, "pertahun": periodYear,
}

// periodConnectors introduce a periodWord.
var periodConnectors = map[string]bool{
	"per": true, "a": true, "an": true, "each": true, "every": true,
	"tiap": true, "setiap": true,
}

// salaryKeywords allow a plain number ("Gaji 4500000") to be a salary.
var salaryKeywords = map[string]bool{
	"gaji": true, "gapok": true, "salary": true, "upah": true, "income": true,
	"pay": true, "penghasilan": true, "pendapatan": true, "wage": true, "wages": true,
	"bayaran": true, "earn": true, "earning": true, "earnings": true, "komisi": true,
	"commission": true, "honor": true, "thp": true,
}

// salaryFillers may stand between a keyword and the amount:
// "gaji mulai 5.000.000", "salary up to $2,000", "gaji pokok: ...".
var salaryFillers = map[string]bool{
	"mulai": true, "from": true, "start": true, "starting": true, "sekitar": true,
	"around": true, "approx": true, "kisaran": true, "range": true, "up": true,
	"to": true, "upto": true, "minimal": true, "min": true, "max": true,
	"maksimal": true, "hingga": true, "sampai": true, "pokok": true, "bersih": true,
	"net": true, "nett": true, "basic": true, "gross": true, "di": true, "atas": true,
	"umr": true, "ump": true, "umk": true, "is": true, "of": true, "rata": true,
}

// rangeWords join the two ends of a range ("5jt s/d 10jt" is handled
// separately).
var rangeWords = map[string]bool{
	"to": true, "sampai": true, "hingga": true, "sd": true, "until": true,
}

// countNouns after an amount mean it counts people or things, not money:
// "3 juta pekerja migran", "10 ribu lowongan".
var countNouns = map[string]bool{
	"orang": true, "pekerja": true, "pmi": true, "tki": true, "wni": true, "jiwa": true,
	"penduduk": true, "lowongan": true, "loker": true, "peserta": true, "pelamar": true,
	"korban": true, "kasus": true, "perawat": true, "followers": true, "follower": true,
	"pengikut": true, "views": true, "view": true, "penonton": true, "anggota": true,
	"member": true, "members": true, "pengguna": true, "users": true, "user": true,
	"people": true, "workers": true, "jobs": true, "vacancies": true, "km": true,
	"unit": true, "kali": true, "subscribers": true,
	"likes": true, "kg": true, "meter": true,
}

// fillerAfter may stand between an amount and its period: "15jt bersih/bulan".
var fillerAfter = map[string]bool{
	"net": true, "nett": true, "bersih": true, "gross": true, "kotor": true,
	"clean": true,
}
