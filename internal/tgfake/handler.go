package tgfake

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// request is one parsed API call handed to a method handler.
type request struct {
	r      *http.Request
	params url.Values
	call   *Call
}

type methodFunc func(s *Server, q *request) (any, *apiError)

// methods maps lower-cased method names (the Bot API is case-insensitive)
// to their canonical name and handler; filled in init to avoid an
// initialization cycle through the handlers.
var methods map[string]struct {
	name string
	fn   methodFunc
}

func init() {
	table := map[string]methodFunc{
		"getMe":                  (*Server).getMe,
		"getUpdates":             (*Server).getUpdates,
		"sendMessage":            (*Server).sendMessage,
		"editMessageText":        (*Server).editMessageText,
		"editMessageReplyMarkup": (*Server).editMessageReplyMarkup,
		"deleteMessage":          (*Server).deleteMessage,
		"getChatMember":          (*Server).getChatMember,
		"getChat":                (*Server).getChat,
		"answerCallbackQuery":    (*Server).answerCallbackQuery,
		"setMyCommands":          (*Server).setMyCommands,
		"getMyCommands":          (*Server).getMyCommands,
		"deleteMyCommands":       (*Server).deleteMyCommands,
		"sendDocument":           (*Server).sendDocument,
		"getFile":                (*Server).getFile,
	}
	methods = map[string]struct {
		name string
		fn   methodFunc
	}{}
	for name, fn := range table {
		methods[strings.ToLower(name)] = struct {
			name string
			fn   methodFunc
		}{name, fn}
	}
}

// sendMethods are rate-tracked and rate-limited.
var sendMethods = map[string]bool{"sendMessage": true, "sendDocument": true}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/file/bot"); ok {
		s.serveFile(w, r, rest)
		return
	}
	rest, ok := strings.CutPrefix(path, "/bot")
	token, name, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || name == "" || strings.Contains(name, "/") {
		writeError(w, &apiError{code: 404, description: "Not Found"})
		return
	}
	if token != s.token {
		writeError(w, &apiError{code: 401, description: "Unauthorized"})
		return
	}
	m, known := methods[strings.ToLower(name)]
	if known {
		name = m.name
	}
	call := &Call{Method: name}
	params, perr := parseParams(r, call)
	call.Params = params
	s.mu.Lock()
	s.addCall(call)
	if sendMethods[name] {
		s.limits.observe(call.Time)
	}
	s.mu.Unlock()

	answer := func(result any, e *apiError) {
		s.mu.Lock()
		if e != nil {
			call.Status = e.code
		} else {
			call.Status = 200
		}
		s.mu.Unlock()
		if e != nil {
			writeError(w, e)
		} else {
			writeResult(w, result)
		}
	}

	s.mu.Lock()
	lat := s.latency[strings.ToLower(name)]
	var fault *Fault
	q := s.faults[strings.ToLower(name)]
	for i := range q {
		if q[i].ChatID == 0 || strconv.FormatInt(q[i].ChatID, 10) == params.Get("chat_id") {
			f := q[i]
			fault = &f
			s.faults[strings.ToLower(name)] = append(q[:i:i], q[i+1:]...)
			break
		}
	}
	s.mu.Unlock()

	if !s.wait(r, lat) {
		drop(w)
		return
	}
	if fault != nil {
		if !s.wait(r, fault.Delay) {
			drop(w)
			return
		}
		if fault.Drop {
			drop(w)
			return
		}
		if fault.Status != 0 {
			answer(nil, faultError(*fault))
			return
		}
	}
	if !known {
		answer(nil, &apiError{code: 404, description: "Not Found: method not found"})
		return
	}
	if perr != nil {
		answer(nil, perr)
		return
	}
	if sendMethods[name] {
		if e := s.checkLimits(params.Get("chat_id")); e != nil {
			answer(nil, e)
			return
		}
	}
	answer(m.fn(s, &request{r: r, params: params, call: call}))
}

// parseParams reads the query string and the body (form, multipart or
// JSON) into values; uploaded files go into call.Files/FileNames.
func parseParams(r *http.Request, call *Call) (url.Values, *apiError) {
	values := url.Values{}
	for k, v := range r.URL.Query() {
		values[k] = append(values[k], v...)
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return values, badRequest("can't read request body")
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return values, badRequest("can't parse request body")
		}
		for k, v := range form {
			values[k] = append(values[k], v...)
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(64 << 20); err != nil {
			return values, badRequest("can't parse multipart body")
		}
		for k, v := range r.MultipartForm.Value {
			values[k] = append(values[k], v...)
		}
		call.Files = map[string][]byte{}
		call.FileNames = map[string]string{}
		for field, fhs := range r.MultipartForm.File {
			if len(fhs) == 0 {
				continue
			}
			f, err := fhs[0].Open()
			if err != nil {
				return values, badRequest("can't read uploaded file")
			}
			data, err := io.ReadAll(f)
			_ = f.Close()
			if err != nil {
				return values, badRequest("can't read uploaded file")
			}
			call.Files[field] = data
			call.FileNames[field] = fhs[0].Filename
		}
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return values, badRequest("can't read request body")
		}
		var obj map[string]json.RawMessage
		if len(bytes.TrimSpace(body)) > 0 {
			if err := json.Unmarshal(body, &obj); err != nil {
				return values, badRequest("can't parse JSON request body")
			}
		}
		for k, raw := range obj {
			var str string
			if json.Unmarshal(raw, &str) == nil {
				values.Set(k, str)
			} else {
				values.Set(k, string(raw))
			}
		}
	}
	return values, nil
}
