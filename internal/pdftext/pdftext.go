// Package pdftext reads back the text of the PDFs gdprdocs writes, page by page, so
// that tests can assert what a reader of the document would see. It understands what
// fpdf produces — Flate-compressed content streams; strings of single-byte TrueType
// fonts whose encoding is WinAnsiEncoding with glyph-name differences, and UTF-16BE
// strings of UTF-8 (Type0) fonts — and is not a general PDF reader.
package pdftext

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

var (
	objRe    = regexp.MustCompile(`(\d+) 0 obj`)
	lengthRe = regexp.MustCompile(`/Length (\d+)`)
	kidsRe   = regexp.MustCompile(`/Type /Pages\s*/Kids \[([^\]]*)\]`)
	refRe    = regexp.MustCompile(`(\d+) 0 R`)
	contRe   = regexp.MustCompile(`/Contents (\d+) 0 R`)
	// A text object shows one string (Tj) or, for justified text, an array of strings
	// and spacing adjustments (TJ).
	opRe      = regexp.MustCompile(`(?s)/(F\w+) ([\d.]+) Tf|BT (?:[\d.\-]+ Tw )?([\d.\-]+) ([\d.\-]+) Td (?:(<[0-9A-Fa-f]*>|\((?:[^()\\]|\\.)*\))\s*Tj|\[([^\]]*)\]\s*TJ) ET`)
	stringRe  = regexp.MustCompile(`<[0-9A-Fa-f]*>|\((?:[^()\\]|\\.)*\)`)
	fontsRe   = regexp.MustCompile(`/Font\s*<<([^>]*)>>`)
	nameRe    = regexp.MustCompile(`/(F\w+) (\d+) 0 R`)
	encRe     = regexp.MustCompile(`/Encoding (\d+) 0 R`)
	diffRe    = regexp.MustCompile(`/Differences \[([^\]]*)\]`)
	outlineRe = regexp.MustCompile(`<</Title \(((?:[^()\\]|\\.)*)\)\s*/Parent`)
	infoRe    = regexp.MustCompile(`/(Title|Author|Subject|Creator|Producer) \(((?:[^()\\]|\\.)*)\)`)
	langRe    = regexp.MustCompile(`/Lang \(([^)]*)\)`)
)

// Pages returns the text of every page, in order: one line per text line on the page;
// pieces on one line separated by a visible gap (a list marker and its text, table
// cells) are joined with a space.
func Pages(pdf []byte) ([]string, error) {
	objs, streams := objects(pdf)
	var kids []string
	for _, dict := range objs {
		if m := kidsRe.FindStringSubmatch(dict); m != nil {
			for _, r := range refRe.FindAllStringSubmatch(m[1], -1) {
				kids = append(kids, r[1])
			}
		}
	}
	if len(kids) == 0 {
		return nil, fmt.Errorf("pdftext: no page tree")
	}
	fonts, err := fontDecoders(objs)
	if err != nil {
		return nil, err
	}
	pages := make([]string, 0, len(kids))
	for _, kid := range kids {
		m := contRe.FindStringSubmatch(objs[kid])
		if m == nil {
			return nil, fmt.Errorf("pdftext: page object %s has no contents", kid)
		}
		content, err := inflate(objs[m[1]], streams[m[1]])
		if err != nil {
			return nil, fmt.Errorf("pdftext: page object %s: %w", kid, err)
		}
		pages = append(pages, pageText(content, fonts))
	}
	return pages, nil
}

// decoder turns a string operand's bytes into text.
type decoder func(raw []byte) string

// fontDecoders maps every font resource name to the decoder of its strings: UTF-16BE
// for a Type0 font, the byte's character in its encoding for a simple font.
func fontDecoders(objs map[string]string) (map[string]decoder, error) {
	out := map[string]decoder{}
	for _, dict := range objs {
		m := fontsRe.FindStringSubmatch(dict)
		if m == nil {
			continue
		}
		for _, ref := range nameRe.FindAllStringSubmatch(m[1], -1) {
			font := objs[ref[2]]
			switch {
			case strings.Contains(font, "/Subtype /Type0"):
				out[ref[1]] = utf16be
			case strings.Contains(font, "/Subtype /TrueType"):
				table, err := simpleEncoding(font, objs)
				if err != nil {
					return nil, fmt.Errorf("pdftext: font %s: %w", ref[1], err)
				}
				out[ref[1]] = func(raw []byte) string {
					var b strings.Builder
					for _, c := range raw {
						b.WriteRune(table[c])
					}
					return b.String()
				}
			default:
				return nil, fmt.Errorf("pdftext: font %s is neither Type0 nor TrueType", ref[1])
			}
		}
	}
	return out, nil
}

// simpleEncoding is the character of each code of a simple font: WinAnsiEncoding
// (Windows-1252) with the font's differences.
func simpleEncoding(font string, objs map[string]string) ([256]rune, error) {
	var table [256]rune
	for c := range table {
		table[c] = charmap.Windows1252.DecodeByte(byte(c))
	}
	m := encRe.FindStringSubmatch(font)
	if m == nil {
		if strings.Contains(font, "/Encoding /WinAnsiEncoding") {
			return table, nil
		}
		return table, fmt.Errorf("no encoding")
	}
	d := diffRe.FindStringSubmatch(objs[m[1]])
	if d == nil {
		return table, fmt.Errorf("encoding %s has no differences", m[1])
	}
	code := 0
	for _, item := range strings.Fields(d[1]) {
		name, ok := strings.CutPrefix(item, "/")
		if !ok {
			n, err := strconv.Atoi(item)
			if err != nil || n < 0 || n > 255 {
				return table, fmt.Errorf("differences: %q", item)
			}
			code = n
			continue
		}
		r, err := glyphRune(name)
		if err != nil {
			return table, err
		}
		if code > 255 {
			return table, fmt.Errorf("differences run past code 255")
		}
		table[code] = r
		code++
	}
	return table, nil
}

// glyphNames are the Adobe Glyph List's names of the characters beyond Windows-1252
// that Baltic, Polish and Dutch names are written with, and a few signs.
var glyphNames = map[string]rune{
	"Aogonek": 'Ą', "aogonek": 'ą', "Ccaron": 'Č', "ccaron": 'č', "Eogonek": 'Ę', "eogonek": 'ę',
	"Edotaccent": 'Ė', "edotaccent": 'ė', "Iogonek": 'Į', "iogonek": 'į', "Uogonek": 'Ų',
	"uogonek": 'ų', "Umacron": 'Ū', "umacron": 'ū', "Lslash": 'Ł', "lslash": 'ł', "Sacute": 'Ś',
	"sacute": 'ś', "Cacute": 'Ć', "cacute": 'ć', "Nacute": 'Ń', "nacute": 'ń', "Zacute": 'Ź',
	"zacute": 'ź', "Zdotaccent": 'Ż', "zdotaccent": 'ż', "Amacron": 'Ā', "amacron": 'ā',
	"Emacron": 'Ē', "emacron": 'ē', "Imacron": 'Ī', "imacron": 'ī', "Scaron": 'Š', "scaron": 'š',
	"Zcaron": 'Ž', "zcaron": 'ž', "dotlessi": 'ı', "scedilla": 'ş', "bullet": '•', "ellipsis": '…',
}

// glyphRune is the character a glyph name stands for: a name of the list, or "uni"
// and four hexadecimal digits.
func glyphRune(name string) (rune, error) {
	if r, ok := glyphNames[name]; ok {
		return r, nil
	}
	if hex, ok := strings.CutPrefix(name, "uni"); ok && len(hex) == 4 {
		if v, err := strconv.ParseUint(hex, 16, 16); err == nil {
			return rune(v), nil
		}
	}
	return 0, fmt.Errorf("unknown glyph name %q", name)
}

// Text is the text of all pages, separated by form feeds.
func Text(pdf []byte) (string, error) {
	pages, err := Pages(pdf)
	return strings.Join(pages, "\f"), err
}

// Outlines returns the titles of the document's bookmarks, in the order they are
// written.
func Outlines(pdf []byte) []string {
	var out []string
	for _, m := range outlineRe.FindAllSubmatch(pdf, -1) {
		out = append(out, decodeLiteral(m[1]))
	}
	return out
}

// Info returns the document information entries fpdf writes (Title, Author, Subject,
// Creator, Producer) and the catalogue's Lang, decoded from UTF-16BE where marked.
func Info(pdf []byte) map[string]string {
	out := map[string]string{}
	for _, m := range infoRe.FindAllSubmatch(pdf, -1) {
		out[string(m[1])] = decodeLiteral(m[2])
	}
	if m := langRe.FindSubmatch(pdf); m != nil {
		out["Lang"] = string(m[1])
	}
	return out
}

// objects splits a PDF into its objects' dictionaries and stream data by object number.
// Streams are skipped by their /Length, so binary data is never mistaken for syntax.
func objects(pdf []byte) (dicts map[string]string, streams map[string][]byte) {
	dicts, streams = map[string]string{}, map[string][]byte{}
	for pos := 0; pos < len(pdf); {
		loc := objRe.FindSubmatchIndex(pdf[pos:])
		if loc == nil {
			break
		}
		num := string(pdf[pos+loc[2] : pos+loc[3]])
		start := pos + loc[1]
		end := bytes.Index(pdf[start:], []byte("endobj"))
		if end < 0 {
			break
		}
		body := pdf[start : start+end]
		si := bytes.Index(body, []byte("stream"))
		if si < 0 {
			dicts[num] = string(body)
			pos = start + end + len("endobj")
			continue
		}
		dict := string(body[:si])
		dicts[num] = dict
		dataStart := start + si + len("stream")
		if pdf[dataStart] == '\r' {
			dataStart++
		}
		dataStart++ // the line feed after "stream"
		m := lengthRe.FindStringSubmatch(dict)
		if m == nil {
			break
		}
		n, _ := strconv.Atoi(m[1])
		if dataStart+n > len(pdf) {
			break
		}
		streams[num] = pdf[dataStart : dataStart+n]
		next := bytes.Index(pdf[dataStart+n:], []byte("endobj"))
		if next < 0 {
			break
		}
		pos = dataStart + n + next + len("endobj")
	}
	return dicts, streams
}

func inflate(dict string, data []byte) ([]byte, error) {
	if data == nil {
		return nil, fmt.Errorf("not a stream")
	}
	if !strings.Contains(dict, "/FlateDecode") {
		return data, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

type piece struct {
	x, y, size float64
	text       string
}

// end estimates where a piece's text ends: the average glyph of a sans-serif typeface
// is about half its size wide, a digit a little more, a full stop or a comma about a
// quarter. It only decides whether a gap separates two pieces.
func (p piece) end() float64 {
	var em float64
	for _, r := range p.text {
		switch {
		case strings.ContainsRune(".,:;'!|il", r):
			em += 0.28
		case r >= '0' && r <= '9':
			em += 0.57
		default:
			em += 0.5
		}
	}
	return p.x + em*p.size
}

func pageText(content []byte, fonts map[string]decoder) string {
	var pieces []piece
	size := 10.0
	decode := utf16be
	for _, m := range opRe.FindAllSubmatch(content, -1) {
		if m[1] != nil {
			size, _ = strconv.ParseFloat(string(m[2]), 64)
			if d, ok := fonts[string(m[1])]; ok {
				decode = d
			}
			continue
		}
		x, _ := strconv.ParseFloat(string(m[3]), 64)
		y, _ := strconv.ParseFloat(string(m[4]), 64)
		strs := [][]byte{m[5]}
		if m[5] == nil {
			strs = stringRe.FindAll(m[6], -1)
		}
		var text strings.Builder
		for _, str := range strs {
			text.WriteString(decode(operand(str)))
		}
		pieces = append(pieces, piece{x: x, y: y, size: size, text: text.String()})
	}
	// Top to bottom, then left to right; pieces within half a point share a line.
	sort.SliceStable(pieces, func(i, j int) bool {
		if d := pieces[i].y - pieces[j].y; d > 0.5 || d < -0.5 {
			return d > 0
		}
		return pieces[i].x < pieces[j].x
	})
	var b strings.Builder
	for i, p := range pieces {
		if i > 0 {
			prev := pieces[i-1]
			switch {
			case prev.y-p.y > 0.5 || p.y-prev.y > 0.5:
				b.WriteByte('\n')
			case p.x-prev.end() > 0.25*p.size && !strings.HasSuffix(prev.text, " ") && !strings.HasPrefix(p.text, " "):
				// A visible gap: list marker and text, or two table cells.
				b.WriteByte(' ')
			}
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// operand is the bytes of a PDF string operand, hex or literal.
func operand(str []byte) []byte {
	if str[0] == '<' {
		raw, err := hex.DecodeString(string(str[1 : len(str)-1]))
		if err != nil {
			return nil
		}
		return raw
	}
	return []byte(unescape(str[1 : len(str)-1]))
}

func utf16be(raw []byte) string {
	if len(raw)%2 != 0 {
		return ""
	}
	u := make([]uint16, len(raw)/2)
	for i := range u {
		u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
	}
	return string(utf16.Decode(u))
}

// decodeLiteral decodes a PDF literal string: escapes, and UTF-16BE after a BOM.
func decodeLiteral(s []byte) string {
	out := unescape(s)
	if len(out) >= 2 && out[0] == 0xFE && out[1] == 0xFF {
		return utf16be([]byte(out[2:]))
	}
	// Without the mark, a text string is PDFDocEncoding, which agrees with Latin-1 on
	// ASCII and on 0xA0–0xFF: raw UTF-8 reads as a reader would show it, garbled.
	r := make([]rune, len(out))
	for i := 0; i < len(out); i++ {
		r[i] = rune(out[i])
	}
	return string(r)
}

// unescape resolves the backslash escapes of a PDF literal string.
func unescape(s []byte) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		default:
			if s[i] >= '0' && s[i] <= '7' {
				j := i
				for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
					j++
				}
				v, _ := strconv.ParseUint(string(s[i:j]), 8, 8)
				out = append(out, byte(v))
				i = j - 1
			} else {
				out = append(out, s[i])
			}
		}
	}
	return string(out)
}
