package telegram

import (
	"context"
	"errors"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/reply"
	"github.com/cekloker/cekloker/internal/store"
)

// onFeedback stores a 👍/👎 vote, but only about a screening that was
// shown in the chat the button was pressed in: a group's own screening,
// or one this chat was answered with. A forged button for another chat's
// screening is answered and ignored.
func (b *Bot) onFeedback(ctx context.Context, q *tgbotapi.CallbackQuery, lang string) error {
	sid, vote, ok := parseFeedback(q.Data)
	if !ok || q.Message == nil || q.Message.Chat == nil {
		return b.answerCallback(ctx, q, "", false)
	}
	sc, err := b.store.Screening(ctx, sid)
	if errors.Is(err, store.ErrNotFound) {
		return b.answerCallback(ctx, q, "", false)
	}
	if err != nil {
		return err
	}
	chat := q.Message.Chat.ID
	same := sc.ChatID != 0 && sc.ChatID == chat
	if !same {
		if same, err = b.store.Shown(ctx, chat, sc.TextHash); err != nil {
			return err
		}
	}
	if !same {
		b.log.Info("telegram: feedback for a screening of another chat ignored", "screening", sid)
		return b.answerCallback(ctx, q, "", false)
	}
	if _, err := b.store.RecordFeedback(ctx, sid, q.From.ID, vote); err != nil {
		b.log.Warn("telegram: record feedback", "error", err)
	} else if m := q.Message; m.ReplyMarkup != nil {
		// The buttons show the choice; "wrong" also offers a report.
		kb := markChoice(*m.ReplyMarkup, q.Data)
		if vote == store.VoteWrong {
			kb = withReportButton(kb, sid, lang)
		}
		if _, err := b.send.Request(ctx, tgbotapi.NewEditMessageReplyMarkup(m.Chat.ID, m.MessageID, kb)); err != nil {
			b.log.Warn("telegram: mark feedback choice", "error", redact(err, b.cfg.Token))
		}
	}
	return b.answerCallback(ctx, q, reply.ThanksFeedback(vote, lang), false)
}

// recordShown notes that a stored screening was shown in a chat (through
// a deep link), so that its feedback buttons work there.
func (b *Bot) recordShown(ctx context.Context, chatID, sid int64, replyID int) error {
	sc, err := b.store.Screening(ctx, sid)
	if err != nil {
		return err
	}
	return b.store.RecordAnswer(ctx, chatID, 0, sc.TextHash, replyID)
}
