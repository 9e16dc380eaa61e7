package extract

import (
	"reflect"
	"strings"
	"testing"
)

func TestBanks(t *testing.T) {
	type acct struct{ bank, number string }
	cases := []struct {
		text string
		want []acct
	}{
		{"Transfer ke BRI 1234-5678-9012-345 ya kak", []acct{{"BRI", "123456789012345"}}},
		{"rek BCA 8830 1122 33 a.n. Siti Rahma", []acct{{"BCA", "8830112233"}}},
		{"no rek 0987654321 (BNI) atas nama Budi", []acct{{"BNI", "0987654321"}}},
		{"Norek: 1234567890123", []acct{{"", "1234567890123"}}},
		{"Bank Mandiri no. rek 137-00-1234567-8\nBCA 5550001112", []acct{{"MANDIRI", "1370012345678"}, {"BCA", "5550001112"}}},
		{"bayar via cimb  niaga 7012 3456 7890 12", []acct{{"CIMB NIAGA", "70123456789012"}}},
		{"BCA 123 saja", nil},                       // too short
		{"Gaji BRI mulai 5.000.000 per bulan", nil}, // 7 digits: not an account
		{"hubungi 081234567890", nil},               // a phone, no bank or rek
		{"transfer BCA 1234567890, BCA 1234567890", []acct{{"BCA", "1234567890"}}},
	}
	for _, c := range cases {
		var got []acct
		for _, b := range Banks(c.text) {
			got = append(got, acct{b.Bank, b.Number})
			if c.text[b.Start:b.End] != b.Raw {
				t.Errorf("%q: span %d-%d is %q, raw %q", c.text, b.Start, b.End, c.text[b.Start:b.End], b.Raw)
			}
		}
		if len(got) != len(c.want) || len(got) > 0 && !reflect.DeepEqual(got, c.want) {
			t.Errorf("Banks(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestBanksBounded(t *testing.T) {
	text := strings.Repeat("BCA 1234567890 rek 2234567890 ", 5000)
	if got := Banks(text); len(got) > maxBanks {
		t.Fatalf("got %d accounts, want at most %d", len(got), maxBanks)
	}
}
