package admin

import (
	"context"
	"strings"

	"github.com/cekloker/cekloker/internal/i18n"
)

// ReloadReporter returns a callback for [ruleset.Manager.Watch] that tells
// every bot admin (in a private chat) when the rules file was reloaded as
// a new version, or why it was refused (the last good rules stay active).
// Messages use ctx, which should live as long as the watch.
func (a *Admin) ReloadReporter(ctx context.Context) func(version int, err error) {
	return func(version int, err error) {
		var text string
		if err != nil {
			text = "<b>rules.yaml</b>: " + (&call{lang: i18n.Default}).refusal(err) + "\n" +
				everyLanguage("admin_rules_reload_refused")
		} else {
			text = "<b>rules.yaml</b>: " + everyLanguage("admin_rules_reloaded", "Version", version)
			if rv, err := a.m.Active(ctx); err == nil && rv.Version == version {
				text += "\n" + esc(rv.Summary) // what changed
			}
		}
		a.tellAdmins(ctx, text)
	}
}

// ModelReloadReporter is ReloadReporter for [ruleset.Manager.WatchModel]:
// the model file (name) was reloaded as a new model version, or refused.
func (a *Admin) ModelReloadReporter(ctx context.Context, name string) func(version int, err error) {
	return func(version int, err error) {
		var text string
		if err != nil {
			text = "<b>" + esc(name) + "</b>: " + (&call{lang: i18n.Default}).refusal(err) + "\n" +
				everyLanguage("admin_model_reload_refused")
		} else {
			text = "<b>" + esc(name) + "</b>: " + everyLanguage("admin_model_reloaded", "Version", version)
			if mv, err := a.m.ActiveModel(ctx); err == nil && mv.Version == version {
				text += "\n" + esc(mv.Summary)
			}
		}
		a.tellAdmins(ctx, text)
	}
}

// everyLanguage renders a message for admins whose language is not known:
// in the default language, then in each other language in italics, a line
// each.
func everyLanguage(id string, fields ...any) string {
	var b strings.Builder
	b.WriteString(i18n.T(i18n.Default, id, fields...))
	for _, l := range i18n.Languages() {
		if l != i18n.Default {
			b.WriteString("\n<i>" + i18n.T(l, id, fields...) + "</i>")
		}
	}
	return b.String()
}

// tellAdmins sends text to every bot admin in a private chat.
func (a *Admin) tellAdmins(ctx context.Context, text string) {
	for _, id := range a.admins {
		if err := a.say(ctx, id, text); err != nil {
			a.log.Warn("admin: could not tell an admin about a reload", "admin", id, "error", err)
		}
	}
}
