package generators

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Markdown is the parser every renderer uses: CommonMark with GFM tables, raw HTML never
// passed through, and heading attributes ("## Cookies {#cookies}") for the stable anchors
// that embedded documents offer. User text cannot form an attribute: templates escape
// "{" and "}".
var Markdown = goldmark.New(goldmark.WithExtensions(extension.Table),
	goldmark.WithParserOptions(parser.WithHeadingAttribute()))

// Parse parses a document's Markdown into its AST.
func Parse(src []byte) ast.Node {
	return Markdown.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
}

// HeadingAttributes reads a heading's {#id .class} attributes.
func HeadingAttributes(h *ast.Heading) (id string, classes []string) {
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = string(b)
		}
	}
	if v, ok := h.AttributeString("class"); ok {
		if b, ok := v.([]byte); ok {
			classes = strings.Fields(string(b))
		}
	}
	return id, classes
}
