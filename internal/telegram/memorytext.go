package telegram

import (
	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/store"
)

// Texts of reports and look-ups (the catalogs of package i18n). Facts
// (sites, hotlines) come from ../shared/guidance/facts.md, sections 1, 1b
// and 2.

func reportUsage(lang string, private bool) string {
	if private {
		return i18n.T(lang, "report_usage_private")
	}
	return i18n.T(lang, "report_usage_group")
}

func reportLimited(lang string) string { return i18n.T(lang, "report_limited") }

func reportGone(lang string) string { return i18n.T(lang, "report_gone") }

func reportButton(lang string) string { return i18n.T(lang, "report_button") }

func reportThanks(r store.ReportResult, lang string) string {
	switch {
	case r.Duplicate:
		return i18n.T(lang, "report_duplicate")
	case r.Status == store.StatusConfirmed:
		return i18n.T(lang, "report_confirmed", "N", r.Reporters)
	}
	return i18n.T(lang, "report_thanks", "N", r.Reporters)
}

func companyAdvice(lang string) string { return i18n.T(lang, "company_advice") }

func lookupAdvice(kinds map[string]bool, lang string) string {
	s := ""
	if kinds["phone"] {
		s += i18n.T(lang, "lookup_phone") + "\n"
	}
	if kinds["bank"] {
		s += i18n.T(lang, "lookup_bank") + "\n"
	}
	return s + i18n.T(lang, "lookup_general")
}
