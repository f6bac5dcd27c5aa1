package htmlpage

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestPage(t *testing.T) {
	out, err := Render([]byte("# Pavadinimas\n\n| A | B |\n| - | - |\n| 1 | 2 |\n"), Options{Lang: "lt", Title: "Title <&>"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var lang, title string
	var tables int
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "html":
			for _, a := range n.Attr {
				if a.Key == "lang" {
					lang = a.Val
				}
			}
		case "title":
			title = n.FirstChild.Data
		case "table":
			tables++
		}
	}
	if lang != "lt" || title != "Title <&>" || tables != 1 {
		t.Errorf("lang %q, title %q, %d tables", lang, title, tables)
	}
	if !strings.Contains(string(out), "<meta charset=\"utf-8\">") || !strings.Contains(string(out), "@page") {
		t.Error("page lacks charset or print styles")
	}
}

// Raw HTML in the Markdown never reaches the output, and dangerous links are dropped.
func TestRawHTMLIsNeverPassedThrough(t *testing.T) {
	md := "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and [x](javascript:alert(1)) and [y](javascript&colon;alert(1)).\n"
	out, err := Render([]byte(md), Options{Lang: "en", Fragment: true})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, bad := range []string{"<script", "<img", "onerror", "javascript:", "javascript&colon;"} {
		if strings.Contains(s, bad) {
			t.Errorf("output contains %q: %s", bad, s)
		}
	}
	if !strings.HasPrefix(s, `<div class="gdprdocs" lang="en">`) {
		t.Errorf("fragment starts %.40q", s)
	}
}
