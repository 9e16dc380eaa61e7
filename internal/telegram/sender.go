package telegram

import (
	"context"
	"encoding/json"
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
	// GroupWait is the longest a message waits in its handler for the
	// group's budget (GroupWait when zero); beyond it the message is
	// deferred to the outbox.
	GroupWait time.Duration
	// Off turns all limits off (for load tests against a local fake).
	Off bool
}

// DefaultLimits keep under Telegram's limits with a margin.
var DefaultLimits = Limits{Global: 25, GlobalBurst: 5, GroupEvery: 6 * time.Second, GroupBurst: 10}

// Sender makes every outgoing Bot API call: it keeps to the rate limits,
// gives each attempt CallTimeout and each call MaxAttempts tries, waits
// out a 429 Too Many Requests of up to MaxRetryAfter, retries 5xx and
// network errors with backoff, and gives up on other 4xx errors. What
// cannot be sent in that time comes back as a *DeferredError.
type Sender struct {
	api      *tgbotapi.BotAPI
	http     *http.Client
	token    string
	endpoint string // the Bot API base URL, for file downloads
	log      *slog.Logger
	limits   Limits
	global   *rate.Limiter

	mu     sync.Mutex
	groups map[int64]*rate.Limiter

	// Observe, when set, is told the outcome of every call.
	Observe func(method, outcome string)
	// Depth, when set, is told how many calls are waiting or running.
	Depth func(delta int)

	maxAttempts   int
	backoff       time.Duration
	callTimeout   time.Duration
	maxRetryAfter time.Duration
	groupWait     time.Duration
}

// newSender wraps api. The token is only used to keep it out of errors.
func newSender(api *tgbotapi.BotAPI, client *http.Client, token string, limits Limits, log *slog.Logger) *Sender {
	s := &Sender{api: api, http: client, token: token, log: log, limits: limits,
		groups: map[int64]*rate.Limiter{}, maxAttempts: MaxAttempts, backoff: 500 * time.Millisecond,
		callTimeout: CallTimeout, maxRetryAfter: MaxRetryAfter, groupWait: GroupWait}
	if limits.GroupWait > 0 {
		s.groupWait = limits.GroupWait
	}
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

// Send sends a message (or anything else that posts into a chat). Of the
// message Telegram sends back only the id, date and chat are decoded:
// nothing else of it is used, and decoding all of it (the text, the
// buttons, the message replied to) was a tenth of the bot's CPU time
// when catching up.
func (s *Sender) Send(ctx context.Context, chatID int64, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	var msg tgbotapi.Message
	_, err := s.do(ctx, call{method: methodOf(c), chatID: chatID, message: true, do: func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		resp, err := api.Request(c)
		if err != nil {
			return nil, err
		}
		var m sentMessage
		if err := json.Unmarshal(resp.Result, &m); err != nil {
			return nil, err
		}
		msg = tgbotapi.Message{MessageID: m.MessageID, Date: m.Date, Chat: m.Chat}
		return nil, nil
	}})
	return msg, err
}

// sentMessage is what Send reads of a sent message.
type sentMessage struct {
	MessageID int            `json:"message_id"`
	Date      int            `json:"date"`
	Chat      *tgbotapi.Chat `json:"chat"`
}

// Request makes a call that does not post a message (answers, deletes,
// edits, lookups).
func (s *Sender) Request(ctx context.Context, c tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	cl := call{method: methodOf(c), do: func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(c)
	}}
	if e, ok := c.(tgbotapi.EditMessageTextConfig); ok && e.ChatID < 0 {
		cl.chatID, cl.message = e.ChatID, true // edits count against the group's budget
	}
	return s.do(ctx, cl)
}

// AnswerCallback answers a button press (a notice, or an alert box).
func (s *Sender) AnswerCallback(ctx context.Context, q *tgbotapi.CallbackQuery, text string, alert bool) error {
	c := tgbotapi.NewCallback(q.ID, text)
	c.ShowAlert = alert
	_, err := s.Request(ctx, c)
	return err
}

// Raw makes a call by method name with raw parameters.
func (s *Sender) Raw(ctx context.Context, method string, p tgbotapi.Params) (*tgbotapi.APIResponse, error) {
	return s.do(ctx, call{method: method, do: func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.MakeRequest(method, p)
	}})
}

// ErrGaveUp wraps errors the sender does not retry (4xx other than 429).
var ErrGaveUp = errors.New("telegram refused the call")

// DeferredError is returned when a call could not be made in the time a
// handler may wait: Telegram asked to wait longer than MaxRetryAfter, the
// call kept failing (5xx, network, timeouts), or a group's send budget is
// spent. The caller may queue it for Until (see Bot's outbox) or drop it.
type DeferredError struct {
	Method string
	Until  time.Time
	// Reason is "retry_after", "failing" or "group_budget".
	Reason string
	Err    error
}

func (e *DeferredError) Error() string {
	msg := fmt.Sprintf("telegram: %s deferred until %s (%s)", e.Method, e.Until.Format(time.TimeOnly), e.Reason)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *DeferredError) Unwrap() error { return e.Err }

// Bounds on the time one call may take inside a handler.
const (
	// CallTimeout bounds one attempt of a Bot API call.
	CallTimeout = 10 * time.Second
	// MaxAttempts is how many times a call is tried.
	MaxAttempts = 3
	// MaxRetryAfter is the longest 429 retry_after waited out in place.
	MaxRetryAfter = 30 * time.Second
	// GroupWait is the longest a message waits for its group's budget.
	GroupWait = 2 * time.Second
)

func (s *Sender) do(ctx context.Context, c call) (*tgbotapi.APIResponse, error) {
	if s.Depth != nil {
		s.Depth(1)
		defer s.Depth(-1)
	}
	if err := s.wait(ctx, c); err != nil {
		return nil, err
	}
	delay := s.backoff
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, s.callTimeout)
		resp, err := c.do(s.withContext(actx))
		cancel()
		if err == nil {
			s.observe(c.method, "ok")
			return resp, nil
		}
		var te *tgbotapi.Error
		switch {
		case errors.As(err, &te) && (te.Code == http.StatusTooManyRequests || te.RetryAfter > 0):
			s.observe(c.method, "429")
			wait := time.Duration(max(te.RetryAfter, 1)) * time.Second
			if wait > s.maxRetryAfter || attempt >= s.maxAttempts {
				s.log.Warn("telegram: too many requests, deferring", "method", c.method, "chat", c.chatID, "retry_after", wait)
				return nil, &DeferredError{Method: c.method, Until: time.Now().Add(wait), Reason: "retry_after", Err: errors.New(te.Message)}
			}
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
		switch {
		case te != nil:
			outcome = "5xx"
		case errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "deadline exceeded"):
			outcome = "timeout"
		}
		s.observe(c.method, outcome)
		if attempt >= s.maxAttempts {
			s.log.Warn("telegram: call kept failing, deferring", "method", c.method, "attempts", attempt, "error", s.redact(err))
			return nil, &DeferredError{Method: c.method, Until: time.Now().Add(30 * time.Second), Reason: "failing", Err: errors.New(s.redact(err))}
		}
		s.log.Warn("telegram: call failed, retrying", "method", c.method, "attempt", attempt, "in", delay, "error", s.redact(err))
		if err := sleep(ctx, delay); err != nil {
			return nil, err
		}
		delay = min(delay*2, 30*time.Second)
	}
}

// wait blocks until the call may go under the rate limits. A message into
// a group whose budget is spent for longer than GroupWait is deferred.
func (s *Sender) wait(ctx context.Context, c call) error {
	if s.limits.Off {
		return nil
	}
	if c.message && c.chatID < 0 {
		r := s.group(c.chatID).Reserve()
		if d := r.Delay(); d > s.groupWait {
			r.Cancel()
			return &DeferredError{Method: c.method, Until: time.Now().Add(d), Reason: "group_budget"}
		} else if err := sleep(ctx, d); err != nil {
			r.Cancel()
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
