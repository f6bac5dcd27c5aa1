package pdf

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// The documents are drawn in single-byte fonts. Each style of the typeface is parsed
// once per process; a document embeds it cut down to the glyphs of the characters its
// text holds, which takes no font parse and a fraction of a millisecond, and its text
// stays exact: the encoding names every glyph (Adobe Glyph List), so a reader maps
// each byte back to its character.
//
// The encoding is Windows-1252 — Dutch and English — with its unused and rarest
// characters replaced by the letters of Lithuanian (and of Polish, common in
// Lithuanian names), Turkish ı and ş, and the fallback glyph. A character outside it
// is drawn in the UTF-8 font, which a document loads only when it needs it.

// additions are the characters that take the place of rare Windows-1252 ones, with
// their glyph names, and two that keep their place under a name of their own.
var additions = []struct {
	code byte
	r    rune
	name string
}{
	{0x81, 'Ą', "Aogonek"}, {0x83, 'ą', "aogonek"}, {0x88, 'Č', "Ccaron"}, {0x89, 'č', "ccaron"},
	{0x8D, 'Ę', "Eogonek"}, {0x8F, 'ę', "eogonek"}, {0x90, 'Ė', "Edotaccent"}, {0x98, 'ė', "edotaccent"},
	{0x9D, 'Į', "Iogonek"}, {0x9F, 'į', "iogonek"}, {0xA2, 'Ų', "Uogonek"}, {0xA4, 'ų', "uogonek"},
	{0xA5, 'Ū', "Umacron"}, {0xA6, 'ū', "umacron"}, {0xA8, 'Ł', "Lslash"}, {0xAA, 'ł', "lslash"},
	{0xAC, 'Ś', "Sacute"}, {0xAF, 'ś', "sacute"}, {0xB4, 'Ć', "Cacute"}, {0xB6, 'ć', "cacute"},
	{0xB8, 'Ń', "Nacute"}, {0xB9, 'ń', "nacute"}, {0xBA, 'Ź', "Zacute"}, {0xD0, 'ź', "zacute"},
	{0xDE, 'Ż', "Zdotaccent"}, {0xF0, 'ż', "zdotaccent"}, {0xFD, 'ı', "dotlessi"},
	{0xFE, 'ş', "scedilla"}, {0xDD, '\uFFFD', "uniFFFD"},
	// WinAnsiEncoding names these two "space" and "hyphen": a viewer would look for
	// the glyphs of U+0020 and U+002D, which a subset may not have.
	{0xA0, '\u00A0', "uni00A0"}, {0xAD, '\u00AD', "uni00AD"},
}

// encoding is the single-byte encoding of the prepared fonts.
type encoding struct {
	runes [256]rune // the character of each code from 32; 0 where none
	codes map[rune]byte
	// differences is the encoding's /Differences array from WinAnsiEncoding.
	differences string
}

// newEncoding returns the encoding of the characters the typeface covers.
func newEncoding(covers func(rune) bool) *encoding {
	e := &encoding{codes: make(map[rune]byte, 224)}
	dec := charmap.Windows1252
	for c := 32; c < 256; c++ {
		if r := dec.DecodeByte(byte(c)); r >= ' ' && (r < 0x7F || r > 0x9F) {
			e.runes[c] = r
		}
	}
	var diff strings.Builder
	for _, a := range additions {
		e.runes[a.code] = a.r
		fmt.Fprintf(&diff, "%d /%s ", a.code, a.name)
	}
	e.differences = strings.TrimSpace(diff.String())
	for c := 32; c < 256; c++ {
		if r := e.runes[c]; r != 0 && covers(r) {
			e.codes[r] = byte(c)
		} else {
			e.runes[c] = 0
		}
	}
	return e
}

// encode returns s in the encoding and true, or false when a character of s is not in it.
func (e *encoding) encode(s string) (string, bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x7F || s[i] < ' ' {
			ascii = false
			break
		}
	}
	if ascii {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := e.codes[r]
		if !ok {
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}

// has reports whether r is in the encoding.
func (e *encoding) has(r rune) bool {
	if r >= ' ' && r < 0x7F {
		return true
	}
	_, ok := e.codes[r]
	return ok
}

// prefix returns the length of s's longest prefix whose characters are all in the
// encoding, or all outside it, and which of the two.
func (e *encoding) prefix(s string) (n int, in bool) {
	for i, r := range s {
		if i == 0 {
			in = e.has(r)
		} else if e.has(r) != in {
			return i, in
		}
	}
	return len(s), in
}
