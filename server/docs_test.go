package server

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The reference page is made on the server: it parses, runs no script, loads nothing
// but the documents' stylesheet, and shows every operation, every parameter with the
// meaning of each value, every problem code, and every field and code of the case.
func TestDocsPage(t *testing.T) {
	s, _ := newServer(t, Config{})
	r := do(t, s, http.MethodGet, "/docs", nil)
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("%d %s", r.status, r.header.Get("Content-Type"))
	}
	root, err := html.Parse(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for n := range root.Descendants() {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data + " ")
		case html.ElementNode:
			if n.Data == "script" || n.Data == "iframe" || n.Data == "style" {
				t.Errorf("the page has a <%s>", n.Data)
			}
			for _, a := range n.Attr {
				if (a.Key == "src" || a.Key == "href" && n.Data == "link") && a.Val != "/v1/assets/gdprdocs.css" {
					t.Errorf("the page loads %s", a.Val)
				}
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("the page has a handler %s", a.Key)
				}
			}
		}
	}
	page := text.String()
	doc := served(t, s)
	var want []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if method == http.MethodHead {
				continue
			}
			want = append(want, method+" "+path, op.Summary)
			for _, p := range op.Parameters {
				want = append(want, p.Value.Name, p.Value.Description)
				words, _ := p.Value.Schema.Value.Extensions["x-enumDescriptions"].(map[string]any)
				for _, w := range words {
					want = append(want, w.(string))
				}
			}
			for _, resp := range op.Responses.Map() {
				codes, _ := resp.Value.Extensions["x-problem-codes"].([]any)
				for _, c := range codes {
					want = append(want, c.(string))
				}
			}
		}
	}
	want = append(want, "/breaches/[]/risk", "likely to result in a high risk", "/organisation/processing_activities/[]/data",
		"racial or ethnic origin", "Lithuania: State Data Protection Inspectorate", "/organisation/jurisdiction")
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("the page does not show %q", w)
		}
	}
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
}
