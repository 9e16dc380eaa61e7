package admin

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/store"
)

// forgetPending is a previewed /forget waiting for Apply or Cancel.
type forgetPending struct {
	user    int64
	key     string
	text    string
	created time.Time
}

var entryArg = regexp.MustCompile(`^#?-?\d{1,9}$`)

func (a *Admin) memorySnap() *memory.Snapshot {
	if a.mem != nil {
		return a.mem.Current()
	}
	return nil
}

// reloadMemory reloads the memory from the store, if the bot has one.
func (a *Admin) reloadMemory(ctx context.Context) error {
	if a.mem != nil {
		return a.mem.Reload(ctx)
	}
	return nil
}

// forget previews removing an entry ("/forget 12", "/forget -40" for a
// known template) or a contact ("/forget +855 16 318 274") from memory:
// which entries it touches and which kept verdicts would change level.
func (c *call) forget(ctx context.Context) error {
	arg := strings.TrimSpace(strings.Join(c.args, " "))
	snap := c.a.memorySnap()
	if arg == "" || snap == nil {
		return c.say(ctx, c.t("admin_usage_forget_id_memory_entry"))
	}
	var (
		key     string
		entries []*memory.Entry
	)
	if entryArg.MatchString(arg) {
		id, _ := strconv.ParseInt(strings.TrimPrefix(arg, "#"), 10, 64)
		for i := range snap.Entries() {
			if e := &snap.Entries()[i]; e.ID == id {
				entries = append(entries, e)
			}
		}
		key = "entry:" + strconv.FormatInt(id, 10)
	} else {
		eng, _ := c.a.m.Current()
		cs := memory.Contacts(eng.Extract(arg))
		if len(cs) != 1 {
			return c.say(ctx, c.t("admin_give_one_number_handle_link"))
		}
		key = cs[0].Key()
		entries = snap.WithContact(cs[0])
	}
	if len(entries) == 0 {
		return c.say(ctx, c.t("admin_not_in_memory", "Key", esc(key)))
	}
	var s strings.Builder
	fmt.Fprintf(&s, "<b>%s</b> <code>%s</code>\n", c.t("admin_preview_forget"), esc(key))
	ids := make([]int64, 0, len(entries))
	for _, e := range entries {
		ids = append(ids, e.ID)
		conf := c.t("admin_known_template")
		if !e.Confirmed.IsZero() {
			conf = when(e.Confirmed)
		}
		fmt.Fprintf(&s, "• #%d %s · %s · %d %s · %d %s\n", e.ID, esc(e.Source), conf, e.Reports, c.t("admin_reports"), len(e.Contacts), c.t("admin_contacts"))
	}
	hits, err := c.a.st.MemoryHits(ctx, ids)
	if err != nil {
		return err
	}
	eng, _ := c.a.m.Current()
	th := eng.Rules().Thresholds
	changed := 0
	var lines []string
	for _, h := range hits {
		after := th.Level(h.Score - h.Weight)
		if after == h.Level {
			continue
		}
		changed++
		if len(lines) < 8 {
			lines = append(lines, fmt.Sprintf("• %s %s: %s %d → %s %d", when(h.Time), esc(h.ChatType), h.Level, h.Score, after, h.Score-h.Weight))
		}
	}
	fmt.Fprintf(&s, "\n%s: %d %s %d\n", c.t("admin_kept_verdicts_that_change_level"), changed, c.t("admin_of"), len(hits))
	for _, l := range lines {
		s.WriteString(l + "\n")
	}
	id := addPreview(c.a, c.a.forgets, &forgetPending{user: c.m.From.ID, key: key, text: s.String(), created: time.Now()})
	return c.sendPreview(ctx, s.String(), "fg", id, c.t("admin_forget"))
}

// sendPreview sends the text of preview id with its buttons: okLabel and
// Cancel, pressed as "adm:KIND:ok:ID" and "adm:KIND:no:ID" (pressedPreview).
func (c *call) sendPreview(ctx context.Context, text, kind, id, okLabel string) error {
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(okLabel, "adm:"+kind+":ok:"+id),
		tgbotapi.NewInlineKeyboardButtonData(c.t("admin_cancel"), "adm:"+kind+":no:"+id),
	))
	_, err := c.a.send.Send(ctx, c.m.Chat.ID, htmlMsg(c.m.Chat.ID, text, &kb))
	return err
}

// forgetButton applies or cancels a previewed /forget.
func (a *Admin) forgetButton(ctx context.Context, q *tgbotapi.CallbackQuery, lang string) error {
	p, apply, answered, err := pressedPreview(ctx, a, q, lang, a.forgets, "forget")
	if answered || err != nil {
		return err
	}
	note := i18n.T(lang, "admin_cancelled_nothing_changed")
	if apply {
		_ = a.st.LogAdminAction(ctx, q.From.ID, "forget "+p.key, true)
		err := a.st.Forget(ctx, p.key, q.From.ID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			note = i18n.T(lang, "admin_no_longer_in_memory")
		case err != nil:
			return err
		default:
			if err := a.reloadMemory(ctx); err != nil {
				return err
			}
			note = i18n.T(lang, "admin_forgotten")
		}
	}
	return a.finishPreview(ctx, q, p.text, note)
}

// preview is a previewed change waiting for its admin's button.
type preview interface {
	owner() (user int64, created time.Time)
}

func (p *pending) owner() (int64, time.Time)       { return p.user, p.created }
func (p *forgetPending) owner() (int64, time.Time) { return p.user, p.created }

// takePreview takes preview id out of m for user. It returns the refusal
// to show instead when the preview expired or belongs to another admin.
func takePreview[P preview](a *Admin, m map[string]P, id string, user int64, lang string) (P, string) {
	var none P
	a.mu.Lock()
	p, ok := m[id]
	if ok {
		if u, _ := p.owner(); u == user {
			delete(m, id)
		}
	}
	a.mu.Unlock()
	if !ok {
		return none, i18n.T(lang, "admin_this_preview_has_expired")
	}
	u, created := p.owner()
	switch {
	case time.Since(created) > PendingTTL:
		return none, i18n.T(lang, "admin_this_preview_has_expired")
	case u != user:
		return none, i18n.T(lang, "admin_only_the_admin_who_asked")
	}
	return p, ""
}

// addPreview keeps p under a new id (for its buttons) and drops expired
// previews.
func addPreview[P preview](a *Admin, m map[string]P, p P) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	for id, q := range m {
		if _, created := q.owner(); time.Since(created) > PendingTTL {
			delete(m, id)
		}
	}
	id := newID()
	m[id] = p
	return id
}

// pressedPreview checks a press on a preview's button "adm:KIND:ok:ID" or
// "adm:KIND:no:ID": a bot admin's, on a live preview of their own. When
// answered is true the press was refused and answered already.
func pressedPreview[P preview](ctx context.Context, a *Admin, q *tgbotapi.CallbackQuery, lang string, m map[string]P, action string) (p P, apply, answered bool, err error) {
	b := a.send
	parts := strings.Split(q.Data, ":")
	if len(parts) != 4 || q.Message == nil || q.Message.Chat == nil {
		return p, false, true, b.AnswerCallback(ctx, q, "", false)
	}
	if !a.isAdmin(q.From.ID) {
		_ = a.st.LogAdminAction(ctx, q.From.ID, action, false)
		return p, false, true, b.AnswerCallback(ctx, q, i18n.T(lang, "admin_only_for_the_bot_s"), true)
	}
	p, refusal := takePreview(a, m, parts[3], q.From.ID, lang)
	if refusal != "" {
		return p, false, true, b.AnswerCallback(ctx, q, refusal, true)
	}
	return p, parts[2] == "ok", false, nil
}
