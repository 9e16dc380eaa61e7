package tgfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf16"
)

// checkText validates a text or caption with its parse_mode and returns
// the text the user sees (markup removed). Lengths are counted in UTF-16
// code units of the visible text, like Telegram does. The checks cover the
// usual mistakes (unsupported or unbalanced HTML tags, unescaped MarkdownV2
// reserved characters); they are not a full Telegram parser.
func checkText(text, mode string, maxLen int, emptyMsg, longMsg string) (string, *apiError) {
	visible, err := visibleText(text, mode)
	if err != nil {
		return "", err
	}
	if emptyMsg != "" && strings.TrimSpace(visible) == "" {
		return "", badRequest(emptyMsg)
	}
	if len(utf16.Encode([]rune(visible))) > maxLen {
		return "", badRequest(longMsg)
	}
	return visible, nil
}

func visibleText(text, mode string) (string, *apiError) {
	switch strings.ToLower(mode) {
	case "":
		return text, nil
	case "html":
		return checkHTML(text)
	case "markdownv2":
		return checkMarkdownV2(text)
	case "markdown":
		return strings.NewReplacer("*", "", "_", "", "`", "", "[", "").Replace(text), nil
	}
	return "", badRequest("unsupported parse_mode")
}

func entityError(format string, args ...any) *apiError {
	return badRequest("can't parse entities: " + fmt.Sprintf(format, args...))
}

var htmlTags = map[string]bool{"b": true, "strong": true, "i": true, "em": true,
	"u": true, "ins": true, "s": true, "strike": true, "del": true, "span": true,
	"tg-spoiler": true, "a": true, "code": true, "pre": true, "blockquote": true,
	"tg-emoji": true}

var htmlEntities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`)

func checkHTML(text string) (string, *apiError) {
	var out strings.Builder
	var stack []string
	for i := 0; i < len(text); {
		if text[i] != '<' {
			j := strings.IndexByte(text[i:], '<')
			if j < 0 {
				j = len(text) - i
			}
			out.WriteString(htmlEntities.Replace(text[i : i+j]))
			i += j
			continue
		}
		end := strings.IndexByte(text[i:], '>')
		if end < 0 {
			return "", entityError("Can't find end of the tag starting at byte offset %d", i)
		}
		tag := text[i+1 : i+end]
		if name, ok := strings.CutPrefix(tag, "/"); ok {
			name = strings.ToLower(strings.TrimSpace(name))
			if len(stack) == 0 {
				return "", entityError("Unexpected end tag at byte offset %d", i)
			}
			if top := stack[len(stack)-1]; top != name {
				return "", entityError("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top, name)
			}
			stack = stack[:len(stack)-1]
		} else {
			name := ""
			if f := strings.FieldsFunc(tag, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '/' }); len(f) > 0 {
				name = strings.ToLower(f[0])
			}
			if !htmlTags[name] {
				return "", entityError("Unsupported start tag \"%s\" at byte offset %d", name, i)
			}
			stack = append(stack, name)
		}
		i += end + 1
	}
	if len(stack) > 0 {
		return "", entityError("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1])
	}
	return out.String(), nil
}

// checkMarkdownV2 rejects reserved characters that are neither escaped nor
// markup ('.', '!', '-', '=', '+', '#', '{', '}', and '>' not at the start
// of a line) outside code and link URLs, with Telegram's message.
func checkMarkdownV2(text string) (string, *apiError) {
	var out strings.Builder
	inCode, inURL, lineStart := false, false, true
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\\' && i+1 < len(text):
			i++
			out.WriteByte(text[i])
		case c == '`':
			inCode = !inCode
		case inCode:
			out.WriteByte(c)
		case inURL:
			if c == ')' {
				inURL = false
			}
		case c == ']' && i+1 < len(text) && text[i+1] == '(':
			inURL = true
			i++
		case strings.IndexByte(".!-=+#{}", c) >= 0 || (c == '>' && !lineStart):
			return "", entityError("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
		case strings.IndexByte("*_~|[>", c) >= 0:
		default:
			out.WriteByte(c)
		}
		lineStart = c == '\n'
	}
	return out.String(), nil
}

// parseMarkup validates a reply_markup parameter and returns it compacted,
// its buttons, and whether it is an inline keyboard.
func parseMarkup(raw string) (json.RawMessage, [][]Button, bool, *apiError) {
	if raw == "" {
		return nil, nil, false, nil
	}
	var m struct {
		InlineKeyboard [][]map[string]json.RawMessage `json:"inline_keyboard"`
		Keyboard       [][]json.RawMessage            `json:"keyboard"`
	}
	var buf bytes.Buffer
	if json.Compact(&buf, []byte(raw)) != nil || json.Unmarshal([]byte(raw), &m) != nil {
		return nil, nil, false, badRequest("can't parse reply keyboard markup JSON object")
	}
	var rows [][]Button
	for _, row := range m.InlineKeyboard {
		var r []Button
		for _, fields := range row {
			var b Button
			for k, v := range fields {
				var str string
				_ = json.Unmarshal(v, &str)
				switch k {
				case "text":
					b.Text = str
				case "callback_data":
					b.CallbackData = str
					if str == "" || len(str) > 64 {
						return nil, nil, false, badRequest("BUTTON_DATA_INVALID")
					}
				case "url":
					b.URL = str
				}
			}
			if len(fields) < 2 {
				return nil, nil, false, badRequest("text buttons are unallowed in the inline keyboard")
			}
			r = append(r, b)
		}
		rows = append(rows, r)
	}
	for _, row := range m.Keyboard {
		var r []Button
		for _, v := range row {
			var b Button
			if json.Unmarshal(v, &b.Text) != nil {
				_ = json.Unmarshal(v, &b)
			}
			r = append(r, b)
		}
		rows = append(rows, r)
	}
	return json.RawMessage(buf.Bytes()), rows, m.InlineKeyboard != nil, nil
}

var entityRE = regexp.MustCompile(
	`(?P<bot_command>/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)` +
		`|(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})` +
		`|(?P<mention>@[A-Za-z0-9_]{4,32})` +
		`|(?P<hashtag>#[\p{L}\p{N}_]+)` +
		`|(?P<url>https?://[^\s]+|(?:[A-Za-z0-9-]+\.)+(?:com|org|net|me|io|id|co|info|biz|xyz|app|ly|gl|link|site|online|ru|my|sg|ph|cn|top|shop|vip|cc|tk)\b(?:/[^\s]*)?)`)

// detectEntities finds bot_command, email, mention, hashtag and url
// entities at word starts, with offsets and lengths in UTF-16 code units.
// It approximates Telegram's server-side detection.
func detectEntities(text string) []map[string]any {
	var out []map[string]any
	names := entityRE.SubexpNames()
	for _, loc := range entityRE.FindAllStringSubmatchIndex(text, -1) {
		start, end := loc[0], loc[1]
		if start > 0 && !isBoundary(text[start-1]) {
			continue
		}
		kind := ""
		for g := 1; g < len(names); g++ {
			if loc[2*g] >= 0 {
				kind = names[g]
			}
		}
		if kind == "url" {
			end = start + len(strings.TrimRight(text[start:end], ".,;:!?)\"'"))
		}
		off := len(utf16.Encode([]rune(text[:start])))
		out = append(out, map[string]any{"type": kind, "offset": off,
			"length": len(utf16.Encode([]rune(text[start:end])))})
	}
	return out
}

func isBoundary(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '(' || b == ',' || b == '"' || b == '\''
}
