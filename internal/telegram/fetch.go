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
	resp, err := b.httpc.Do(req)
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
