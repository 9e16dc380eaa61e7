package admin

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/rules"
)

// importPending is a previewed memory import waiting for Apply or Cancel.
type importPending struct {
	user    int64
	file    string
	entries []memory.Entry
	text    string
	created time.Time
}

func (p *importPending) owner() (int64, time.Time) { return p.user, p.created }

func isJSONLDoc(d *tgbotapi.Document) bool {
	return d != nil && strings.HasSuffix(strings.ToLower(d.FileName), ".jsonl")
}

// memoryExport sends the confirmed entries as memory.jsonl, the format of
// `bot memory export`.
func (c *call) memoryExport(ctx context.Context) error {
	entries, forgotten, version, err := c.a.st.MemoryEntries(ctx)
	if err != nil {
		return err
	}
	kept := memory.Build(version, entries, forgotten).Entries()
	var buf bytes.Buffer
	if err := memory.WriteRecords(&buf, kept); err != nil {
		return err
	}
	doc := tgbotapi.NewDocument(c.m.Chat.ID, tgbotapi.FileBytes{Name: "memory.jsonl", Bytes: buf.Bytes()})
	doc.Caption = c.t("admin_memory_file_caption", "N", len(kept), "Version", version)
	_, err = c.a.send.Send(ctx, c.m.Chat.ID, doc)
	return err
}

// memoryImport previews importing a memory.jsonl document: what is new,
// what memory knows already, with Apply / Cancel.
func (c *call) memoryImport(ctx context.Context) error {
	d := c.m.Document
	snap := c.a.memorySnap()
	if d == nil || snap == nil {
		return c.say(ctx, c.t("admin_send_a_jsonl_file_from"))
	}
	data, ok, err := c.fetch(ctx, d, rules.MaxFileSize)
	if !ok {
		return err
	}
	in, err := memory.ReadRecords(bytes.NewReader(data))
	if err != nil {
		return c.say(ctx, c.t("admin_refused_nothing_changed")+esc(d.FileName+": "+err.Error()))
	}
	p := snap.Preview(in)
	var s strings.Builder
	fmt.Fprintf(&s, "<b>%s</b> %s\n%d %s; %d %s, %d %s\n", c.t("admin_memory_import_preview"), esc(d.FileName),
		len(in), c.t("admin_entries"), len(p.Fresh), c.t("admin_new"), p.Known, c.t("admin_already_known"))
	for _, k := range []string{"phone", "handle", "email", "link", "bank"} {
		if n := p.NewContacts[k]; n > 0 {
			fmt.Fprintf(&s, "• %s %s: %d\n", c.t("admin_new_contacts"), k, n)
		}
	}
	for i, e := range p.Fresh {
		if i == 10 {
			s.WriteString(c.t("admin_memory_and_more", "N", len(p.Fresh)-10))
			break
		}
		conf := "-"
		if !e.Confirmed.IsZero() {
			conf = e.Confirmed.UTC().Format("2006-01-02")
		}
		fmt.Fprintf(&s, "+ %s · %s · %d %s · %d %s\n", esc(e.Source), conf, e.Reports, c.t("admin_reports"), len(e.Contacts), c.t("admin_contacts"))
	}
	if len(p.Fresh) == 0 {
		return c.say(ctx, s.String()+c.t("admin_nothing_new"))
	}
	id := addPreview(c.a, c.a.imports, &importPending{user: c.m.From.ID, file: d.FileName, entries: p.Fresh, text: s.String(), created: time.Now()})
	return c.sendPreview(ctx, s.String(), "mi", id, c.t("admin_apply"))
}

// importButton applies or cancels a previewed memory import.
func (a *Admin) importButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string) error {
	p, apply, answered, err := pressedPreview(ctx, a, q, lang, a.imports, "memory_import")
	if answered || err != nil {
		return err
	}
	note := i18n.T(lang, "admin_cancelled_nothing_changed")
	if apply {
		_ = a.st.LogAdminAction(ctx, q.From.ID, "memory_import "+p.file, true)
		if err := a.st.ImportMemory(ctx, p.entries, fmt.Sprint(q.From.ID), p.file); err != nil {
			return err
		}
		if err := a.reloadMemory(ctx); err != nil {
			return err
		}
		note = i18n.T(lang, "admin_imported", "N", len(p.entries))
	}
	return a.finishPreview(ctx, q, p.text, note)
}

// finishPreview shows the outcome under a preview and answers the press.
func (a *Admin) finishPreview(ctx context.Context, q *tgbotapi.CallbackQuery, text, note string) error {
	e := tgbotapi.NewEditMessageText(q.Message.Chat.ID, q.Message.MessageID, clip(text+"\n<b>"+esc(note)+"</b>"))
	e.ParseMode = tgbotapi.ModeHTML
	if _, err := a.send.Request(ctx, e); err != nil {
		return err
	}
	return a.send.AnswerCallback(ctx, q, note, false)
}
