// This file holds the workarounds for what the tgbotapi library (v5.5.1)
// lacks; everything else goes through the library.
//
//   - forward_origin: the library predates Bot API 7.0, so its Message has
//     only the old forward_* fields; forwardOriginOf reads the newer
//     forward_origin from the raw update (see parseUpdate).
//   - File downloads: the library builds file URLs against
//     api.telegram.org whatever endpoint it calls; FetchFile builds them
//     from the configured endpoint (TELEGRAM_API_ENDPOINT), so that a
//     self-hosted Bot API server and the tests' fake work.
//   - getUpdates: the library reads the whole answer into memory before
//     decoding it; fetchUpdates decodes it one update at a time.

package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// fetchUpdates calls getUpdates and hands each update to each as soon as it
// is decoded, so that a batch of large messages is never held in memory
// whole (the library would buffer the full answer: 100 updates of 1 MB
// reached 471 MB). It is the one call that does not go through tgbotapi.
func (b *Bot) fetchUpdates(ctx context.Context, offset int, each func(json.RawMessage)) error {
	form := url.Values{
		"offset":          {strconv.Itoa(offset)},
		"timeout":         {strconv.Itoa(int(b.cfg.PollTimeout / time.Second))},
		"limit":           {"100"},
		"allowed_updates": {allowedUpdates},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		fmt.Sprintf(b.cfg.Endpoint+"/bot%s/%s", b.cfg.Token, "getUpdates"), strings.NewReader(form.Encode()))
	if err != nil {
		return errors.New(redact(err, b.cfg.Token))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := b.send.http.Do(req)
	if err != nil {
		return errors.New(redact(err, b.cfg.Token))
	}
	defer resp.Body.Close()
	return decodeUpdates(resp.Body, each)
}

// decodeUpdates reads a Bot API answer whose result is an array, one
// element at a time. An ok=false answer becomes a *tgbotapi.Error.
func decodeUpdates(r io.Reader, each func(json.RawMessage)) error {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	var apiErr tgbotapi.Error
	ok := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("getUpdates: %w", err)
		}
		key, _ := tok.(string)
		switch key {
		case "ok":
			err = dec.Decode(&ok)
		case "result":
			err = decodeArray(dec, each)
		case "error_code":
			err = dec.Decode(&apiErr.Code)
		case "description":
			err = dec.Decode(&apiErr.Message)
		case "parameters":
			var p tgbotapi.ResponseParameters
			err = dec.Decode(&p)
			apiErr.ResponseParameters = p
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return fmt.Errorf("getUpdates: %w", err)
		}
	}
	if !ok {
		return &apiErr
	}
	return nil
}

func decodeArray(dec *json.Decoder, each func(json.RawMessage)) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		each(raw)
	}
	_, err := dec.Token() // ']'
	return err
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("getUpdates: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("getUpdates: unexpected %v in the answer", tok)
	}
	return nil
}

// forwardOrigin is the Bot API's MessageOrigin.
type forwardOrigin struct {
	Type            string         `json:"type"`
	SenderUser      *tgbotapi.User `json:"sender_user"`
	SenderUserName  string         `json:"sender_user_name"`
	SenderChat      *tgbotapi.Chat `json:"sender_chat"`
	Chat            *tgbotapi.Chat `json:"chat"`
	AuthorSignature string         `json:"author_signature"`
}

// forwardOriginOf describes the forward_origin of the raw update's message
// or edited message ("" when it has none).
func forwardOriginOf(raw json.RawMessage) string {
	var extra struct {
		Message *struct {
			ForwardOrigin *forwardOrigin `json:"forward_origin"`
		} `json:"message"`
		EditedMessage *struct {
			ForwardOrigin *forwardOrigin `json:"forward_origin"`
		} `json:"edited_message"`
	}
	if err := json.Unmarshal(raw, &extra); err == nil {
		switch {
		case extra.Message != nil && extra.Message.ForwardOrigin != nil:
			return extra.Message.ForwardOrigin.describe()
		case extra.EditedMessage != nil && extra.EditedMessage.ForwardOrigin != nil:
			return extra.EditedMessage.ForwardOrigin.describe()
		}
	}
	return ""
}

func (o *forwardOrigin) describe() string {
	switch {
	case o.SenderUser != nil:
		return userName(o.SenderUser)
	case o.SenderUserName != "":
		return o.SenderUserName
	case o.Chat != nil:
		return chatName(o.Chat)
	case o.SenderChat != nil:
		return chatName(o.SenderChat)
	}
	if o.Type != "" {
		return o.Type
	}
	return "?"
}

// FetchFile starts the download of a file whose path getFile gave, from
// <endpoint>/file/bot<token>/<path>. Its errors never hold the token; the
// caller closes the body.
func (s *Sender) FetchFile(ctx context.Context, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.endpoint+"/file/bot"+s.token+"/"+path, nil)
	if err != nil {
		return nil, errors.New("telegram: download: bad file path") // the URL holds the token
	}
	res, err := s.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("telegram: download: %s", redact(err, s.token))
	}
	return res, nil
}
