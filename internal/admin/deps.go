package admin

import (
	"context"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cekloker/cekloker/internal/memory"
	"github.com/cekloker/cekloker/internal/model"
	"github.com/cekloker/cekloker/internal/ruleset"
	"github.com/cekloker/cekloker/internal/screen"
	"github.com/cekloker/cekloker/internal/store"
)

// Deps are what the admin commands work with. *telegram.Sender,
// *store.Store, *ruleset.Manager and *memory.Holder provide them.
type Deps struct {
	Rules  Rules
	Store  Store
	Sender Sender
	// Memory is the memory of confirmed scams (nil: the bot has none).
	Memory Memory
	// Admins are the Telegram user ids of the bot's operators.
	Admins []int64
}

// Sender makes the Bot API calls of the admin commands.
type Sender interface {
	// Send posts a message or a file into a chat.
	Send(ctx context.Context, chatID int64, c tgbotapi.Chattable) (tgbotapi.Message, error)
	// Request makes a call that posts nothing: edits and getFile.
	Request(ctx context.Context, c tgbotapi.Chattable) (*tgbotapi.APIResponse, error)
	// AnswerCallback answers a button press (a notice, or an alert box).
	AnswerCallback(ctx context.Context, q *tgbotapi.CallbackQuery, text string, alert bool) error
	// FetchFile starts the download of a file whose path getFile gave.
	FetchFile(ctx context.Context, path string) (*http.Response, error)
}

// Rules are the versioned rule sets and text models the commands show,
// preview and change.
type Rules interface {
	Current() (*screen.Engine, int)
	Active(ctx context.Context) (store.Version, error)
	Preview(ctx context.Context, base int, data []byte) (*ruleset.Preview, error)
	Apply(ctx context.Context, base int, data []byte, author, summary string) (store.Version, error)
	// The text model joined with the rules (model.go).
	CurrentModel() (*model.Model, int)
	ModelOff() bool
	ActiveModel(ctx context.Context) (store.Version, error)
	PreviewModel(ctx context.Context, base int, data []byte) (*ruleset.ModelPreview, error)
	ApplyModel(ctx context.Context, base int, data []byte, author, summary string) (store.Version, error)
}

// Memory is the memory of confirmed scams that /forget, /memory_import and
// /review read and reload.
type Memory interface {
	Current() *memory.Snapshot
	Reload(ctx context.Context) error
}

// Store is what the admin commands read and write in the store.
type Store interface {
	// The audit log (every command and button).
	LogAdminAction(ctx context.Context, userID int64, command string, allowed bool) error
	// A durable note of an Apply in progress (resume.go).
	SetNote(ctx context.Context, key string, value []byte) error
	Note(ctx context.Context, key string) (value []byte, ok bool, err error)
	DeleteNote(ctx context.Context, key string) error
	// Rule and model versions (commands.go, model.go).
	Versions(ctx context.Context, t store.Versioned, limit int) ([]store.Version, error)
	Version(ctx context.Context, t store.Versioned, n int) (store.Version, error)
	// Rule hits and feedback (commands.go).
	RuleHits(ctx context.Context, ruleID string, since time.Time) (int, error)
	RuleHitCounts(ctx context.Context, since time.Time) (map[string]int, error)
	LevelCounts(ctx context.Context, since time.Time) (map[string]map[string]int, error)
	FeedbackCounts(ctx context.Context, since time.Time) (map[string]int, error)
	WrongFeedback(ctx context.Context, limit int) ([]store.Review, error)
	// The report queue (review.go).
	ReportQueue(ctx context.Context) (it store.ReportItem, pending int, ok bool, err error)
	DecideReport(ctx context.Context, itemID, adminID int64, decision string) (entryID int64, err error)
	// The memory's entries (forget.go, memory.go).
	MemoryEntries(ctx context.Context) ([]memory.Entry, []string, int64, error)
	ImportMemory(ctx context.Context, entries []memory.Entry, actor, file string) error
	MemoryHits(ctx context.Context, entryIDs []int64) ([]store.MemoryHit, error)
	Forget(ctx context.Context, key string, adminID int64) error
}
