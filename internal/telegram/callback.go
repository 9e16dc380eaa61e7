package telegram

import (
	"context"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/store"
)

// onCallback handles a press on an inline button.
func (b *Bot) onCallback(ctx context.Context, q *tgbotapi.CallbackQuery) error {
	lang := reply.Lang(q.From.LanguageCode)
	switch {
	case strings.HasPrefix(q.Data, "fb:"):
		return b.onFeedback(ctx, q, lang)
	case strings.HasPrefix(q.Data, "dt:"):
		return b.onDetails(ctx, q, lang)
	case strings.HasPrefix(q.Data, "rp:"):
		return b.onReportButton(ctx, q, lang)
	case strings.HasPrefix(q.Data, "set:") && q.Message != nil && q.Message.Chat != nil:
		return b.onSettingsButton(ctx, q)
	case b.cfg.Commands != nil:
		if handled, err := b.cfg.Commands.HandleCallback(ctx, q); handled {
			return err
		}
	}
	return b.answerCallback(ctx, q, "", false)
}

func (b *Bot) answerCallback(ctx context.Context, q *tgbotapi.CallbackQuery, text string, alert bool) error {
	return b.send.AnswerCallback(ctx, q, text, alert)
}

func feedbackData(sid int64, vote string) string {
	v := "h"
	if vote == store.VoteWrong {
		v = "w"
	}
	return "fb:" + strconv.FormatInt(sid, 10) + ":" + v
}

func parseFeedback(data string) (int64, string, bool) {
	parts := strings.Split(data, ":")
	if len(parts) != 3 {
		return 0, "", false
	}
	sid, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return 0, "", false
	}
	switch parts[2] {
	case "h":
		return sid, store.VoteHelpful, true
	case "w":
		return sid, store.VoteWrong, true
	}
	return 0, "", false
}
