// Package htmltext reads an HTML page back for tests: the element names in document
// order and the text, so that two renderings can be compared in structure and words.
package htmltext

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// Elements parses page and returns its element names in document order, joined by
// spaces, and its text nodes joined by spaces.
func Elements(page []byte) (names, text string, err error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return "", "", err
	}
	var n, t []string
	for node := range doc.Descendants() {
		switch node.Type {
		case html.ElementNode:
			n = append(n, node.Data)
		case html.TextNode:
			t = append(t, node.Data)
		}
	}
	return strings.Join(n, " "), strings.Join(t, " "), nil
}
