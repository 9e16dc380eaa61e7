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
	return a.reloadReporter(ctx, "rules.yaml", "admin_rules_reload_refused", "admin_rules_reloaded",
		func(ctx context.Context) (int, string, error) {
			rv, err := a.m.Active(ctx)
			return rv.Version, rv.Summary, err
		})
}

// ModelReloadReporter is ReloadReporter for [ruleset.Manager.WatchModel]:
// the model file (name) was reloaded as a new model version, or refused.
func (a *Admin) ModelReloadReporter(ctx context.Context, name string) func(version int, err error) {
	return a.reloadReporter(ctx, name, "admin_model_reload_refused", "admin_model_reloaded",
		func(ctx context.Context) (int, string, error) {
			mv, err := a.m.ActiveModel(ctx)
			return mv.Version, mv.Summary, err
		})
}

// reloadReporter tells the admins about reloads of the file name: why it
// was refused, or the version it became with that version's summary (what
// changed), which active returns.
func (a *Admin) reloadReporter(ctx context.Context, name, refused, reloaded string,
	active func(context.Context) (version int, summary string, err error)) func(version int, err error) {
	return func(version int, err error) {
		text := "<b>" + esc(name) + "</b>: "
		if err != nil {
			text += (&call{lang: i18n.Default}).refusal(err) + "\n" + everyLanguage(refused)
		} else {
			text += everyLanguage(reloaded, "Version", version)
			if v, summary, err := active(ctx); err == nil && v == version {
				text += "\n" + esc(summary)
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
