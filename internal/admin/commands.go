package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/ruleset"
	"github.com/cekloker/cekloker/internal/store"
)

const day = 24 * time.Hour

func when(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

func (c *call) author(a string) string {
	if a == ruleset.AuthorFile {
		return c.t("admin_the_rules_yaml_file")
	}
	return "admin " + a
}

func (c *call) rules(ctx context.Context) error {
	rv, err := c.a.m.Active(ctx)
	if err != nil {
		return err
	}
	eng, _ := c.a.m.Current()
	f := eng.Rules()
	on, off := map[string]int{}, map[string]int{}
	for _, r := range f.Rules {
		if r.Disabled {
			off[r.Category]++
		} else {
			on[r.Category]++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s %d</b>\n%s: %s\n%s: %s\n%s\n", c.t("admin_rules_version"), rv.Version,
		c.t("admin_by"), esc(c.author(rv.Author)), c.t("admin_time"), when(rv.Created), esc(rv.Summary))
	fmt.Fprintf(&b, "%s: %s %d, %s %d\n", c.t("admin_thresholds"),
		c.t("admin_medium"), f.Thresholds.Medium, c.t("admin_high"), f.Thresholds.High)
	if m := eng.Model(); m != nil {
		fmt.Fprintf(&b, "%s: ", c.t("admin_text_model"))
		if _, mv := c.a.m.CurrentModel(); mv > 0 {
			b.WriteString(c.t("admin_model_version_short", "Version", mv))
		}
		fmt.Fprintf(&b, "<code>%s</code> (%s %s) /model\n", esc(m.Version), c.t("admin_trained"), esc(m.Manifest.Created))
	} else {
		fmt.Fprintf(&b, "%s\n", c.t("admin_text_model_off_rules_alone"))
	}
	fmt.Fprintf(&b, "\n<b>%s</b>\n", c.t("admin_rules_per_category"))
	for _, cat := range f.Categories {
		fmt.Fprintf(&b, "• %s (<code>%s</code>): %d", esc(f.Text(cat.Name, c.lang)), esc(cat.ID), on[cat.ID])
		if off[cat.ID] > 0 {
			fmt.Fprintf(&b, " + %d %s", off[cat.ID], c.t("admin_off"))
		}
		b.WriteString("\n")
	}
	return c.say(ctx, b.String())
}

func (c *call) noRule(ctx context.Context, id string) error {
	return c.say(ctx, c.t("admin_no_rule", "Rule", esc(id)))
}

func (c *call) rule(ctx context.Context) error {
	if len(c.args) != 1 {
		return c.say(ctx, c.t("admin_usage_rule_id"))
	}
	eng, _ := c.a.m.Current()
	r := eng.Rules().Rule(c.args[0])
	if r == nil {
		return c.noRule(ctx, c.args[0])
	}
	st := c.a.st
	now := time.Now()
	h7, err := st.RuleHits(ctx, r.ID, now.Add(-7*day))
	if err != nil {
		return err
	}
	h30, err := st.RuleHits(ctx, r.ID, now.Add(-30*day))
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b>", esc(r.ID))
	if r.Disabled {
		b.WriteString(c.t("admin_off_2"))
	}
	fmt.Fprintf(&b, "\n%s: <code>%s</code>\n%s: %d\n", c.t("admin_category"), esc(r.Category), c.t("admin_weight"), r.Weight)
	fmt.Fprintf(&b, "%s: %d (7 %s), %d (30 %s)\n", c.t("admin_hits"), h7, c.t("admin_days"), h30, c.t("admin_days"))
	if len(r.Patterns) > 0 {
		fmt.Fprintf(&b, "\n<b>%s</b>\n", c.t("admin_patterns"))
		for _, p := range r.Patterns {
			fmt.Fprintf(&b, "• <code>%s</code>\n", esc(p))
		}
	}
	if len(r.Exclude) > 0 {
		fmt.Fprintf(&b, "<b>%s</b>: %s\n", c.t("admin_except"), esc(strings.Join(r.Exclude, "; ")))
	}
	if r.MinMatches > 1 {
		fmt.Fprintf(&b, "min_matches: %d\n", r.MinMatches)
	}
	if r.Entity != nil {
		fmt.Fprintf(&b, "entity: <code>%s</code>\n", esc(r.Entity.Kind))
	}
	fmt.Fprintf(&b, "\n<b>%s</b>\n", c.t("admin_explanation"))
	for _, l := range eng.Rules().Languages {
		fmt.Fprintf(&b, "%s: %s\n", strings.ToUpper(l), esc(r.Explain.In(l)))
	}
	fmt.Fprintf(&b, "\n<b>%s</b>\n", c.t("admin_examples_that_must_match"))
	for _, ex := range r.Examples.Match {
		fmt.Fprintf(&b, "✓ %s\n", esc(ex))
	}
	fmt.Fprintf(&b, "<b>%s</b>\n", c.t("admin_examples_that_must_not_match"))
	for _, ex := range r.Examples.NoMatch {
		fmt.Fprintf(&b, "✗ %s\n", esc(ex))
	}
	return c.say(ctx, b.String())
}

// activeYAML is the active version and its YAML.
func (c *call) active(ctx context.Context) (store.Version, error) {
	return c.a.m.Active(ctx)
}

func (c *call) toggle(ctx context.Context, off bool) error {
	cmd := "/rule_on"
	if off {
		cmd = "/rule_off"
	}
	if len(c.args) != 1 {
		return c.say(ctx, c.t("admin_usage")+cmd+" ID")
	}
	rv, err := c.active(ctx)
	if err != nil {
		return err
	}
	out, err := ruleset.SetDisabled(rv.Data, c.args[0], off)
	if err != nil {
		return c.noRule(ctx, c.args[0])
	}
	return c.preview(ctx, rv.Version, out, "")
}

func (c *call) weight(ctx context.Context) error {
	n, err := 0, error(nil)
	if len(c.args) == 2 {
		n, err = strconv.Atoi(c.args[1])
	}
	if len(c.args) != 2 || err != nil {
		return c.say(ctx, c.t("admin_usage_weight_id_n_n"))
	}
	rv, err := c.active(ctx)
	if err != nil {
		return err
	}
	out, err := ruleset.SetWeight(rv.Data, c.args[0], n)
	if err != nil {
		return c.noRule(ctx, c.args[0])
	}
	return c.preview(ctx, rv.Version, out, "")
}

func (c *call) threshold(ctx context.Context) error {
	n, err := 0, error(nil)
	if len(c.args) == 2 {
		n, err = strconv.Atoi(c.args[1])
	}
	if len(c.args) != 2 || err != nil || c.args[0] != "medium" && c.args[0] != "high" {
		return c.say(ctx, c.t("admin_usage_threshold_medium_high_n"))
	}
	rv, err := c.active(ctx)
	if err != nil {
		return err
	}
	out, err := ruleset.SetThreshold(rv.Data, c.args[0], n)
	if err != nil {
		return c.say(ctx, esc(err.Error()))
	}
	return c.preview(ctx, rv.Version, out, "")
}

func (c *call) export(ctx context.Context) error {
	rv, err := c.active(ctx)
	if err != nil {
		return err
	}
	doc := tgbotapi.NewDocument(c.m.Chat.ID, tgbotapi.FileBytes{Name: "rules.yaml", Bytes: rv.Data})
	doc.Caption = c.t("admin_rules_file_caption", "Version", rv.Version)
	_, err = c.a.send.Send(ctx, c.m.Chat.ID, doc)
	return err
}

// errTooBig is returned for files over the size limit.
var errTooBig = errors.New("too big")

// download fetches a document of at most limit bytes.
func (c *call) download(ctx context.Context, d *tgbotapi.Document, limit int) ([]byte, error) {
	if d.FileSize > limit {
		return nil, errTooBig
	}
	resp, err := c.a.send.Request(ctx, tgbotapi.FileConfig{FileID: d.FileID})
	if err != nil {
		return nil, err
	}
	var f tgbotapi.File
	if err := json.Unmarshal(resp.Result, &f); err != nil {
		return nil, err
	}
	if f.FileSize > limit {
		return nil, errTooBig
	}
	res, err := c.a.send.FetchFile(ctx, f.FilePath)
	if err != nil {
		return nil, errors.New("download failed") // the URL holds the token
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download failed: HTTP %d", res.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, int64(limit)+1))
	if err != nil {
		return nil, errors.New("download failed")
	}
	if len(data) > limit {
		return nil, errTooBig
	}
	return data, nil
}

func (c *call) importFile(ctx context.Context) error {
	d := c.m.Document
	if d == nil {
		return c.say(ctx, c.t("admin_send_the_rules_yaml_file"))
	}
	rv, err := c.active(ctx)
	if err != nil {
		return err
	}
	// Checking a big file takes a while: it runs off the update path,
	// with a note that it is under way.
	if err := c.say(ctx, c.t("admin_checking_the_file_the_preview")); err != nil {
		return err
	}
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), backgroundTimeout)
	go func() {
		defer cancel()
		if err := c.importPreview(bg, d, rv.Version); err != nil {
			c.a.log.Warn("admin: import", "error", err)
		}
	}()
	return nil
}

// fetch downloads a document of at most limit bytes. When it cannot, it
// tells the admin why and ok is false.
func (c *call) fetch(ctx context.Context, d *tgbotapi.Document, limit int) (data []byte, ok bool, err error) {
	data, err = c.download(ctx, d, limit)
	if errors.Is(err, errTooBig) {
		mb := limit >> 20
		return nil, false, c.say(ctx, c.t("admin_refused_the_file_is_over", "MB", mb))
	}
	if err != nil {
		return nil, false, c.say(ctx, c.t("admin_could_not_download_the_file")+esc(err.Error()))
	}
	return data, true, nil
}

func (c *call) importPreview(ctx context.Context, d *tgbotapi.Document, base int) error {
	data, ok, err := c.fetch(ctx, d, rules.MaxFileSize)
	if !ok {
		return err
	}
	c.sample = true
	return c.preview(ctx, base, data, "")
}

func (c *call) history(ctx context.Context) error {
	vs, err := c.a.st.Versions(ctx, store.RuleVersions, 10)
	if err != nil {
		return err
	}
	_, cur := c.a.m.Current()
	return c.sayHistory(ctx, c.t("admin_rules_history"), "rules_rollback", vs, cur, c.author, false)
}

// sayHistory sends a history: title, the versions vs (cur is the active
// one) with their number, time, author (as author says it), the start of
// their SHA-256 when withID, and summary, and how to roll back.
func (c *call) sayHistory(ctx context.Context, title, rollback string, vs []store.Version, cur int, author func(string) string, withID bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b>\n", title)
	for _, v := range vs {
		mark, id := "", ""
		if v.Version == cur {
			mark = c.t("admin_active")
		}
		if withID {
			id = " · <code>" + esc(v.SHA256[:12]) + "</code>"
		}
		fmt.Fprintf(&b, "<b>%d</b>%s · %s · %s%s\n%s\n", v.Version, mark, when(v.Created), esc(author(v.Author)), id, esc(v.Summary))
	}
	b.WriteString(c.t("admin_go_back_to_an_old", "Cmd", rollback))
	return c.say(ctx, b.String())
}

// versionArg reads the version number of /CMD N; when there is none it
// says how to use cmd and ok is false.
func (c *call) versionArg(ctx context.Context, cmd string) (n int, ok bool, err error) {
	if len(c.args) == 1 {
		if n, err := strconv.Atoi(c.args[0]); err == nil {
			return n, true, nil
		}
	}
	return 0, false, c.say(ctx, c.t("admin_usage_rollback", "Cmd", cmd))
}

// noVersion says that version n does not exist, when err says so.
func (c *call) noVersion(ctx context.Context, err error, n int, history string) (bool, error) {
	if !errors.Is(err, store.ErrNotFound) {
		return false, err
	}
	return true, c.say(ctx, c.t("admin_no_version", "Version", n, "History", history))
}

func (c *call) rollback(ctx context.Context) error {
	n, ok, err := c.versionArg(ctx, "rules_rollback")
	if !ok {
		return err
	}
	old, err := c.a.st.Version(ctx, store.RuleVersions, n)
	if done, err := c.noVersion(ctx, err, n, "rules_history"); done || err != nil {
		return err
	}
	rv, err := c.active(ctx)
	if err != nil {
		return err
	}
	return c.preview(ctx, rv.Version, old.Data, fmt.Sprintf("rollback to version %d", n))
}

func (c *call) review(ctx context.Context) error {
	text, err := c.feedbackText(ctx)
	if err != nil {
		return err
	}
	return c.say(ctx, text)
}

// feedbackText lists the latest "wrong" feedback.
func (c *call) feedbackText(ctx context.Context) (string, error) {
	rs, err := c.a.st.WrongFeedback(ctx, 10)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b>\n", c.t("admin_latest_wrong_feedback"))
	if len(rs) == 0 {
		b.WriteString(c.t("admin_none_yet"))
	}
	for _, r := range rs {
		sc := r.Screening
		ids := strings.Join(sc.RuleIDs, ", ")
		if ids == "" {
			ids = "-"
		}
		engine := fmt.Sprintf("v%d", sc.RulesVersion)
		if sc.ModelVersion != "" {
			engine += " + " + c.t("admin_model") + " " + sc.ModelVersion
		}
		fmt.Fprintf(&b, "\n• %s · %s (%d) · %s · %s\n  <code>%s</code>\n", when(r.Voted), esc(sc.Level), sc.Score, esc(engine), esc(sc.ChatType), esc(ids))
		if sc.Text != "" {
			t := sc.Text
			if len([]rune(t)) > 300 {
				t = string([]rune(t)[:300]) + "…"
			}
			fmt.Fprintf(&b, "  <i>%s</i>\n", esc(t))
		}
	}
	return b.String(), nil
}

func (c *call) stats(ctx context.Context) error {
	st := c.a.st
	now := time.Now()
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b>\n", c.t("admin_statistics"))
	for _, w := range []struct {
		name string
		d    time.Duration
	}{{c.t("admin_24_hours"), day}, {c.t("admin_7_days"), 7 * day}, {c.t("admin_30_days"), 30 * day}} {
		counts, err := st.LevelCounts(ctx, now.Add(-w.d))
		if err != nil {
			return err
		}
		total := 0
		var parts []string
		types := make([]string, 0, len(counts))
		for t := range counts {
			types = append(types, t)
		}
		sort.Strings(types)
		for _, t := range types {
			lv := counts[t]
			n := lv[rules.High] + lv[rules.Medium] + lv[rules.Low]
			total += n
			parts = append(parts, fmt.Sprintf("%s %d (%s %d, %s %d, %s %d)", esc(t), n,
				c.t("admin_high"), lv[rules.High], c.t("admin_medium"), lv[rules.Medium], c.t("admin_low"), lv[rules.Low]))
		}
		fmt.Fprintf(&b, "\n<b>%s</b>: %d %s\n", w.name, total, c.t("admin_screenings"))
		for _, p := range parts {
			fmt.Fprintf(&b, "• %s\n", p)
		}
	}
	hits, err := st.RuleHitCounts(ctx, now.Add(-30*day))
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(hits))
	for id := range hits {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y string) int {
		if hits[x] != hits[y] {
			return hits[y] - hits[x]
		}
		return strings.Compare(x, y)
	})
	fmt.Fprintf(&b, "\n<b>%s</b>\n", c.t("admin_most_frequent_rules_30_days"))
	for _, id := range ids[:min(len(ids), 8)] {
		fmt.Fprintf(&b, "• <code>%s</code>: %d\n", esc(id), hits[id])
	}
	fb, err := st.FeedbackCounts(ctx, now.Add(-30*day))
	if err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n<b>%s</b>: %s %d, %s %d\n", c.t("admin_feedback_30_days"),
		c.t("admin_helpful"), fb[store.VoteHelpful], c.t("admin_wrong"), fb[store.VoteWrong])
	return c.say(ctx, b.String())
}
