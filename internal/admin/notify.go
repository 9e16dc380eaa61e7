package admin

import (
	"context"
	"fmt"
)

// ReloadReporter returns a callback for [ruleset.Manager.Watch] that tells
// every bot admin (in a private chat) when the rules file was reloaded as
// a new version, or why it was refused (the last good rules stay active).
// Messages use ctx, which should live as long as the watch.
func (a *Admin) ReloadReporter(ctx context.Context) func(version int, err error) {
	return func(version int, err error) {
		var text string
		if err != nil {
			text = "<b>rules.yaml</b>: " + (&call{lang: "id"}).refusal(err) +
				"\nAturan terakhir yang baik tetap aktif.\n<i>The file was refused; the last good rules stay active.</i>"
		} else {
			text = fmt.Sprintf("<b>rules.yaml</b>: %s %d.\n<i>The rules file was reloaded as version %d.</i>",
				"berkas aturan dimuat ulang sebagai versi", version, version)
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
			text = "<b>" + esc(name) + "</b>: " + (&call{lang: "id"}).refusal(err) +
				"\nModel yang aktif tetap dipakai.\n<i>The model file was refused; the active model stays.</i>"
		} else {
			text = fmt.Sprintf("<b>%s</b>: %s %d.\n<i>The model file was reloaded as model version %d.</i>",
				esc(name), "berkas model dimuat ulang sebagai versi model", version, version)
			if mv, err := a.m.ActiveModel(ctx); err == nil && mv.Version == version {
				text += "\n" + esc(mv.Summary)
			}
		}
		a.tellAdmins(ctx, text)
	}
}

// tellAdmins sends text to every bot admin in a private chat.
func (a *Admin) tellAdmins(ctx context.Context, text string) {
	for _, id := range a.admins {
		if err := a.say(ctx, id, text); err != nil {
			a.log.Warn("admin: could not tell an admin about a reload", "admin", id, "error", err)
		}
	}
}
