package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/time/rate"
)

// Limits are Telegram's sending limits as the sender enforces them.
type Limits struct {
	// Global is the sustained rate of calls for all chats together, and
	// GlobalBurst how many may go at once; the sum of the two is the most
	// calls in any one second (Telegram allows about 30).
	Global      rate.Limit
	GlobalBurst int
	// GroupEvery and GroupBurst limit messages into one group: at most
	// GroupBurst at once, then one per GroupEvery (Telegram allows about
	// 20 a minute; 10 at once plus one every 6 s never exceeds that).
	GroupEvery time.Duration
	GroupBurst int
	// Off turns all limits off (for load tests against a local fake).
	Off bool
}

// DefaultLimits keep under Telegram's limits with a margin.
var DefaultLimits = Limits{Global: 25, GlobalBurst: 5, GroupEvery: 6 * time.Second, GroupBurst: 10}

// Sender makes every outgoing Bot API call: it keeps to the rate limits,
// waits out 429 Too Many Requests for its retry_after, retries 5xx and
// network errors with backoff, and gives up on other 4xx errors.
type Sender struct {
	api    *tgbotapi.BotAPI
	http   *http.Client
	token  string
	log    *slog.Logger
	limits Limits
	global *rate.Limiter

	mu     sync.Mutex
	groups map[int64]*rate.Limiter

	// Observe, when set, is told the outcome of every call.
	Observe func(method, outcome string)
	// Depth, when set, is told how many calls are waiting or running.
	Depth func(delta int)

	maxAttempts int
	backoff     time.Duration
}

// NewSender wraps api. The token is only used to keep it out of errors.
func NewSender(api *tgbotapi.BotAPI, client *http.Client, token string, limits Limits, log *slog.Logger) *Sender {
	s := &Sender{api: api, http: client, token: token, log: log, limits: limits,
		groups: map[int64]*rate.Limiter{}, maxAttempts: 6, backoff: 500 * time.Millisecond}
	s.global = rate.NewLimiter(rate.Inf, 0)
	if !limits.Off {
		s.global = rate.NewLimiter(limits.Global, limits.GlobalBurst)
	}
	return s
}

// call is one Bot API call to make.
type call struct {
	method string
	chatID int64 // 0 when the call goes to no chat
	// message is true for calls that post into a chat (counted against
	// the per-group limit).
	message bool
	do      func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error)
}

// Send sends a message (or anything else that posts into a chat).
func (s *Sender) Send(ctx context.Context, chatID int64, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	var msg tgbotapi.Message
	_, err := s.do(ctx, call{method: methodOf(c), chatID: chatID, message: true, do: func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		m, err := api.Send(c)
		msg = m
		return nil, err
	}})
	return msg, err
}

// Request makes a call that does not post a message (answers, deletes,
// edits, lookups).
func (s *Sender) Request(ctx context.Context, c tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	return s.do(ctx, call{method: methodOf(c), do: func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(c)
	}})
}

// Raw makes a call by method name with raw parameters.
func (s *Sender) Raw(ctx context.Context, method string, p tgbotapi.Params) (*tgbotapi.APIResponse, error) {
	return s.do(ctx, call{method: method, do: func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.MakeRequest(method, p)
	}})
}

// ErrGaveUp wraps errors the sender does not retry (4xx other than 429).
var ErrGaveUp = errors.New("telegram refused the call")

func (s *Sender) do(ctx context.Context, c call) (*tgbotapi.APIResponse, error) {
	if s.Depth != nil {
		s.Depth(1)
		defer s.Depth(-1)
	}
	if err := s.wait(ctx, c); err != nil {
		return nil, err
	}
	api := s.withContext(ctx)
	delay := s.backoff
	for attempt := 1; ; attempt++ {
		resp, err := c.do(api)
		if err == nil {
			s.observe(c.method, "ok")
			return resp, nil
		}
		var te *tgbotapi.Error
		switch {
		case errors.As(err, &te) && (te.Code == http.StatusTooManyRequests || te.RetryAfter > 0):
			s.observe(c.method, "429")
			wait := time.Duration(max(te.RetryAfter, 1)) * time.Second
			s.log.Warn("telegram: too many requests, waiting", "method", c.method, "retry_after", wait)
			if err := sleep(ctx, wait); err != nil {
				return nil, err
			}
			continue
		case errors.As(err, &te) && te.Code >= 400 && te.Code < 500:
			s.observe(c.method, fmt.Sprintf("%d", te.Code))
			s.log.Warn("telegram: call refused", "method", c.method, "chat", c.chatID, "code", te.Code, "error", te.Message)
			return nil, fmt.Errorf("%w: %s: %d %s", ErrGaveUp, c.method, te.Code, te.Message)
		case ctx.Err() != nil:
			return nil, ctx.Err()
		}
		outcome := "network"
		if te != nil {
			outcome = "5xx"
		}
		s.observe(c.method, outcome)
		if attempt >= s.maxAttempts {
			return nil, fmt.Errorf("telegram: %s: giving up after %d attempts: %s", c.method, attempt, s.redact(err))
		}
		s.log.Warn("telegram: call failed, retrying", "method", c.method, "attempt", attempt, "in", delay, "error", s.redact(err))
		if err := sleep(ctx, delay); err != nil {
			return nil, err
		}
		delay = min(delay*2, 30*time.Second)
	}
}

// wait blocks until the call may go under the rate limits.
func (s *Sender) wait(ctx context.Context, c call) error {
	if s.limits.Off {
		return nil
	}
	if c.message && c.chatID < 0 {
		if err := s.group(c.chatID).Wait(ctx); err != nil {
			return err
		}
	}
	return s.global.Wait(ctx)
}

func (s *Sender) group(chatID int64) *rate.Limiter {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.groups[chatID]
	if !ok {
		l = rate.NewLimiter(rate.Every(s.limits.GroupEvery), s.limits.GroupBurst)
		s.groups[chatID] = l
	}
	return l
}

func (s *Sender) observe(method, outcome string) {
	if s.Observe != nil {
		s.Observe(method, outcome)
	}
}

// withContext returns a copy of the client whose requests end with ctx.
func (s *Sender) withContext(ctx context.Context) *tgbotapi.BotAPI {
	c := *s.api
	c.Client = ctxClient{ctx: ctx, c: s.http}
	return &c
}

// redact removes the bot token from an error message (HTTP client errors
// quote the URL, which holds the token).
func (s *Sender) redact(err error) string {
	return redact(err, s.token)
}

func redact(err error, token string) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	if token != "" {
		msg = strings.ReplaceAll(msg, token, "<token>")
	}
	return msg
}

// ctxClient makes the library's requests cancellable.
type ctxClient struct {
	ctx context.Context
	c   *http.Client
}

func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	return c.c.Do(req.WithContext(c.ctx))
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// methodOf names the Bot API method of a config, for logs and metrics.
func methodOf(c tgbotapi.Chattable) string {
	switch c.(type) {
	case tgbotapi.MessageConfig:
		return "sendMessage"
	case tgbotapi.EditMessageTextConfig:
		return "editMessageText"
	case tgbotapi.EditMessageReplyMarkupConfig:
		return "editMessageReplyMarkup"
	case tgbotapi.DeleteMessageConfig:
		return "deleteMessage"
	case tgbotapi.CallbackConfig:
		return "answerCallbackQuery"
	case tgbotapi.DocumentConfig:
		return "sendDocument"
	case tgbotapi.SetMyCommandsConfig:
		return "setMyCommands"
	case tgbotapi.GetChatMemberConfig:
		return "getChatMember"
	case tgbotapi.FileConfig:
		return "getFile"
	}
	return fmt.Sprintf("%T", c)
}
