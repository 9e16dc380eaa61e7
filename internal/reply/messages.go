package reply

import (
	"github.com/cekloker/cekloker/internal/i18n"
)

// Help is the answer to /start and /help in a private chat.
func Help(lang string) string {
	return SpellOut(i18n.T(lang, "help"), lang)
}

// NotJobAd answers a text that does not look like a job offer.
func NotJobAd(lang string) string { return i18n.T(lang, "not_job_ad") }

// NoText answers a sticker, a photo without caption or an empty message.
func NoText(lang string) string { return i18n.T(lang, "no_text") }

// GroupIntro is posted once when the bot is added to a group.
func GroupIntro(lang string) string { return i18n.T(lang, "group_intro") }

// CekUsage explains /cek when it is not a reply.
func CekUsage(lang string) string { return i18n.T(lang, "cek_usage") }

// NotAdmin politely refuses a group setting to a member who is not an admin.
func NotAdmin(lang string) string { return i18n.T(lang, "not_admin") }

// ThanksFeedback acknowledges a feedback button.
func ThanksFeedback(vote, lang string) string {
	if vote == "wrong" {
		return i18n.T(lang, "thanks_wrong")
	}
	return i18n.T(lang, "thanks")
}

// FeedbackButtons are the labels of the feedback buttons.
func FeedbackButtons(lang string) (helpful, wrong string) {
	return i18n.T(lang, "button_helpful"), i18n.T(lang, "button_wrong")
}

// DetailsButton labels the toggle under a private verdict: "Lihat detail"
// while the summary shows, "Ringkas" while the details show.
func DetailsButton(lang string, details bool) string {
	if details {
		return i18n.T(lang, "button_summary")
	}
	return i18n.T(lang, "button_details")
}

// AlreadyAnswered answers /cek on a message whose current text was
// answered already; it replies to (or links) that answer.
func AlreadyAnswered(lang string) string { return i18n.T(lang, "already_answered") }

// FullExplanationButton labels the deep link from a group reply.
func FullExplanationButton(lang string) string { return i18n.T(lang, "button_full_explanation") }

// ExpiredLink answers a deep link whose verdict is no longer kept.
func ExpiredLink(lang string) string { return i18n.T(lang, "expired_link") }

// Forwarded notes where a forwarded ad came from.
func Forwarded(from, lang string) string { return i18n.T(lang, "forwarded", "From", esc(from)) }
