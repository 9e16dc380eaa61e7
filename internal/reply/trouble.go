package reply

import (
	"fmt"
	"html"
	"strings"

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
	b.WriteString("🆘 <b>" + label(lang, "Ini yang bisa Anda lakukan sekarang", "What you can do now") + "</b>\n")
	n := 0
	item := func(s string) {
		n++
		fmt.Fprintf(&b, "%d. %s\n", n, s)
	}
	if danger {
		if paid {
			b.WriteString("\n<b>" + label(lang, "Jika Anda dalam bahaya:", "If you are in danger:") + "</b>\n")
		}
		item(embassyLine(t, f, lang))
		for _, h := range d.Help {
			if h.ShowsFor(dangerKinds(kinds)) {
				item(esc(h.Text.In(lang)))
			}
		}
	}
	if paid {
		b.WriteString("\n<b>" + label(lang, "Sudah terlanjur bayar atau kirim data:", "If you already paid or sent your data:") + "</b>\n")
		for _, h := range d.Help {
			if h.ShowsFor([]string{"paid"}) && len(h.Kinds) > 0 {
				item(esc(h.Text.In(lang)))
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
		return esc(label(lang, "Hubungi KBRI/KJRI terdekat di negara tempat Anda berada.", "Contact the nearest KBRI/KJRI in the country you are in."))
	}
	name := destName(f, c, lang)
	e, ok := f.Distress.EmbassyOf(c.ID)
	switch {
	case ok && e.Phone != "":
		note := ""
		if n := e.Note.In(lang); n != "" {
			note = " (" + esc(n) + ")"
		}
		return fmt.Sprintf(label(lang, "Hubungi <b>%s</b>: %s%s.", "Call <b>%s</b>: %s%s."), esc(e.Name.In(lang)), esc(e.Phone), note)
	case ok:
		return fmt.Sprintf(label(lang, "Hubungi <b>%s</b> di %s (lewat Safe Travel atau hotline Kemlu di bawah).", "Contact <b>%s</b> in %s (through Safe Travel or the Kemlu hotline below)."), esc(e.Name.In(lang)), esc(name))
	}
	return fmt.Sprintf(label(lang, "Hubungi KBRI/KJRI terdekat di %s.", "Contact the nearest KBRI/KJRI in %s."), esc(name))
}
