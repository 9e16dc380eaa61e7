package admin

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

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
	set := make(map[string]bool, len(forgotten))
	for _, k := range forgotten {
		set[k] = true
	}
	kept := memory.Build(version, entries, set).Entries()
	var buf bytes.Buffer
	if err := memory.WriteRecords(&buf, kept); err != nil {
		return err
	}
	doc := tgbotapi.NewDocument(c.m.Chat.ID, tgbotapi.FileBytes{Name: "memory.jsonl", Bytes: buf.Bytes()})
	doc.Caption = fmt.Sprintf(c.t("%d penipuan yang dikonfirmasi (ingatan versi %d). Bot lain mengimpornya dengan keterangan /memory_import.",
		"%d confirmed scams (memory version %d). Another bot imports it with the caption /memory_import."), len(kept), version)
	_, err = c.a.send.Send(ctx, c.m.Chat.ID, doc)
	return err
}

// memoryImport previews importing a memory.jsonl document: what is new,
// what memory knows already, with Apply / Cancel.
func (c *call) memoryImport(ctx context.Context) error {
	d := c.m.Document
	snap := c.a.memorySnap()
	if d == nil || snap == nil {
		return c.say(ctx, c.t("Kirim berkas .jsonl dari /memory_export atau `bot memory export` sebagai dokumen dengan keterangan /memory_import.",
			"Send a .jsonl file from /memory_export or `bot memory export` as a document with the caption /memory_import."))
	}
	data, ok, err := c.fetch(ctx, d, rules.MaxFileSize)
	if !ok {
		return err
	}
	in, err := memory.ReadRecords(bytes.NewReader(data))
	if err != nil {
		return c.say(ctx, c.t("Ditolak, tidak ada yang berubah: ", "Refused, nothing changed: ")+esc(d.FileName+": "+err.Error()))
	}
	p := snap.Preview(in)
	var s strings.Builder
	fmt.Fprintf(&s, "<b>%s</b> %s\n%d %s; %d %s, %d %s\n", c.t("Pratinjau impor ingatan:", "Memory import preview:"), esc(d.FileName),
		len(in), c.t("entri", "entries"), len(p.Fresh), c.t("baru", "new"), p.Known, c.t("sudah dikenal", "already known"))
	for _, k := range []string{"phone", "handle", "email", "link", "bank"} {
		if n := p.NewContacts[k]; n > 0 {
			fmt.Fprintf(&s, "• %s %s: %d\n", c.t("kontak baru", "new contacts"), k, n)
		}
	}
	for i, e := range p.Fresh {
		if i == 10 {
			fmt.Fprintf(&s, c.t("…dan %d lagi\n", "…and %d more\n"), len(p.Fresh)-10)
			break
		}
		conf := "-"
		if !e.Confirmed.IsZero() {
			conf = e.Confirmed.UTC().Format("2006-01-02")
		}
		fmt.Fprintf(&s, "+ %s · %s · %d %s · %d %s\n", esc(e.Source), conf, e.Reports, c.t("laporan", "reports"), len(e.Contacts), c.t("kontak", "contacts"))
	}
	if len(p.Fresh) == 0 {
		return c.say(ctx, s.String()+c.t("Tidak ada yang baru.", "Nothing new."))
	}
	id := addPreview(c.a, c.a.imports, &importPending{user: c.m.From.ID, file: d.FileName, entries: p.Fresh, text: s.String(), created: time.Now()})
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(c.t("Terapkan", "Apply"), "adm:mi:ok:"+id),
		tgbotapi.NewInlineKeyboardButtonData(c.t("Batal", "Cancel"), "adm:mi:no:"+id),
	))
	_, err = c.a.send.Send(ctx, c.m.Chat.ID, htmlMsg(c.m.Chat.ID, s.String(), &kb))
	return err
}

// importButton applies or cancels a previewed memory import.
func (a *Admin) importButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string) error {
	p, apply, answered, err := pressedPreview(ctx, a, q, lang, a.imports, "memory_import")
	if answered || err != nil {
		return err
	}
	note := tr(lang, "Dibatalkan. Tidak ada yang berubah.", "Cancelled. Nothing changed.")
	if apply {
		_ = a.st.LogAdminAction(ctx, q.From.ID, "memory_import "+p.file, true)
		if err := a.st.ImportMemory(ctx, p.entries, fmt.Sprint(q.From.ID), p.file); err != nil {
			return err
		}
		if h := a.mem; h != nil {
			if err := h.Reload(ctx); err != nil {
				return err
			}
		}
		note = fmt.Sprintf(tr(lang, "Diimpor: %d entri.", "Imported: %d entries."), len(p.entries))
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
