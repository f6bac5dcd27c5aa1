package templates

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mdSpecial are the characters that can start or change Markdown structure anywhere in a
// line (emphasis, links, code, raw HTML, entities, table cells, strikethrough, headings,
// and the {#label .class} attributes of headings that clause numbering reads).
const mdSpecial = "\\`*_[]<>|~&#{}"

// Inline escapes plain text for use inside one Markdown line (a paragraph, a list item,
// a table cell, a heading): every structural character is backslash-escaped, line
// breaks and leading spaces go (so no line can become indented code or a setext
// underline), and a line-start marker is neutralised: "=", a list marker ("-", "+",
// "1.", "1)") and a line of dashes, which would be a thematic break or turn the line
// above into a heading. The result reads as the same text in every CommonMark renderer
// wherever a template puts it, and stays readable: a "+" or "-" that cannot start a
// block ("-2", "+370") is left alone.
func Inline(s string) string {
	if plain(s) {
		return s
	}
	return escapeInline(s)
}

// escapeInline is Inline for text that needs it.
func escapeInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, r := range s {
		switch {
		case strings.ContainsRune(mdSpecial, r):
			b.WriteByte('\\')
		case i == 0 && r == '=':
			b.WriteByte('\\')
		case i == 0 && (r == '-' || r == '+') && spaceOrEnd(s[1:]):
			b.WriteByte('\\')
		case i == 0 && r == '-' && strings.Trim(s, "- ") == "":
			b.WriteByte('\\')
		case (r == '.' || r == ')') && isOrderedMarker(s[:i]) && spaceOrEnd(s[i+1:]):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// plain reports whether Inline leaves s as it is, as it does most text: words
// separated by single spaces, no structural character, no marker or digit first.
func plain(s string) bool {
	for i, r := range s {
		switch {
		case r == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		case r < ' ' || unicode.IsSpace(r), r == utf8.RuneError:
			// Invalid UTF-8 too: escaping writes it as U+FFFD.
			return false
		case r < 0x80 && strings.IndexByte(mdSpecial, byte(r)) >= 0:
			return false
		case i == 0 && (r == '=' || r == '-' || r == '+' || unicode.IsDigit(r)):
			return false
		}
	}
	return s != ""
}

// spaceOrEnd reports whether rest is empty or starts with a space: only then does a
// line-start "-", "+" or "1." open a list.
func spaceOrEnd(rest string) bool { return rest == "" || rest[0] == ' ' }

// isOrderedMarker reports whether prefix (the text before a "." or ")") is all digits, so
// that the punctuation would make the line an ordered list item.
func isOrderedMarker(prefix string) bool {
	if prefix == "" || len(prefix) > 9 {
		return false
	}
	for _, r := range prefix {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Paragraphs escapes multi-paragraph plain text: paragraphs are separated by blank
// lines in the input and come out as Markdown paragraphs, each escaped with Inline.
func Paragraphs(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = Inline(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}
