package reply

import "github.com/cekloker/cekloker/internal/rules"

// SlowDown is the one notice a user gets when they send faster than the
// bot answers; what they send meanwhile is not answered.
func SlowDown(lang string) string {
	return rules.Text{
		"id": "⏳ Pesan Anda terlalu banyak dalam waktu singkat. Pesan berikutnya tidak saya jawab dulu; coba lagi dalam satu menit.",
		"en": "⏳ You are sending too many messages too quickly. I will not answer the next ones for now; try again in a minute.",
	}.In(lang)
}
