package tgfake_test

import (
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/tgfake"
)

func member(t *testing.T, bot *tgbotapi.BotAPI, chatID, userID int64) (tgbotapi.ChatMember, error) {
	t.Helper()
	return bot.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chatID, UserID: userID}})
}

func TestGetChatMemberTable(t *testing.T) {
	srv, bot := start(t)
	srv.PushText(group, alice, "hi")
	srv.SetMember(group.ID, alice.ID, "creator", false)
	srv.SetMember(group.ID, bob.ID, "administrator", true)
	srv.SetMember(group.ID, bot.Self.ID, "administrator", false)

	m, err := member(t, bot, group.ID, alice.ID)
	if err != nil || m.Status != "creator" || !m.IsCreator() || m.User.UserName != "alice" {
		t.Fatalf("alice: %+v %v", m, err)
	}
	if m, _ = member(t, bot, group.ID, bob.ID); !m.IsAdministrator() || !m.CanDeleteMessages {
		t.Fatalf("bob: %+v", m)
	}
	if m, _ = member(t, bot, group.ID, bot.Self.ID); !m.IsAdministrator() || m.CanDeleteMessages || !m.User.IsBot {
		t.Fatalf("bot: %+v", m)
	}
	srv.AddUser(tgfake.User{ID: 999, FirstName: "Carol"})
	if m, _ = member(t, bot, group.ID, 999); m.Status != "left" {
		t.Fatalf("unlisted user: %+v", m)
	}
	_, err = member(t, bot, group.ID, 31337)
	if e := apiErr(t, err); e.Message != "Bad Request: user not found" {
		t.Fatalf("unknown user: %+v", e)
	}
	_, err = member(t, bot, -42, alice.ID)
	if e := apiErr(t, err); e.Message != "Bad Request: chat not found" {
		t.Fatalf("unknown chat: %+v", e)
	}

	// "@username" chat ids resolve to known chats.
	c, err := bot.GetChat(tgbotapi.ChatInfoConfig{ChatConfig: tgbotapi.ChatConfig{SuperGroupUsername: "@lokerjkt"}})
	if err != nil || c.ID != group.ID || c.Title != group.Title || c.Type != "supergroup" {
		t.Fatalf("getChat: %+v %v", c, err)
	}
}

func TestBotRemovedOrBlocked(t *testing.T) {
	srv, bot := start(t)
	small := tgfake.Chat{ID: -5005, Title: "Grup"}
	srv.PushMyChatMember(small, alice, "member", "kicked")
	_, err := bot.Send(tgbotapi.NewMessage(small.ID, "x"))
	if e := apiErr(t, err); e.Code != 403 || e.Message != "Forbidden: bot was kicked from the group chat" {
		t.Fatalf("kicked: %+v", e)
	}
	srv.SetMember(alice.ID, bot.Self.ID, "kicked", false)
	_, err = bot.Send(tgbotapi.NewMessage(alice.ID, "x"))
	if e := apiErr(t, err); e.Code != 403 || e.Message != "Forbidden: bot was blocked by the user" {
		t.Fatalf("blocked: %+v", e)
	}
}

func TestMyCommands(t *testing.T) {
	srv, bot := start(t)
	cmds := []tgbotapi.BotCommand{{Command: "cek", Description: "Periksa iklan lowongan"}, {Command: "bantuan", Description: "Bantuan"}}
	if _, err := bot.Request(tgbotapi.NewSetMyCommands(cmds...)); err != nil {
		t.Fatal(err)
	}
	grp := tgbotapi.NewBotCommandScopeAllGroupChats()
	if _, err := bot.Request(tgbotapi.NewSetMyCommandsWithScopeAndLanguage(grp, "en", cmds[0])); err != nil {
		t.Fatal(err)
	}
	got, err := bot.GetMyCommands()
	if err != nil || len(got) != 2 || got[0].Command != "cek" {
		t.Fatalf("default commands: %+v %v", got, err)
	}
	got, err = bot.GetMyCommandsWithConfig(tgbotapi.NewGetMyCommandsWithScopeAndLanguage(grp, "en"))
	if err != nil || len(got) != 1 {
		t.Fatalf("group/en commands: %+v %v", got, err)
	}
	if c := srv.MyCommands(tgfake.Scope{Type: "all_group_chats"}, "en"); len(c) != 1 || c[0].Description != "Periksa iklan lowongan" {
		t.Fatalf("MyCommands = %+v", c)
	}
	if c := srv.MyCommands(tgfake.Scope{}, "en"); c != nil {
		t.Fatalf("default/en should be empty: %+v", c)
	}
	_, err = bot.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "Cek-Iklan", Description: "x"}))
	if e := apiErr(t, err); e.Message != "Bad Request: BOT_COMMAND_INVALID" {
		t.Fatalf("invalid command: %+v", e)
	}
}
