package extract

import (
	"slices"
	"strings"
	"testing"
)

func TestEmails(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Email
	}{
		{"gmail", "Kirim CV ke rekrutmen.kh@gmail.com ya", []Email{{"rekrutmen.kh@gmail.com", true}}},
		{"company domain", "hr@ptmajujaya.co.id", []Email{{"hr@ptmajujaya.co.id", false}}},
		{"yahoo and hotmail families", "a@yahoo.co.id b@hotmail.co.uk c@outlook.sg",
			[]Email{{"a@yahoo.co.id", true}, {"b@hotmail.co.uk", true}, {"c@outlook.sg", true}}},
		{"other free providers", "x@proton.me y@icloud.com z@mail.ru w@yandex.com v@ymail.com",
			[]Email{{"x@proton.me", true}, {"y@icloud.com", true}, {"z@mail.ru", true}, {"w@yandex.com", true}, {"v@ymail.com", true}}},
		{"lowercased and deduplicated", "HR@Gmail.com, hr@gmail.com", []Email{{"hr@gmail.com", true}}},
		{"trailing dot", "Email: hr@agency.com.", []Email{{"hr@agency.com", false}}},
		{"plus and dash", "first.last+job@my-agency.org", []Email{{"first.last+job@my-agency.org", false}}},
		{"not addresses", "a@b, x@y.c1, @handle_name, user@ , @@", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := testX.Extract(tc.text).Emails; !slices.Equal(got, tc.want) {
				t.Errorf("Emails = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestHandles(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"telegram handles", "Hubungi @loker_bkk_cepat atau @HRD_KH_Nadia", []string{"@loker_bkk_cepat", "@hrd_kh_nadia"}},
		{"deduplicated, in order", "@Zeta_jobs @alpha_jobs @zeta_JOBS", []string{"@zeta_jobs", "@alpha_jobs"}},
		{"e-mail is not a handle", "hr@gmail.com", nil},
		{"domain after @ is not a handle", "email kami @gmail.com", nil},
		{"too short", "@abcd", nil},
		{"exactly five", "(@abcde)", []string{"@abcde"}},
		{"too long", "@" + strings.Repeat("a", 33), nil},
		{"thirty-two is fine", "@" + strings.Repeat("b", 32), []string{"@" + strings.Repeat("b", 32)}},
		{"must start with a letter", "@1abcde @_abcde", nil},
		{"handle inside a link is part of the link", "tiktok.com/@someone_x", nil},
		{"punctuation after", "Admin: @lokerkh_admin, @lokerkh_info.", []string{"@lokerkh_admin", "@lokerkh_info"}},
		{"fullwidth at sign", "＠lokerkh_admin", []string{"@lokerkh_admin"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := testX.Extract(tc.text).Handles; !slices.Equal(got, tc.want) {
				t.Errorf("Handles = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSeenSet(t *testing.T) {
	var z seenSet
	for i := 0; i < 100; i++ {
		k := strings.Repeat("x", i%40)
		want := i < 40
		if got := z.add(k); got != want {
			t.Fatalf("add #%d (%q) = %v, want %v", i, k, got, want)
		}
	}
}
