package main

import (
	"strings"
	"testing"
)

// bot screen shows that the bot answers a cry for help with help.
func TestScreenShowsHelpForACryForHelp(t *testing.T) {
	code, out, _ := run(t, "", "screen", "--lang", "en", "Please help, they took my passport and I can't leave. I'm in Myawaddy")
	if code != 0 || !strings.HasPrefix(out, "A cry for help") || !strings.Contains(out, "KBRI (Indonesian embassy) Yangon: +95 9 503 7055") || strings.Contains(out, "<b>") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	code, out, _ = run(t, "", "screen", "Dicari admin di Kamboja, gaji 15jt, tiket ditanggung")
	if code != 0 || strings.Contains(out, "minta tolong") {
		t.Errorf("a job ad read as a cry for help: exit %d\n%s", code, out)
	}
}
