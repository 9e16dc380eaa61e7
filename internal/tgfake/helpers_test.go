package tgfake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/tgfake"
)

const token = "123456:TEST-token"

var (
	alice   = tgfake.User{ID: 501, FirstName: "Alice", Username: "alice", LanguageCode: "id"}
	bob     = tgfake.User{ID: 502, FirstName: "Bob"}
	private = tgfake.Chat{ID: alice.ID, Type: "private"}
	group   = tgfake.Chat{ID: -1001234567890, Type: "supergroup", Title: "Loker Jakarta", Username: "lokerjkt"}
)

// start returns a fake server and a real tgbotapi client talking to it.
func start(t *testing.T) (*tgfake.Server, *tgbotapi.BotAPI) {
	t.Helper()
	srv := tgfake.New(token)
	t.Cleanup(srv.Close)
	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint(token, srv.Endpoint())
	if err != nil {
		t.Fatalf("NewBotAPIWithAPIEndpoint: %v", err)
	}
	return srv, bot
}

// ctx returns a context that bounds one test.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

// apiErr extracts the *tgbotapi.Error the library returns for ok=false.
func apiErr(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("want *tgbotapi.Error, got %T %v", err, err)
	}
	return e
}

// send sends a plain text message and fails the test on error.
func send(t *testing.T, bot *tgbotapi.BotAPI, chatID int64, text string) tgbotapi.Message {
	t.Helper()
	m, err := bot.Send(tgbotapi.NewMessage(chatID, text))
	if err != nil {
		t.Fatalf("send %q: %v", text, err)
	}
	return m
}
