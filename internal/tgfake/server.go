// Package tgfake is a fake Telegram Bot API server for tests.
//
// It listens on loopback (net/http/httptest) and speaks the Bot API wire
// protocol: requests arrive as POST /bot<token>/<method> with form-encoded,
// multipart or JSON parameters and are answered with {"ok":true,"result":...}
// or {"ok":false,"error_code":...,"description":...}; files are downloaded
// with GET /file/bot<token>/<file_path>. Point a real client at it:
//
//	srv := tgfake.New("123:abc")
//	defer srv.Close()
//	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint("123:abc", srv.Endpoint())
//
// Tests push updates (raw JSON, untouched, or built by the Push* helpers),
// read what the bot did (Calls, Sent, WaitSent, Message), inject failures
// (FailNext, SetLatency) and can enforce Telegram's rate limits
// (EnforceLimits). All methods are safe for concurrent use.
//
// Notes for bot authors, about tgbotapi v5.5.1 against this server (and
// the real one):
//
//   - An ok=false answer comes back as a *tgbotapi.Error (a pointer: use
//     errors.As(err, &e) with e of type *tgbotapi.Error) with Code,
//     Message (the description) and RetryAfter / MigrateToChatID. Requests
//     with an upload (multipart, e.g. sendDocument with FileBytes) go
//     through UploadFiles, which leaves Code at 0: decide on Message and
//     RetryAfter there. A dropped connection is a plain transport error.
//   - tgbotapi's Update has no forward_origin (nor other newer fields). To
//     read them, poll yourself: bot.MakeRequest("getUpdates",
//     tgbotapi.Params{"offset": ..., "timeout": ...}) and decode
//     resp.Result as []json.RawMessage. Updates pushed here arrive byte for
//     byte.
//   - File.Link and GetFileDirectURL always build
//     https://api.telegram.org/file/...; build download URLs from the
//     configured base URL instead (FileURL shows the shape).
//   - The library has no contexts: a long poll only ends when an update
//     arrives, its timeout passes, or the server closes.
//
// Fidelity: getMe, getUpdates, sendMessage, editMessageText,
// editMessageReplyMarkup, deleteMessage, getChat, getChatMember,
// answerCallbackQuery, setMyCommands, getMyCommands, deleteMyCommands,
// sendDocument and getFile answer with the Bot API's shapes and its usual
// errors: chat not found, message to edit/delete not found, message is not
// modified, can't parse entities, message is too long, query is too old,
// 403 for a bot kicked/blocked per the member table, 409 for a second
// concurrent getUpdates. Any other method is 404 "Not Found: method not
// found". Sending to a chat the server has not seen yet succeeds and makes
// the chat known. Entity detection in pushed texts and the HTML/MarkdownV2
// checks are approximations, not Telegram's parser.
package tgfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a running fake Bot API server. Create it with New.
type Server struct {
	ts    *httptest.Server
	token string
	done  chan struct{}
	once  sync.Once

	mu sync.Mutex

	botID       int64
	botUsername string

	updates   []queuedUpdate
	nextUpdID int
	wake      chan struct{} // closed and replaced when an update is pushed
	allowed   []string      // allowed_updates of the last getUpdates that set it
	pollKick  chan struct{} // closed to end the running long poll with 409
	nextMsgID int
	nextCBID  int
	nextFile  int

	chats    map[int64]Chat
	users    map[int64]User
	messages map[MsgRef]*Message
	members  map[memberKey]member
	queries  map[string]bool // callback query id -> answered
	files    map[string]*storedFile
	commands map[string][]Command

	calls    []*Call
	callWake chan struct{}
	sent     []SentMessage
	sentWake chan struct{}

	faults  map[string][]Fault
	latency map[string]time.Duration

	limits limiter
}

type memberKey struct{ chat, user int64 }

type member struct {
	status    string
	canDelete bool
}

// New starts a fake Bot API server on loopback that accepts only token.
// If token starts with digits followed by ':' (like a real token) those
// digits are the bot's user id; otherwise the id is 1000000001. The bot's
// username is "fake_bot" until SetBot is called.
func New(token string) *Server {
	s := &Server{
		token:       token,
		done:        make(chan struct{}),
		botID:       1000000001,
		botUsername: "fake_bot",
		nextUpdID:   100000,
		nextMsgID:   1000,
		wake:        make(chan struct{}),
		pollKick:    make(chan struct{}),
		chats:       map[int64]Chat{},
		users:       map[int64]User{},
		messages:    map[MsgRef]*Message{},
		members:     map[memberKey]member{},
		queries:     map[string]bool{},
		files:       map[string]*storedFile{},
		commands:    map[string][]Command{},
		sentWake:    make(chan struct{}),
		callWake:    make(chan struct{}),
		faults:      map[string][]Fault{},
		latency:     map[string]time.Duration{},
	}
	if i := strings.IndexByte(token, ':'); i > 0 {
		if id, err := strconv.ParseInt(token[:i], 10, 64); err == nil && id > 0 {
			s.botID = id
		}
	}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// URL returns the server's base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return s.ts.URL }

// Endpoint returns the API endpoint format string for
// tgbotapi.NewBotAPIWithAPIEndpoint: URL()+"/bot%s/%s".
func (s *Server) Endpoint() string { return s.ts.URL + "/bot%s/%s" }

// FileURL returns the download URL of a file_path returned by getFile:
// URL()+"/file/bot<token>/"+filePath. (tgbotapi's File.Link and
// GetFileDirectURL always point at api.telegram.org, so a bot must build
// download URLs from its own configured base URL.)
func (s *Server) FileURL(filePath string) string {
	return s.ts.URL + "/file/bot" + s.token + "/" + filePath
}

// Close ends pending long polls and delayed answers, then shuts the server
// down. It is safe to call more than once.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.done)
		s.ts.CloseClientConnections()
		s.ts.Close()
	})
}

// SetBot sets the id and username getMe reports (first_name is the
// username) and that is used as "from" of messages the bot sends.
func (s *Server) SetBot(id int64, username string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.botID, s.botUsername = id, username
}

// FailNext makes the next n requests to method (e.g. "sendMessage") fail
// as f describes. Faults queue up: a second FailNext adds after the first.
func (s *Server) FailNext(method string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := strings.ToLower(method)
	for range n {
		s.faults[m] = append(s.faults[m], f)
	}
}

// SetLatency delays every answer to method by d (0 removes the latency).
func (s *Server) SetLatency(method string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency[strings.ToLower(method)] = d
}

// apiError is an error answer of the Bot API.
type apiError struct {
	code        int
	description string
	retryAfter  int
	migrateTo   int64
}

func badRequest(msg string) *apiError {
	return &apiError{code: 400, description: "Bad Request: " + msg}
}

func faultError(f Fault) *apiError {
	e := &apiError{code: f.Status, description: f.Description,
		retryAfter: f.RetryAfter, migrateTo: f.MigrateToChatID}
	if e.description == "" {
		e.description = defaultDescription(f.Status, f.RetryAfter)
	}
	return e
}

func defaultDescription(status, retryAfter int) string {
	switch status {
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden"
	case 404:
		return "Not Found"
	case 409:
		return "Conflict"
	case 429:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case 500:
		return "Internal Server Error"
	case 502:
		return "Bad Gateway"
	}
	return http.StatusText(status)
}

func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{"ok": false, "error_code": e.code, "description": e.description}
	params := map[string]any{}
	if e.retryAfter > 0 {
		params["retry_after"] = e.retryAfter
	}
	if e.migrateTo != 0 {
		params["migrate_to_chat_id"] = e.migrateTo
	}
	if len(params) > 0 {
		body["parameters"] = params
	}
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.code)
	_, _ = w.Write(b)
}

// writeResult answers {"ok":true,"result":result}; a json.RawMessage
// result is written byte for byte.
func writeResult(w http.ResponseWriter, result any) {
	raw, ok := result.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(result); err != nil {
			writeError(w, &apiError{code: 500, description: "Internal Server Error"})
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"ok":true,"result":`))
	_, _ = w.Write(raw)
	_, _ = w.Write([]byte(`}`))
}

// wait sleeps d unless the request or the server ends first; it reports
// whether the full time passed.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.done:
	case <-r.Context().Done():
	}
	return false
}

// drop closes the client connection without writing an answer.
func drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
