package tgfake_test

import (
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestGlobalRateLimitViolations(t *testing.T) {
	srv, bot := start(t)
	srv.EnforceLimits(5, 0)
	var rejected int
	for i := range 8 {
		_, err := bot.Send(tgbotapi.NewMessage(alice.ID+int64(i), "burst"))
		if err != nil {
			e := apiErr(t, err)
			if e.Code != 429 || e.RetryAfter < 1 {
				t.Fatalf("rejection = %+v", e)
			}
			rejected++
		}
	}
	// 8 sequential loopback requests take far less than a second.
	if rejected != 3 || srv.Violations() != 3 || len(srv.Sent()) != 5 {
		t.Fatalf("rejected %d, violations %d, sent %d", rejected, srv.Violations(), len(srv.Sent()))
	}
	if got := srv.MaxRatePerSecond(); got != 8 {
		t.Fatalf("max rate = %d, want 8 attempts in one second", got)
	}
	srv.Reset()
	if srv.Violations() != 0 || srv.MaxRatePerSecond() != 0 || len(srv.Calls("")) != 0 {
		t.Fatal("Reset kept records")
	}
}

func TestPerGroupLimitAndDocumentErrors(t *testing.T) {
	srv, bot := start(t)
	srv.EnforceLimits(0, 2)
	send(t, bot, group.ID, "1")
	send(t, bot, group.ID, "2")
	send(t, bot, alice.ID, "private chats are not group-limited")
	_, err := bot.Send(tgbotapi.NewMessage(group.ID, "3"))
	if e := apiErr(t, err); e.Code != 429 || e.RetryAfter < 55 || e.RetryAfter > 60 {
		t.Fatalf("group limit: %+v", e)
	}
	// Multipart uploads go through tgbotapi's UploadFiles, which does not
	// copy error_code into Error.Code: only Message and RetryAfter are set.
	doc := tgbotapi.NewDocument(group.ID, tgbotapi.FileBytes{Name: "a.txt", Bytes: []byte("a")})
	_, err = bot.Send(doc)
	if e := apiErr(t, err); e.Code != 0 || e.RetryAfter < 55 || e.Message == "" {
		t.Fatalf("document over limit: %+v", e)
	}
	if srv.Violations() != 2 {
		t.Fatalf("violations = %d", srv.Violations())
	}
}

func TestConcurrentSendsAreCounted(t *testing.T) {
	srv, bot := start(t)
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Go(func() {
			for i := range 10 {
				if _, err := bot.Send(tgbotapi.NewMessage(int64(1000+w), "m"+itoa(i))); err != nil {
					t.Error(err)
				}
				_ = srv.Sent()
				_ = srv.MaxRatePerSecond()
			}
		})
	}
	wg.Wait()
	sent := srv.Sent()
	if len(sent) != 60 || len(srv.Calls("sendMessage")) != 60 {
		t.Fatalf("sent %d", len(sent))
	}
	ids := map[int]bool{}
	for _, s := range sent {
		if ids[s.MessageID] {
			t.Fatalf("message id %d reused", s.MessageID)
		}
		ids[s.MessageID] = true
	}
	if r := srv.MaxRatePerSecond(); r < 1 || r > 60 {
		t.Fatalf("max rate = %d", r)
	}
}
