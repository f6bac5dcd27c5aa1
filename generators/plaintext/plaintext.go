// Package plaintext renders a document's Markdown as plain text for an e-mail body: headings
// underlined, paragraphs wrapped at 72 columns, lists with hanging indents, and no
// markup left — what a mail client shows as it is.
package plaintext

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/gdprdocs/gdprdocs/generators"
)

// Width is the column at which paragraphs wrap.
const Width = 72

// Render converts Markdown to plain text.
func Render(md []byte) []byte {
	var out bytes.Buffer
	doc := generators.Parse(md)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		block(&out, n, md, "")
	}
	return append(bytes.TrimRight(out.Bytes(), "\n"), '\n')
}

func block(out *bytes.Buffer, n ast.Node, src []byte, indent string) {
	switch n := n.(type) {
	case *ast.Heading:
		title := inline(n, src)
		out.WriteString(title + "\n")
		rule := "-"
		if n.Level == 1 {
			rule = "="
		}
		out.WriteString(strings.Repeat(rule, utf8.RuneCountInString(title)) + "\n\n")
	case *ast.List:
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			first := true
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				if first {
					wrap(out, inline(c, src), indent+"- ", indent+"  ")
					first = false
					continue
				}
				block(out, c, src, indent+"  ")
			}
		}
		out.WriteString("\n")
	case *ast.ThematicBreak:
		out.WriteString(strings.Repeat("-", Width) + "\n\n")
	default:
		for _, line := range strings.Split(inline(n, src), "\n") {
			wrap(out, line, indent, indent)
		}
		out.WriteString("\n")
	}
}

// inline is the text of a block's inline content; hard line breaks stay line breaks.
func inline(n ast.Node, src []byte) string { return generators.InlineText(n, src, "\n") }

// wrap writes s in lines of at most Width columns, the first after lead, the rest
// after indent; a word longer than a line stands alone.
func wrap(out *bytes.Buffer, s, lead, indent string) {
	line := lead
	empty := true
	for _, word := range strings.Fields(s) {
		if !empty && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > Width {
			out.WriteString(line + "\n")
			line, empty = indent, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	out.WriteString(strings.TrimRight(line, " ") + "\n")
}
