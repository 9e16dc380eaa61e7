// Package telegram is where the bot speaks Telegram: it polls updates,
// hands their text to the screening engine, and sends the replies. It uses
// the tgbotapi client for every call, keeps its state in the store, and
// never logs the bot token.
package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
)

// Rules gives the engine to screen with, and its version number. The
// engine may change between calls (hot reload); each screening uses the
// one it got.
type Rules interface {
	Current() (*screen.Engine, int)
}

// Memory gives the memory of confirmed scams to screen with
// (*memory.Holder); it may change between calls.
type Memory interface {
	Current() *memory.Snapshot
}

// Store is where the bot keeps its state (*store.Store).
type Store interface {
	// Updates: the offset, which were handled, the parked ones (poll.go).
	Offset(ctx context.Context) (int, error)
	SetOffset(ctx context.Context, next int) error
	IsHandled(ctx context.Context, updateID int) (bool, error)
	MaxHandled(ctx context.Context) (int, error)
	Unit(updateID int) *store.Unit
	Park(ctx context.Context, updateID int, raw []byte) error
	Parked(ctx context.Context) ([]store.ParkedUpdate, error)
	Unpark(ctx context.Context, updateID int) error
	// Screenings, answers and kept verdicts (dispatch.go, answer.go,
	// private.go, feedback.go, report.go).
	RecordScreening(ctx context.Context, sc store.Screening) (int64, error)
	Screening(ctx context.Context, id int64) (store.Screening, error)
	RecordAnswer(ctx context.Context, chatID int64, messageID int, textHash string, replyMessageID int) error
	LastAnswer(ctx context.Context, chatID int64, messageID int) (replyID int, ok bool, err error)
	LatestAnswer(ctx context.Context, chatID int64, messageID int) (replyID int, textHash string, ok bool, err error)
	Shown(ctx context.Context, chatID int64, textHash string) (bool, error)
	SaveVerdict(ctx context.Context, screeningID int64, verdictJSON []byte, ttl time.Duration) (string, error)
	Verdict(ctx context.Context, token string) (screeningID int64, verdictJSON []byte, ok bool, err error)
	RecordMemoryHits(ctx context.Context, screeningID int64, weights map[int64]int) error
	// Feedback and reports (feedback.go, report.go).
	RecordFeedback(ctx context.Context, screeningID int64, userID int64, vote string) (changed bool, err error)
	AddReport(ctx context.Context, r store.NewReport) (store.ReportResult, error)
	// Group settings (group.go, settings.go).
	GroupSettings(ctx context.Context, chatID int64) (store.GroupSettings, error)
	SaveGroupSettings(ctx context.Context, g store.GroupSettings) error
	ReadImages(ctx context.Context, chatID int64) (bool, error)
	SetReadImages(ctx context.Context, chatID int64, on bool) error
	// Replies waiting to be sent (outbox.go).
	Enqueue(ctx context.Context, o store.Outgoing, keepPerChat int) (dropped int, err error)
	Due(ctx context.Context, now time.Time, limit int) ([]store.Outgoing, error)
	Postpone(ctx context.Context, id int64, notBefore time.Time) error
	Unqueue(ctx context.Context, id int64) error
}

// Config configures the bot.
type Config struct {
	Token string
	// Endpoint is the Bot API base URL, e.g. https://api.telegram.org.
	Endpoint string
	// Admins are the Telegram user ids of the bot's operators.
	Admins []int64
	// PollTimeout is the long-poll timeout of getUpdates.
	PollTimeout time.Duration
	// Limits are the sending limits (DefaultLimits when zero).
	Limits Limits
	// DrainTimeout bounds how long shutdown waits for updates in hand.
	DrainTimeout time.Duration
	// Flood are the per-user and per-group flood limits
	// (DefaultFloodLimits when zero).
	Flood FloodLimits
	// CallTimeout bounds one attempt of a Bot API call (CallTimeout
	// when zero).
	CallTimeout time.Duration
	// VerdictTTL is how long a group verdict stays available behind its
	// "full explanation" deep link.
	VerdictTTL time.Duration
	// Memory, when set, is consulted by every screening and fed by
	// confirmed reports (see report.go).
	Memory Memory
	// Images reads the text in images (nil: images cannot be read here).
	Images ImageReader
	// Sender makes the Bot API calls (nil: New makes one with
	// NewSender). Give one when others send through the same limits.
	Sender *Sender
	// Commands, when set, sees private messages and button presses
	// before the bot (the bot admins' commands).
	Commands Commands
}

// Commands handles what the bot hands it first: a private message that is
// not an edit, and a button press the bot does not know. Each reports
// whether it handled the update; if not, the bot handles it as usual.
type Commands interface {
	HandleMessage(ctx context.Context, m *tgbotapi.Message) (handled bool, err error)
	HandleCallback(ctx context.Context, q *tgbotapi.CallbackQuery) (handled bool, err error)
}

// Hooks let other parts (metrics, health) see what the bot does. Every
// field is optional.
type Hooks struct {
	// Update is called for every update received, with its kind.
	Update func(kind string)
	// Screened is called after every screening.
	Screened func(chatType string, v screen.Verdict, took time.Duration)
	// Polled is called after every getUpdates, with its error.
	Polled func(err error)
	// Call is called with the outcome of every Bot API call.
	Call func(method, outcome string)
	// Queue is called when calls start waiting (+1) or finish (-1).
	Queue func(delta int)
	// Outbox is told what happens to replies that could not be sent at
	// once: "queued_<reason>", "sent", "dropped_expired",
	// "dropped_refused", "dropped_merged", with a count.
	Outbox func(event string, n int)
	// Limited is called for every update a flood limit refused, with its
	// kind: "private", "callback", "group_post", "group_edit", or
	// "refused_callback" (an admin button pressed by someone else).
	Limited func(kind string)
	// Image is called after every image read, with the outcome ("ok",
	// "no_text", an ocr error kind, "download_failed") and the time taken.
	Image func(outcome string, took time.Duration)
}

// Bot is a running cekloker bot.
type Bot struct {
	cfg    Config
	send   *Sender
	store  Store
	rules  Rules
	log    *slog.Logger
	hooks  Hooks
	me     tgbotapi.User
	admins map[int64]bool
	images ImageReader

	lastPoll   atomic.Int64 // unix nanos of the last successful getUpdates
	outboxWake chan struct{}
	flood      *floodGate
	ads        adCache // recent ads behind verdicts, for reports
	// handledBefore is the highest update handled before this start.
	handledBefore int
}

// New connects to the Bot API (getMe) and returns a bot ready to Run.
func New(ctx context.Context, cfg Config, st Store, rules Rules, hooks Hooks, log *slog.Logger) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("telegram: no bot token")
	}
	cfg = cfg.withDefaults()
	b := &Bot{cfg: cfg, send: cfg.Sender, store: st, rules: rules, log: log, hooks: hooks, admins: map[int64]bool{},
		outboxWake: make(chan struct{}, 1), flood: newFloodGate(cfg.Flood), images: cfg.Images}
	for _, id := range cfg.Admins {
		b.admins[id] = true
	}
	if b.send == nil {
		b.send = NewSender(cfg, hooks, log)
	}
	resp, err := b.send.Raw(ctx, "getMe", nil)
	if err != nil {
		return nil, fmt.Errorf("telegram: getMe: %s", redact(err, cfg.Token))
	}
	if err := json.Unmarshal(resp.Result, &b.me); err != nil {
		return nil, fmt.Errorf("telegram: getMe: %w", err)
	}
	return b, nil
}

// withDefaults fills in the defaults of the fields left zero.
func (cfg Config) withDefaults() Config {
	if cfg.Endpoint == "" {
		cfg.Endpoint = "https://api.telegram.org"
	}
	if cfg.PollTimeout == 0 {
		cfg.PollTimeout = 25 * time.Second
	}
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits
	}
	if cfg.DrainTimeout == 0 {
		cfg.DrainTimeout = 5 * time.Second
	}
	if cfg.Flood == (FloodLimits{}) {
		cfg.Flood = DefaultFloodLimits
	}
	if cfg.VerdictTTL == 0 {
		cfg.VerdictTTL = 7 * 24 * time.Hour
	}
	return cfg
}

// NewSender makes the sender of a bot configured by cfg (its token,
// endpoint, limits and timeouts), reporting calls to hooks.Call and
// hooks.Queue. It makes no call.
func NewSender(cfg Config, hooks Hooks, log *slog.Logger) *Sender {
	cfg = cfg.withDefaults()
	// Many chats send at once: keep their connections for reuse.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = maxActiveChats
	httpc := &http.Client{Timeout: cfg.PollTimeout + 15*time.Second, Transport: tr}
	api := &tgbotapi.BotAPI{Token: cfg.Token, Client: httpc, Buffer: 100}
	api.SetAPIEndpoint(cfg.Endpoint + "/bot%s/%s")
	s := newSender(api, httpc, cfg.Token, cfg.Limits, log)
	s.endpoint = cfg.Endpoint
	s.Observe, s.Depth = hooks.Call, hooks.Queue
	if cfg.CallTimeout > 0 {
		s.callTimeout = cfg.CallTimeout
	}
	return s
}

// Username is the bot's username (without @).
func (b *Bot) Username() string { return b.me.UserName }

// isAdmin reports whether a user is one of the bot's operators.
func (b *Bot) isAdmin(userID int64) bool { return b.admins[userID] }

// LastPoll is the time of the last successful getUpdates.
func (b *Bot) LastPoll() time.Time {
	n := b.lastPoll.Load()
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}

// Run registers the command menu and polls updates until ctx ends; then it
// finishes the updates in hand and returns nil.
func (b *Bot) Run(ctx context.Context) error {
	if err := b.registerCommands(ctx); err != nil {
		b.log.Warn("telegram: could not register the command menu", "error", err)
	}
	outboxDone := make(chan struct{})
	go func() {
		defer close(outboxDone)
		b.runOutbox(ctx)
	}()
	err := b.poll(ctx)
	<-outboxDone
	return err
}

// textHash is the hex SHA-256 of a text, stored instead of the text.
func textHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
