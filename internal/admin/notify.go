package admin

import (
	"context"
	"fmt"

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
			text = "<b>rules.yaml</b>: " + (&call{lang: i18n.Default}).refusal(err) +
				"\nAturan terakhir yang baik tetap aktif.\n<i>The file was refused; the last good rules stay active.</i>"
		} else {
			text = fmt.Sprintf("<b>rules.yaml</b>: %s %d.\n<i>The rules file was reloaded as version %d.</i>",
				"berkas aturan dimuat ulang sebagai versi", version, version)
			if rv, err := a.m.Active(ctx); err == nil && rv.Version == version {
				text += "\n" + esc(rv.Summary) // what changed
			}
		}
		for _, id := range a.admins {
			if err := a.say(ctx, id, text); err != nil {
				a.log.Warn("admin: could not tell an admin about the rules reload", "admin", id, "error", err)
			}
		}
	}
}
