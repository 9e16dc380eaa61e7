package reply

import (
	"fmt"
	"html"
	"strings"

	"github.com/cekloker/cekloker/internal/i18n"
	"github.com/cekloker/cekloker/internal/rules"
	"github.com/cekloker/cekloker/internal/screen"
)

// Trouble renders the help for a cry for help or a scam that already
// happened: no risk verdict, only what to do now, from the rule file's
// distress section (facts.md). People in danger abroad get their embassy
// first (by the country they name or their phone number), then Kemlu's and
// KP2MI's channels; people who already paid get the after-the-fact steps.
func Trouble(t screen.Trouble, f *rules.File, lang string) string {
	d := f.Distress
	kinds := t.Kinds
	danger, paid := t.InDanger(), t.Paid()
	if !danger && !paid {
		// Only a plea: give the help for people in danger.
		danger, kinds = true, []string{"held"}
	}
	var b strings.Builder
	b.WriteString("🆘 <b>" + i18n.T(lang, "trouble_title") + "</b>\n")
	n := 0
	item := func(s string) {
		n++
		fmt.Fprintf(&b, "%d. %s\n", n, s)
	}
	if danger {
		if paid {
			b.WriteString("\n<b>" + i18n.T(lang, "trouble_danger") + "</b>\n")
		}
		item(embassyLine(t, f, lang))
		for _, h := range d.Help {
			if h.ShowsFor(dangerKinds(kinds)) {
				item(esc(f.Text(h.Text, lang)))
			}
		}
	}
	if paid {
		b.WriteString("\n<b>" + i18n.T(lang, "trouble_paid") + "</b>\n")
		for _, h := range d.Help {
			if h.ShowsFor([]string{"paid"}) && len(h.Kinds) > 0 {
				item(esc(f.Text(h.Text, lang)))
			}
		}
	}
	return fit(SpellOut(strings.TrimRight(b.String(), "\n"), lang))
}

// TroublePlain is [Trouble] as plain text, for the terminal.
func TroublePlain(t screen.Trouble, f *rules.File, lang string) string {
	return html.UnescapeString(strings.NewReplacer("<b>", "", "</b>", "").Replace(Trouble(t, f, lang))) + "\n"
}

// TroubleKinds returns the kinds used to choose the help and its buttons.
func TroubleKinds(t screen.Trouble) []string {
	if !t.InDanger() && !t.Paid() {
		return []string{"held"}
	}
	return t.Kinds
}

// dangerKinds drops "paid", so that a step for payments is not shown in
// the danger section.
func dangerKinds(kinds []string) []string {
	var out []string
	for _, k := range kinds {
		if k != "paid" {
			out = append(out, k)
		}
	}
	return out
}

// embassyLine names the embassy of the country the person is in, with its
// number when facts.md confirms one.
func embassyLine(t screen.Trouble, f *rules.File, lang string) string {
	c := t.Country
	if c == nil {
		return esc(i18n.T(lang, "embassy_nearest"))
	}
	name := DestName(c, f, lang)
	e, ok := f.Distress.EmbassyOf(c.ID)
	switch {
	case ok && e.Phone != "":
		note := ""
		if n := f.Text(e.Note, lang); n != "" {
			note = " (" + esc(n) + ")"
		}
		return i18n.T(lang, "embassy_call", "Embassy", esc(f.Text(e.Name, lang)), "Phone", esc(e.Phone), "Note", note)
	case ok:
		return i18n.T(lang, "embassy_contact", "Embassy", esc(f.Text(e.Name, lang)), "Country", esc(name))
	}
	return i18n.T(lang, "embassy_nearest_in", "Country", esc(name))
}
