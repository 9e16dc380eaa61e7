package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// appendJSON appends o as encoding/json's Encoder (SetEscapeHTML(false))
// writes it, without the newline, when o.ID is valid, compact JSON (see
// compactJSON); TestBatchOutJSON holds it to that. The output of --jsonl
// is one of these per ad, and the reflection of encoding/json cost more
// than writing the few fields by hand.
func (o *batchOut) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"id":`...)
	b = append(b, o.ID...)
	b = append(b, `,"level":`...)
	b = appendJSONString(b, o.Level)
	b = append(b, `,"score":`...)
	b = strconv.AppendInt(b, int64(o.Score), 10)
	b = append(b, `,"is_job_ad":`...)
	b = strconv.AppendBool(b, o.IsJobAd)
	b = append(b, `,"hits":`...)
	if o.Hits == nil {
		b = append(b, "null"...)
	} else {
		b = appendHits(b, o.Hits)
	}
	if o.Model != nil {
		b = append(b, `,"model":{"probability":`...)
		var err error
		if b, err = appendJSONFloat(b, o.Model.Probability); err != nil {
			return nil, err
		}
		b = append(b, `,"points":`...)
		b = strconv.AppendInt(b, int64(o.Model.Points), 10)
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// compactJSON reports whether id is valid JSON without white space, which
// encoding/json writes as it is. fastjson writes most ids so, but lets some
// invalid ones through (a bad escape such as "\xff"), which encoding/json
// refuses: those, and ids with spaces, are left to it.
func compactJSON(id []byte) bool {
	return json.Valid(id) && !bytes.ContainsAny(id, " \t\r\n")
}

// appendHits appends a non-nil list of hits.
func appendHits(b []byte, hits []batchHit) []byte {
	b = append(b, '[')
	for i, h := range hits {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"rule":`...)
		b = appendJSONString(b, h.Rule)
		b = append(b, `,"category":`...)
		b = appendJSONString(b, h.Category)
		b = append(b, `,"match":`...)
		b = appendJSONString(b, h.Match)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendJSONString appends s quoted as encoding/json quotes it without
// HTML escaping: '"', '\\' and control characters escaped, invalid UTF-8
// as \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat appends f as encoding/json writes a float64: the
// shortest decimal, with an exponent only below 1e-6 or from 1e21 on.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}
