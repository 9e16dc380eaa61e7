package tgfake

import (
	"encoding/json"
	"net/url"
	"time"
)

// Chat describes a chat as it appears in updates the test pushes. Type is
// "private", "group", "supergroup" or "channel"; when empty it is inferred
// from the id (positive: private, <= -1000000000000: supergroup, else group).
// Title is used for groups and channels; Username is optional and lets the
// bot address the chat as "@username".
type Chat struct {
	ID       int64
	Type     string
	Title    string
	Username string
}

// User describes a (human) Telegram user that sends messages in tests.
type User struct {
	ID           int64
	FirstName    string
	Username     string
	LanguageCode string
}

// MsgRef identifies a message: Telegram message ids are only unique inside
// a chat.
type MsgRef struct {
	ChatID    int64
	MessageID int
}

// Origin describes where a forwarded message came from. Exactly one of
// User, Chat or SenderName should be set: User gives a "user" origin,
// SenderName a "hidden_user" origin (the sender hides their account), Chat a
// "chat" origin, or a "channel" origin when Chat.Type is "channel" (then
// MessageID and Signature may be set). Date defaults to one hour ago.
type Origin struct {
	User       *User
	Chat       *Chat
	SenderName string
	MessageID  int
	Signature  string
	Date       time.Time
}

// Fault describes an injected failure for FailNext.
//
// Delay, when set, is waited first (the request stays open). Then Drop
// closes the connection without any answer, a non-zero Status answers with
// {"ok":false,"error_code":Status,...}, and otherwise the request is
// handled normally (a slow answer). Description defaults to the text the
// real Bot API uses for that status; RetryAfter (seconds) and
// MigrateToChatID fill the "parameters" object of the error.
type Fault struct {
	Status          int
	Description     string
	RetryAfter      int
	MigrateToChatID int64
	Delay           time.Duration
	Drop            bool
	// ChatID, when set, makes the fault wait for a request to that chat;
	// requests to other chats pass it by.
	ChatID int64
}

// Call is one request received by the server, recorded in arrival order.
// Method is the canonical method name (e.g. "sendMessage") when the method
// is known, otherwise as requested. Params holds every non-file parameter
// (form, multipart, query string or JSON body; JSON values that are not
// strings are kept as their JSON text). Files maps multipart file field
// names to their content and FileNames to the uploaded file names. Status
// is the error_code answered (200 for ok, 0 while in flight or when the
// connection was dropped).
type Call struct {
	Method    string
	Params    url.Values
	Files     map[string][]byte
	FileNames map[string]string
	Time      time.Time
	Status    int
}

// Button is one button of a reply markup (inline or reply keyboard).
type Button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
	URL          string `json:"url,omitempty"`
}

// SentMessage is a message the bot successfully sent with sendMessage or
// sendDocument. For documents Text holds the caption and Document* the
// upload. ReplyToMessageID comes from reply_to_message_id or
// reply_parameters.message_id. ReplyMarkup is the raw JSON the bot sent;
// Buttons is its inline_keyboard (or keyboard) parsed, row by row.
// NoLinkPreview is set by disable_web_page_preview=true or
// link_preview_options.is_disabled.
type SentMessage struct {
	Method           string
	ChatID           int64
	MessageID        int
	Text             string
	ParseMode        string
	ReplyToMessageID int
	ReplyMarkup      json.RawMessage
	Buttons          [][]Button
	NoLinkPreview    bool
	DocumentName     string
	DocumentContent  []byte
	Time             time.Time
}

// Message is the server's current view of a message in a chat: what was
// pushed by the test or sent (and maybe edited or deleted) by the bot.
type Message struct {
	ChatID      int64
	MessageID   int
	FromBot     bool
	Text        string
	ReplyMarkup json.RawMessage
	Deleted     bool
}

// Command is one bot command as set with setMyCommands.
type Command struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// Scope is a BotCommandScope: Type is "default", "all_private_chats",
// "all_group_chats", "all_chat_administrators", "chat",
// "chat_administrators" or "chat_member".
type Scope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id,omitempty"`
	UserID int64  `json:"user_id,omitempty"`
}
