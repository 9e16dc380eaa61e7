package tgfake_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/tgfake"
)

func TestGetMe(t *testing.T) {
	srv, bot := start(t)
	if bot.Self.ID != 123456 || !bot.Self.IsBot || bot.Self.UserName != "fake_bot" {
		t.Fatalf("default self = %+v", bot.Self)
	}
	srv.SetBot(777, "cekloker_bot")
	me, err := bot.GetMe()
	if err != nil || me.ID != 777 || me.UserName != "cekloker_bot" {
		t.Fatalf("GetMe = %+v, %v", me, err)
	}
	if n := len(srv.Calls("getme")); n != 2 {
		t.Fatalf("getMe calls = %d, want 2 (constructor + explicit)", n)
	}
}

func TestWrongTokenIsUnauthorized(t *testing.T) {
	srv := tgfake.New(token)
	defer srv.Close()
	_, err := tgbotapi.NewBotAPIWithAPIEndpoint("999:wrong", srv.Endpoint())
	if e := apiErr(t, err); e.Code != 401 || e.Message != "Unauthorized" {
		t.Fatalf("err = %+v", e)
	}
	resp, err := http.Post(srv.URL()+"/bot999:wrong/getMe", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("HTTP status = %d", resp.StatusCode)
	}
}

func TestUnknownMethod(t *testing.T) {
	_, bot := start(t)
	_, err := bot.MakeRequest("sendTelepathy", nil)
	if e := apiErr(t, err); e.Code != 404 || e.Message != "Not Found: method not found" {
		t.Fatalf("err = %+v", e)
	}
}

func TestFault429HasRetryAfter(t *testing.T) {
	srv, bot := start(t)
	srv.FailNext("sendMessage", 1, tgfake.Fault{Status: 429, RetryAfter: 3})
	_, err := bot.Send(tgbotapi.NewMessage(alice.ID, "hi"))
	e := apiErr(t, err)
	if e.Code != 429 || e.RetryAfter != 3 || e.Message != "Too Many Requests: retry after 3" {
		t.Fatalf("err = %+v", e)
	}
	send(t, bot, alice.ID, "hi again") // the fault was used up
	calls := srv.Calls("sendMessage")
	if len(calls) != 2 || calls[0].Status != 429 || calls[1].Status != 200 {
		t.Fatalf("calls = %+v", calls)
	}
	if got := len(srv.Sent()); got != 1 {
		t.Fatalf("sent = %d, want 1 (the 429 one was not sent)", got)
	}
}

func TestFault500And403And400(t *testing.T) {
	srv, bot := start(t)
	srv.FailNext("sendMessage", 1, tgfake.Fault{Status: 500})
	srv.FailNext("sendMessage", 1, tgfake.Fault{Status: 403, Description: "Forbidden: bot was kicked from the group chat"})
	srv.FailNext("getChat", 1, tgfake.Fault{Status: 400, Description: "Bad Request: chat not found"})
	for _, want := range []struct {
		code int
		msg  string
	}{{500, "Internal Server Error"}, {403, "Forbidden: bot was kicked from the group chat"}} {
		_, err := bot.Send(tgbotapi.NewMessage(group.ID, "x"))
		if e := apiErr(t, err); e.Code != want.code || e.Message != want.msg {
			t.Fatalf("err = %+v, want %+v", e, want)
		}
	}
	srv.AddChat(group)
	_, err := bot.GetChat(tgbotapi.ChatInfoConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: group.ID}})
	if e := apiErr(t, err); e.Code != 400 || e.Message != "Bad Request: chat not found" {
		t.Fatalf("getChat err = %+v", e)
	}
	if len(srv.Sent()) != 0 {
		t.Fatal("failed sends were recorded as sent")
	}
}

func TestFaultDelayThenNormal(t *testing.T) {
	srv, bot := start(t)
	srv.FailNext("sendMessage", 1, tgfake.Fault{Delay: 150 * time.Millisecond})
	begin := time.Now()
	send(t, bot, alice.ID, "slow")
	if d := time.Since(begin); d < 150*time.Millisecond {
		t.Fatalf("answered after %v, want >= 150ms", d)
	}
	srv.SetLatency("getMe", 100*time.Millisecond)
	begin = time.Now()
	if _, err := bot.GetMe(); err != nil || time.Since(begin) < 100*time.Millisecond {
		t.Fatalf("latency not applied: %v after %v", err, time.Since(begin))
	}
}

func TestFaultDropClosesConnection(t *testing.T) {
	srv, bot := start(t)
	srv.FailNext("sendMessage", 1, tgfake.Fault{Drop: true})
	_, err := bot.Send(tgbotapi.NewMessage(alice.ID, "lost"))
	var e *tgbotapi.Error
	if err == nil || errors.As(err, &e) {
		t.Fatalf("want a transport error, got %v", err)
	}
	if !strings.Contains(err.Error(), "EOF") {
		t.Logf("transport error: %v", err)
	}
	send(t, bot, alice.ID, "after the drop")
	if c := srv.Calls("sendMessage"); len(c) != 2 || c[0].Status != 0 || c[0].Params.Get("text") != "lost" {
		t.Fatalf("calls = %+v", c)
	}
}

func TestCloseEndsLongPoll(t *testing.T) {
	srv, bot := start(t)
	done := make(chan error, 1)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		done <- err
	}()
	if _, err := srv.WaitCalls(ctx(t), "getUpdates", 1); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("long poll still open after Close")
	}
}
