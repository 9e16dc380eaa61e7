package ops

import tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

type tgMessage = tgbotapi.Message
