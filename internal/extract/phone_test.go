package extract

import (
	"strings"
	"testing"
)

func TestPhones(t *testing.T) {
	type want struct {
		raw, e164, region string
		cc                int
	}
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"khmer international", "Hubungi HRD +855 16 318 274 sekarang",
			[]want{{"+855 16 318 274", "+85516318274", "KH", 855}}},
		{"indonesian international with dashes", "WA +62 878-4412-9053 (Bu Rina)",
			[]want{{"+62 878-4412-9053", "+6287844129053", "ID", 62}}},
		{"indonesian local", "CP: 0812 3456 7890",
			[]want{{"0812 3456 7890", "+6281234567890", "ID", 62}}},
		{"thai in parentheses", "Line/WA (+66) 82-611-5093",
			[]want{{"(+66) 82-611-5093", "+66826115093", "TH", 66}}},
		{"after WA label", "WA: 0811-8080-141",
			[]want{{"0811-8080-141", "+628118080141", "ID", 62}}},
		{"malaysian", "Call +60 12-345 6789 now",
			[]want{{"+60 12-345 6789", "+60123456789", "MY", 60}}},
		{"national prefix in parentheses", "WA +855 (0) 16 318 274",
			[]want{{"+855 (0) 16 318 274", "+85516318274", "KH", 855}}},
		{"dots as separators", "Telp 0812.3456.7890",
			[]want{{"0812.3456.7890", "+6281234567890", "ID", 62}}},
		{"plus and space", "Hub + 62 812 3456 7890",
			[]want{{"+ 62 812 3456 7890", "+6281234567890", "ID", 62}}},
		{"country code without plus is tried as ID first", "WA 6281234567890",
			[]want{{"6281234567890", "+6281234567890", "ID", 62}}},
		{"foreign number without plus falls back to international", "WA 66826115093",
			[]want{{"66826115093", "+66826115093", "TH", 66}}},
		{"wa.me link is international", "klik wa.me/66814027395 ya",
			[]want{{"66814027395", "+66814027395", "TH", 66}}},
		{"wa.me with a space before the slash", "wa.me /85516318274",
			[]want{{"85516318274", "+85516318274", "KH", 855}}},
		{"wa.me number invalid abroad falls back to ID", "wa.me /855163182740",
			[]want{{"855163182740", "+62855163182740", "ID", 62}}},
		{"obfuscated wa.me", "w a . m e / 66 8 1 4 0 2 7 3 9 5",
			[]want{{"66 8 1 4 0 2 7 3 9 5", "+66814027395", "TH", 66}}},
		{"wa.me with local number", "wa.me/081234567890",
			[]want{{"081234567890", "+6281234567890", "ID", 62}}},
		{"api.whatsapp.com phone parameter", "https://api.whatsapp.com/send?phone=85516318274&text=halo",
			[]want{{"85516318274", "+85516318274", "KH", 855}}},
		{"telegram phone link", "t.me/+6281234567890",
			[]want{{"+6281234567890", "+6281234567890", "ID", 62}}},
		{"fullwidth digits", "WA ＋８５５ １６ ３１８ ２７４",
			[]want{{"＋８５５ １６ ３１８ ２７４", "+85516318274", "KH", 855}}},
		{"mathematical bold digits", "WA 𝟎𝟖𝟏𝟐 𝟑𝟒𝟓𝟔 𝟕𝟖𝟗𝟎",
			[]want{{"𝟎𝟖𝟏𝟐 𝟑𝟒𝟓𝟔 𝟕𝟖𝟗𝟎", "+6281234567890", "ID", 62}}},
		{"zero-width spaces inside", "WA 0812\u200b3456\u200b7890",
			[]want{{"0812\u200b3456\u200b7890", "+6281234567890", "ID", 62}}},
		{"deduplicated by E164", "+62 812-3456-7890 atau 0812 3456 7890 atau 6281234567890",
			[]want{{"+62 812-3456-7890", "+6281234567890", "ID", 62}}},
		{"two numbers in a row", "0812 3456 7890 / +855 16 318 274",
			[]want{{"0812 3456 7890", "+6281234567890", "ID", 62}, {"+855 16 318 274", "+85516318274", "KH", 855}}},
		{"number followed by an amount", "WA 0812 3456 7890 15jt",
			[]want{{"0812 3456 7890", "+6281234567890", "ID", 62}}},
		{"number after a year", "Tahun 2024 0812 3456 7890",
			[]want{{"0812 3456 7890", "+6281234567890", "ID", 62}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := testX.Extract(tc.text).Phones
			if len(got) != len(tc.want) {
				t.Fatalf("got %d phones %+v, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Raw != w.raw || g.E164 != w.e164 || g.Region != w.region || g.CountryCode != w.cc {
					t.Errorf("phone %d = %+v, want %+v", i, g, w)
				}
				if strings.TrimSpace(tc.text[g.Start:g.End]) != g.Raw {
					t.Errorf("span %d:%d = %q, want raw %q", g.Start, g.End, tc.text[g.Start:g.End], g.Raw)
				}
			}
		})
	}
}

func TestNotPhones(t *testing.T) {
	tests := []struct{ name, text string }{
		{"rupiah amount", "Gaji Rp 15.000.000 per bulan"},
		{"large rupiah amount", "Gaji Rp 150.000.000"},
		{"rupiah without separators", "Rp 150000000"},
		{"amount with currency after", "150000000 IDR"},
		{"amount with multiplier after", "1500000000 jt"},
		{"amount with thousands dots", "Total 150.000.000 sebulan"},
		{"dollar amount", "USD 1,500 per month"},
		{"years", "Tahun 2024 2025 2026"},
		{"date with slashes", "Berangkat 12/05/2024"},
		{"date and time", "Interview 12-05-2024 08.00 WIB"},
		{"iso date", "2024-05-12"},
		{"age range", "usia 20–35 tahun"},
		{"decree number", "No. 3/120/PK.02.01/III/2023"},
		{"counts", "9.000 lowongan untuk 3.000 pekerja"},
		{"short number", "Kode 12345678"},
		{"id number too long", "NIK 3201234567890001"},
		{"digits in an e-mail address", "6281234567890@gmail.com"},
		{"digits in a link path", "facebook.com/groups/628123456789012"},
		{"digits glued to letters in a whatsapp invite", "chat.whatsapp.com/AB6281234567890cd"},
		{"percent", "diskon 812345678901%"},
		{"4096 digits", strings.Repeat("8", 4096)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := testX.Extract(tc.text).Phones; len(got) != 0 {
				t.Errorf("testX.Extract(%q) found phones %+v", tc.text, got)
			}
		})
	}
}

func TestWaMeBefore(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"wa.me/6281", true},
		{"WA.ME / 6281", true},
		{"w a . m e / 6281", true},
		{"kirim ke wa.me/ 6281", true},
		{"xwa.me/6281", false},
		{"wa.be/6281", false},
		{"6281", false},
		{"/6281", false},
	}
	for _, tc := range tests {
		i := strings.IndexByte(tc.text, '6')
		if got := waMeBefore(tc.text, i); got != tc.want {
			t.Errorf("waMeBefore(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestPhoneMemoDoesNotChangeResults(t *testing.T) {
	text := "WA 0812 3456 7890, +855 16 318 274, wa.me/66814027395"
	resetCaches()
	cold := testX.Extract(text).Phones
	warm := testX.Extract(text).Phones
	if len(cold) != 3 || len(warm) != len(cold) {
		t.Fatalf("cold %+v, warm %+v", cold, warm)
	}
	for i := range cold {
		if cold[i] != warm[i] {
			t.Errorf("phone %d: cold %+v, warm %+v", i, cold[i], warm[i])
		}
	}
}
