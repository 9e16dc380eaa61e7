package tgfake

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
)

// maxDownload is the Bot API's getFile limit (20 MB).
const maxDownload = 20 << 20

type storedFile struct {
	id, name, path string
	content        []byte
}

// AddFile registers a file the bot can fetch: getFile(fileID) answers
// with a file_path, and GET /file/bot<token>/<file_path> (see FileURL)
// returns content. Files of more than 20 MB make getFile fail with
// "Bad Request: file is too big", as on Telegram. Registering the same
// fileID again replaces the content.
func (s *Server) AddFile(fileID, name string, content []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addFile(fileID, name, content)
}

func (s *Server) addFile(fileID, name string, content []byte) *storedFile {
	s.nextFile++
	dir := "documents"
	if strings.HasPrefix(mimeType(name), "image/") {
		dir = "photos"
	}
	f := &storedFile{id: fileID, name: name, content: slices.Clone(content),
		path: fmt.Sprintf("%s/file_%d%s", dir, s.nextFile, path.Ext(name))}
	s.files[fileID] = f
	return f
}

func (s *Server) newFileID(kind string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextFile++
	return fmt.Sprintf("AgAD%s%06d", kind, s.nextFile)
}

func mimeType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func (s *Server) getFile(q *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[q.params.Get("file_id")]
	if !ok {
		return nil, badRequest("invalid file_id")
	}
	if len(f.content) > maxDownload {
		return nil, badRequest("file is too big")
	}
	return map[string]any{"file_id": f.id, "file_unique_id": "u" + f.id,
		"file_size": len(f.content), "file_path": f.path}, nil
}

// serveFile answers GET /file/bot<token>/<file_path>. It is recorded as a
// Call with Method "downloadFile" and Params file_path, and FailNext /
// SetLatency with "downloadFile" apply to it.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	token, filePath, _ := strings.Cut(rest, "/")
	if token != s.token {
		writeError(w, &apiError{code: 401, description: "Unauthorized"})
		return
	}
	call := &Call{Method: "downloadFile", Params: url.Values{"file_path": {filePath}}}
	s.mu.Lock()
	s.addCall(call)
	lat := s.latency["downloadfile"]
	var fault *Fault
	if q := s.faults["downloadfile"]; len(q) > 0 {
		fault, s.faults["downloadfile"] = &q[0], q[1:]
	}
	var content []byte
	for _, f := range s.files {
		if f.path == filePath && r.Method != http.MethodPost {
			content = f.content
		}
	}
	s.mu.Unlock()
	status := func(code int) {
		s.mu.Lock()
		call.Status = code
		s.mu.Unlock()
	}
	if !s.wait(r, lat) || (fault != nil && !s.wait(r, fault.Delay)) || (fault != nil && fault.Drop) {
		drop(w)
		return
	}
	if fault != nil && fault.Status != 0 {
		status(fault.Status)
		writeError(w, faultError(*fault))
		return
	}
	if content == nil {
		status(404)
		writeError(w, &apiError{code: 404, description: "Not Found"})
		return
	}
	status(200)
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", fmt.Sprint(len(content)))
	_, _ = w.Write(content)
}

func (s *Server) sendDocument(q *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, e := s.prepareSend(q)
	if e != nil {
		return nil, e
	}
	caption, mode := q.params.Get("caption"), q.params.Get("parse_mode")
	visible, e := checkText(caption, mode, 1024, "", "message caption is too long")
	if e != nil {
		return nil, e
	}
	var f *storedFile
	if data, ok := q.call.Files["document"]; ok {
		if len(data) == 0 {
			return nil, badRequest("file must be non-empty")
		}
		s.nextFile++
		f = s.addFile(fmt.Sprintf("BQACAgIAAxk%06d", s.nextFile), q.call.FileNames["document"], data)
	} else if f = s.files[q.params.Get("document")]; f == nil {
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	}
	doc := map[string]any{"file_id": f.id, "file_unique_id": "u" + f.id,
		"file_name": f.name, "mime_type": mimeType(f.name), "file_size": len(f.content)}
	extra := map[string]any{"document": doc}
	if visible != "" {
		extra["caption"] = visible
	}
	id, msg := s.store(o, "", extra)
	s.recordSent(SentMessage{Method: "sendDocument", ChatID: o.chat.ID, MessageID: id,
		Text: caption, ParseMode: mode, ReplyToMessageID: o.replyID, ReplyMarkup: o.markup,
		Buttons: o.buttons, DocumentName: f.name, DocumentContent: slices.Clone(f.content),
		Time: time.Now()})
	return msg, nil
}
