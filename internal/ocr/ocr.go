// Package ocr reads the text in images (job-ad posters, screenshots of
// chats) with Tesseract. Images are hostile input: Check refuses oversized
// files, too many pixels, decompression bombs, truncated files and
// non-images before anything is decoded, and Tesseract runs as a child
// process with a time limit, a memory limit and one thread, at most a few
// at a time. It knows nothing of Telegram or of screening.
package ocr

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Options configure a Reader. Zero fields take the defaults.
type Options struct {
	// Command is the tesseract program (default: "tesseract" on PATH, or
	// $BOT_TESSERACT).
	Command string
	// Langs are the Tesseract languages (default "ind+eng").
	Langs string
	// Timeout bounds one OCR run (default 10 s).
	Timeout time.Duration
	// MemoryLimit is the child's address-space limit in bytes (default
	// 1 GiB), set with the shell's `ulimit -v` before tesseract starts.
	MemoryLimit int64
	// Jobs is how many OCR runs may go at once (default: the number of
	// cores).
	Jobs int
	// QueueTimeout bounds the wait for a free slot (default six times
	// Timeout: 60 s).
	QueueTimeout time.Duration
}

// Defaults.
const (
	DefaultLangs       = "ind+eng"
	DefaultTimeout     = 10 * time.Second
	DefaultMemoryLimit = 1 << 30
)

// Reader runs Tesseract on images. It is safe for concurrent use.
type Reader struct {
	opt  Options
	path string // resolved tesseract path; "" when unavailable
	why  string // why unavailable
	sem  chan struct{}
}

// New returns a Reader. When tesseract or one of the languages is
// missing the Reader is unavailable: Available reports false and Read
// returns an Unavailable error.
func New(opt Options) *Reader {
	if opt.Command == "" {
		opt.Command = os.Getenv("BOT_TESSERACT")
	}
	if opt.Command == "" {
		opt.Command = "tesseract"
	}
	if opt.Langs == "" {
		opt.Langs = DefaultLangs
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MemoryLimit <= 0 {
		opt.MemoryLimit = DefaultMemoryLimit
	}
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.NumCPU()
	}
	if opt.QueueTimeout <= 0 {
		opt.QueueTimeout = 6 * opt.Timeout
	}
	r := &Reader{opt: opt, sem: make(chan struct{}, opt.Jobs)}
	r.path, r.why = probe(opt.Command, opt.Langs)
	return r
}

// probe finds tesseract and checks that it has the languages.
func probe(command, langs string) (path, why string) {
	path, err := exec.LookPath(command)
	if err != nil {
		return "", fmt.Sprintf("%s not found (install tesseract-ocr, tesseract-ocr-ind and tesseract-ocr-eng)", command)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--list-langs").CombinedOutput()
	if err != nil {
		return "", fmt.Sprintf("%s --list-langs: %v", command, err)
	}
	have := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		have[l] = true
	}
	for _, l := range strings.Split(langs, "+") {
		if !have[l] {
			return "", fmt.Sprintf("tesseract has no %q language data (install tesseract-ocr-%s)", l, l)
		}
	}
	return path, ""
}

// Available reports whether OCR works here.
func (r *Reader) Available() bool { return r.path != "" }

// Status is "ok", or why OCR is unavailable.
func (r *Reader) Status() string {
	if r.path != "" {
		return "ok"
	}
	return r.why
}

// Jobs is how many OCR runs may go at once.
func (r *Reader) Jobs() int { return r.opt.Jobs }

// Read checks data (see Check) and returns the text Tesseract reads in
// it, tidied (see Tidy). It waits for a free slot (at most QueueTimeout)
// and stops the child at Timeout. Errors are *Error, except when ctx
// ends.
func (r *Reader) Read(ctx context.Context, data []byte) (string, error) {
	if _, err := Check(data); err != nil {
		return "", err
	}
	return r.ReadFrom(ctx, func(context.Context) ([]byte, error) { return data, nil })
}

// ReadFrom is Read for an image that fetch gets (e.g. downloads) once a
// slot is free, so that at most Jobs images are held at once. An error of
// fetch is returned as it is.
func (r *Reader) ReadFrom(ctx context.Context, fetch func(context.Context) ([]byte, error)) (string, error) {
	if r.path == "" {
		return "", errorf(Unavailable, "OCR is not available here: %s", r.why)
	}
	wait := time.NewTimer(r.opt.QueueTimeout)
	defer wait.Stop()
	select {
	case r.sem <- struct{}{}:
	case <-wait.C:
		return "", errorf(Busy, "too many images are being read; try again in a minute")
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-r.sem }()
	data, err := fetch(ctx)
	if err != nil {
		return "", err
	}
	if _, err := Check(data); err != nil {
		return "", err
	}
	return r.run(ctx, data)
}

// run starts tesseract through /bin/sh, which sets the memory limit
// (`ulimit -v`, the address space, so a crafted image cannot make it
// allocate without bound) and a CPU-time backstop (`ulimit -t`) and then
// execs tesseract, which reads the image on stdin and writes text to
// stdout. The context's deadline or Timeout, whichever is first, kills it.
func (r *Reader) run(parent context.Context, data []byte) (string, error) {
	ctx, cancel := context.WithTimeout(parent, r.opt.Timeout)
	defer cancel()
	kb := r.opt.MemoryLimit >> 10
	cpu := int(r.opt.Timeout/time.Second) + 2
	script := "ulimit -v " + strconv.FormatInt(kb, 10) + " && ulimit -t " + strconv.Itoa(cpu) + ` && exec "$0" "$@"`
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", script, r.path, "stdin", "stdout",
		"-l", r.opt.Langs, "--psm", "3", "-c", "debug_file=/dev/null")
	cmd.Env = childEnv()
	cmd.Stdin = bytes.NewReader(data)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &limited{w: &out, n: 1 << 20}, &limited{w: &errb, n: 4 << 10}
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if parent.Err() != nil {
		return "", parent.Err()
	}
	if ctx.Err() != nil {
		return "", errorf(Timeout, "reading the image took longer than %s", r.opt.Timeout)
	}
	if err != nil {
		msg := strings.TrimSpace(errb.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		return "", errorf(Failed, "tesseract failed (%v): %s", err, msg)
	}
	return Tidy(out.String()), nil
}

// childEnv is the child's environment: only what tesseract needs, with
// OpenMP held to one thread (the concurrency limit is per core).
func childEnv() []string {
	env := []string{"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C", "OMP_THREAD_LIMIT=1"}
	if p := os.Getenv("TESSDATA_PREFIX"); p != "" {
		env = append(env, "TESSDATA_PREFIX="+p)
	}
	return env
}

// Tidy trims every line, drops lines with no letter or digit (OCR noise
// from borders and icons), joins the lines of a paragraph with spaces (a
// poster's line breaks fall anywhere, even inside a phone number), and
// separates paragraphs with one blank line.
func Tidy(s string) string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if !strings.ContainsFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// limited writes at most n bytes to w and drops the rest.
type limited struct {
	w *bytes.Buffer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if room := l.n - l.w.Len(); room > 0 {
		l.w.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// Join is the text to screen for an image: its caption (or the text sent
// with it), then the text read from it.
func Join(caption, ocrText string) string {
	caption, ocrText = strings.TrimSpace(caption), strings.TrimSpace(ocrText)
	switch {
	case caption == "":
		return ocrText
	case ocrText == "":
		return caption
	}
	return caption + "\n\n" + ocrText
}
