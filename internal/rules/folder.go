package rules

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// A folder of rules holds topic files (*.yaml), for example categories.yaml,
// rules-departure.yaml, combos.yaml, lists.yaml. They are read in name
// order and joined into one stream of YAML documents, each headed by a
// "--- # file: NAME" line, so that the folder is one rule set with one
// version (stored, exported and previewed like a single file) and errors
// still name the topic file and its line.

// fileMarker heads each document of a joined folder.
var fileMarker = regexp.MustCompile(`(?m)^--- # file: (\S+)\s*$`)

// ReadDir joins the *.yaml files of dir into one stream of documents.
func ReadDir(dir string) ([]byte, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("rules: folder %s has no .yaml files", dir)
	}
	sort.Strings(names)
	var out bytes.Buffer
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		fmt.Fprintf(&out, "--- # file: %s\n", filepath.Base(name))
		out.Write(data)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			out.WriteByte('\n')
		}
		if out.Len() > MaxFileSize {
			return nil, fmt.Errorf("rules: folder %s is larger than %d bytes", dir, MaxFileSize)
		}
	}
	return out.Bytes(), nil
}

// source is a topic file inside a joined stream: its name, and the line of
// the stream where its first line is.
type source struct {
	name  string
	first int
}

// sourcesOf finds the topic files of a joined stream (none for one file).
func sourcesOf(data []byte) []source {
	var out []source
	for _, m := range fileMarker.FindAllSubmatchIndex(data, -1) {
		line := bytes.Count(data[:m[0]], []byte("\n")) + 2 // the line after the marker
		out = append(out, source{name: string(data[m[2]:m[3]]), first: line})
	}
	return out
}

// locateLine maps a line of the stream to the file and line where it is
// written.
func (f *File) locateLine(line int) (string, int) {
	for i := len(f.sources) - 1; i >= 0; i-- {
		if s := f.sources[i]; line >= s.first {
			return filepath.Join(f.Path, s.name), line - s.first + 1
		}
	}
	return f.Path, line
}

// ErrorAt returns an error located at the YAML path (such as
// "rules[3].patterns[1]"): the file and line where it is written.
func (f *File) ErrorAt(path, rule, msg string) *Error {
	file, line := f.Path, f.Line(path)
	if line > 0 {
		file, line = f.locateLine(line)
	}
	return &Error{File: file, Line: line, Rule: rule, Msg: msg}
}

// joined are the sections whose items are joined across topic files.
var joined = map[string]bool{"categories": true, "rules": true, "combos": true, "destinations": true}

// merge adds a decoded document (with the lines of its YAML paths) to f:
// the items of the joined sections are appended, any other section may be
// written in one document only, and version must agree.
func (f *File) merge(part *File, lines map[string]int) error {
	offset := map[string]int{
		"categories": len(f.Categories), "rules": len(f.Rules),
		"combos": len(f.Combos), "destinations": len(f.Destinations),
	}
	for p, l := range lines {
		f.Lines[shiftPath(p, offset)] = l
	}
	f.Categories = append(f.Categories, part.Categories...)
	f.Rules = append(f.Rules, part.Rules...)
	f.Combos = append(f.Combos, part.Combos...)
	f.Destinations = append(f.Destinations, part.Destinations...)
	if part.Version != 0 && f.Version != 0 && part.Version != f.Version {
		return Errors{f.ErrorAt("version", "", fmt.Sprintf("version %d here, %d in an earlier file: a folder has one version", part.Version, f.Version))}
	}
	if part.Version != 0 {
		f.Version = part.Version
	}
	dst, src := reflect.ValueOf(f).Elem(), reflect.ValueOf(part).Elem()
	t := dst.Type()
	for i := 0; i < t.NumField(); i++ {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if key == "" || key == "-" || key == "version" || joined[key] || src.Field(i).IsZero() {
			continue
		}
		if !dst.Field(i).IsZero() {
			return Errors{f.ErrorAt(key, "", fmt.Sprintf("section %s is written in two files; write it in one", key))}
		}
		dst.Field(i).Set(src.Field(i))
	}
	return nil
}

// shiftPath moves "rules[3]..." to "rules[3+offset]...".
func shiftPath(p string, offset map[string]int) string {
	sec, rest, ok := strings.Cut(p, "[")
	if !ok || !joined[sec] {
		return p
	}
	num, tail, ok := strings.Cut(rest, "]")
	i, err := strconv.Atoi(num)
	if !ok || err != nil {
		return p
	}
	return fmt.Sprintf("%s[%d]%s", sec, i+offset[sec], tail)
}
