package normalize

// abbreviations expands the short forms Indonesian (and some English) job
// ads use in chat. The value may be several words. Keys and values are
// already folded (lowercase ASCII).
var abbreviations = map[string]string{
	// chat channels
	"wa": "whatsapp", "wats": "whatsapp", "watsap": "whatsapp", "wasap": "whatsapp",
	"whatsap": "whatsapp", "whatapp": "whatsapp", "watshap": "whatsapp", "whtsapp": "whatsapp",
	"wame": "whatsapp", "tele": "telegram", "telegrm": "telegram", "tlgrm": "telegram",
	"telgram": "telegram", "fb": "facebook", "ig": "instagram", "inbox": "dm",

	// departure and documents
	"brgkt": "berangkat", "brkt": "berangkat", "brangkat": "berangkat", "bgkt": "berangkat",
	"keberangkatn": "keberangkatan", "pswt": "pesawat", "tkt": "tiket",
	"psprt": "paspor", "pspor": "paspor", "passport": "paspor",

	// work and pay
	"krj": "kerja", "kerjaa": "kerja", "lowker": "loker", "lokerr": "loker",
	"pglmn": "pengalaman", "pngalaman": "pengalaman", "pengalamn": "pengalaman",
	"exp": "experience", "jt": "juta", "jtan": "jutaan", "jtaan": "jutaan",
	"rb": "ribu", "rbu": "ribu", "gj": "gaji", "gajih": "gaji",
	"bln": "bulan", "bulanan": "bulanan", "thn": "tahun", "mgg": "minggu", "mnggu": "minggu",
	"hri":    "hari",
	"perush": "perusahaan", "prsh": "perusahaan",
	// function words
	"yg": "yang", "dgn": "dengan", "dg": "dengan", "utk": "untuk", "tuk": "untuk",
	"dr": "dari", "dri": "dari", "sm": "sama", "sdh": "sudah", "udh": "sudah", "udah": "sudah",
	"blm": "belum", "blum": "belum", "bs": "bisa", "bsa": "bisa", "sy": "saya",
	"aja": "saja", "aj": "saja", "lgsg": "langsung", "lgsung": "langsung", "lsg": "langsung",
	"lngsung": "langsung", "org": "orang", "jg": "juga", "krn": "karena", "tp": "tapi",
	"tnp": "tanpa", "tnpa": "tanpa", "trus": "terus", "lg": "lagi",
	"gk": "tidak", "gak": "tidak", "ga": "tidak", "nggak": "tidak", "ngga": "tidak",
	"enggak": "tidak", "tdk": "tidak", "ndak": "tidak", "kagak": "tidak", "gausah": "tidak usah",
	"gaperlu": "tidak perlu", "gapake": "tidak pakai", "pake": "pakai", "msh": "masih", "skrg": "sekarang", "skrang": "sekarang", "bnyk": "banyak",
	"hub": "hubungi", "hubngi": "hubungi", "cpt": "cepat", "cpet": "cepat", "bisaa": "bisa", "gratiss": "gratis",
}
