package admin

import (
	"context"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/ruleset"
	"github.com/cekloker/cekloker/internal/store"
)

// The text model's commands: /model, /model_import (a model.bin written
// by `bot train`: a preview on the labelled examples, then Apply /
// Cancel), /model_history and /model_rollback N. Versions work as for the
// rules; see ruleset/models.go and store/versions.go.

func isModelDoc(d *tgbotapi.Document) bool {
	return d != nil && strings.HasSuffix(strings.ToLower(d.FileName), ".bin")
}

func (c *call) modelAuthor(a string) string {
	if a == ruleset.AuthorFile {
		return c.t("admin_model_file")
	}
	return "admin " + a
}

// modelOff says that the model is off and returns true when it is.
func (c *call) modelOff(ctx context.Context) (bool, error) {
	if !c.a.m.ModelOff() {
		return false, nil
	}
	return true, c.say(ctx, c.t("admin_model_off"))
}

// model shows the active model version: its id, date, corpora and the
// summary of its cross-validation.
func (c *call) model(ctx context.Context) error {
	if off, err := c.modelOff(ctx); off {
		return err
	}
	mv, err := c.a.m.ActiveModel(ctx)
	if err != nil {
		return err
	}
	mdl, _ := c.a.m.CurrentModel()
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s %d</b>: <code>%s</code>\n%s: %s\n%s: %s\n%s\n", c.t("admin_model_version"), mv.Version,
		esc(mdl.Version), c.t("admin_by"), esc(c.modelAuthor(mv.Author)), c.t("admin_time"), when(mv.Created), esc(mv.Summary))
	c.writeManifest(&b, mdl)
	b.WriteString(c.t("admin_model_replace"))
	return c.say(ctx, b.String())
}

// writeManifest writes what a model's manifest says: the training date,
// the corpora, and the cross-validation summary (without the rows per
// origin and language).
func (c *call) writeManifest(b *strings.Builder, mdl *model.Model) {
	man := &mdl.Manifest
	fmt.Fprintf(b, "%s: %s\n%s:\n", c.t("admin_model_trained"), esc(man.Created), c.t("admin_model_corpora"))
	for _, k := range man.Corpora {
		fmt.Fprintf(b, "• %s (%d %s)\n", esc(k.Path), k.Rows, c.t("admin_model_rows"))
	}
	var cv []string
	for _, l := range man.CV {
		if f := strings.Fields(l); len(f) > 0 && (f[0] == "origin" || f[0] == "lang") {
			continue
		}
		cv = append(cv, l)
	}
	if len(cv) > 0 {
		fmt.Fprintf(b, "%s:\n<pre>%s</pre>\n", c.t("admin_model_cross_validation"), esc(strings.Join(cv, "\n")))
	}
}

// modelImport previews a model file sent as a document, off the update
// path.
func (c *call) modelImport(ctx context.Context) error {
	if off, err := c.modelOff(ctx); off {
		return err
	}
	d := c.m.Document
	if d == nil {
		return c.say(ctx, c.t("admin_model_send_file"))
	}
	_, base := c.a.m.CurrentModel()
	if err := c.say(ctx, c.t("admin_model_checking")); err != nil {
		return err
	}
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), backgroundTimeout)
	go func() {
		defer cancel()
		data, ok, err := c.fetch(bg, d, model.MaxFile)
		if ok {
			err = c.modelPreview(bg, base, data, "import "+d.FileName)
		}
		if err != nil {
			c.a.log.Warn("admin: model import", "error", err)
		}
	}()
	return nil
}

// modelPreview validates a model file against model version base and
// shows what it changes on the labelled examples, with Apply / Cancel.
func (c *call) modelPreview(ctx context.Context, base int, data []byte, summary string) error {
	p, err := c.a.m.PreviewModel(ctx, base, data)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		return c.say(ctx, c.refusal(err))
	}
	if p.Same {
		return c.say(ctx, c.t("admin_model_no_change"))
	}
	var b strings.Builder
	b.WriteString(c.t("admin_model_preview", "Version", base))
	b.WriteString(c.t("admin_model_validation_ok"))
	old := "-"
	if p.Old != nil {
		old = p.Old.Version
	}
	fmt.Fprintf(&b, "%s: <code>%s</code> → <code>%s</code>\n", c.t("admin_model"), esc(old), esc(p.New.Version))
	c.writeManifest(&b, p.New)
	c.writeExamples(&b, p.Figures)
	b.WriteString(c.t("admin_model_levels", "Before", levels(p.Before), "After", levels(p.After)))
	if p.Recent.Total > 0 {
		c.writeRecent(&b, c.t("admin_model_recent_title"), p.Recent)
	} else {
		b.WriteString(c.t("admin_model_no_stored_text"))
	}
	return c.offer(ctx, b.String(), &pending{model: true, base: base, data: data, summary: summary + ": " + ruleset.ModelSummary(p.New)})
}

func levels(n map[string]int) string {
	return fmt.Sprintf("%d/%d/%d", n[rules.High], n[rules.Medium], n[rules.Low])
}

func (c *call) modelHistory(ctx context.Context) error {
	vs, err := c.a.st.Versions(ctx, store.ModelVersions, 10)
	if err != nil {
		return err
	}
	_, cur := c.a.m.CurrentModel()
	return c.sayHistory(ctx, c.t("admin_model_history"), "model_rollback", vs, cur, c.modelAuthor, true)
}

// modelRollback previews making model version N active again, as a new
// version.
func (c *call) modelRollback(ctx context.Context) error {
	if off, err := c.modelOff(ctx); off {
		return err
	}
	n, ok, err := c.versionArg(ctx, "model_rollback")
	if !ok {
		return err
	}
	old, err := c.a.st.Version(ctx, store.ModelVersions, n)
	if done, err := c.noVersion(ctx, err, n, "model_history"); done || err != nil {
		return err
	}
	_, base := c.a.m.CurrentModel()
	return c.modelPreview(ctx, base, old.Data, fmt.Sprintf("rollback to version %d", n))
}
