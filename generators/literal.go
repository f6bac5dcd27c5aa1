package generators

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Literal is the text a Markdown text segment stands for, as goldmark's HTML writer
// reads it: a backslash before ASCII punctuation is dropped, entity and numeric
// references ("&amp;", "&#8222;") become their characters, and an escaped "&" stays
// an ampersand.
func Literal(src []byte) string {
	if !strings.ContainsAny(string(src), "\\&") {
		return string(src)
	}
	var b strings.Builder
	b.Grow(len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src) && util.IsPunct(src[i+1]):
			i++
			b.WriteByte(src[i])
		case c == '&':
			if r, n := reference(src[i:]); n > 0 {
				b.WriteString(r)
				i += n - 1
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// reference reads an entity or numeric reference at the start of s, returning what it
// stands for and its length, or 0 when s does not start with one.
func reference(s []byte) (string, int) {
	end := -1
	for j := 1; j < len(s) && j <= 40; j++ {
		if s[j] == ';' {
			end = j
			break
		}
	}
	if end < 2 {
		return "", 0
	}
	name := string(s[1:end])
	if name[0] == '#' {
		base, digits := 10, name[1:]
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			base, digits = 16, digits[1:]
		}
		v, err := strconv.ParseUint(digits, base, 32)
		if err != nil || digits == "" || len(digits) > 7 {
			return "", 0
		}
		r := rune(v)
		if r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), end + 1
	}
	if e, ok := util.LookUpHTML5EntityByName(name); ok {
		return string(e.Characters), end + 1
	}
	return "", 0
}

// InlineText is the text of n's inline content without markup, as a reader sees it:
// escapes and references resolved, code spans as written, a soft line break a space,
// a hard line break the given string.
func InlineText(n ast.Node, src []byte, hardBreak string) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(Literal(c.Segment.Value(src)))
			switch {
			case c.HardLineBreak():
				b.WriteString(hardBreak)
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if seg, ok := t.(*ast.Text); ok {
					b.Write(seg.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
