package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"gdprdocs/internal/pdftext"
)

// hostile is text that would change a document's structure if any template printed it
// without escaping: a heading, emphasis, a table cell, raw HTML, a link, a formula.
const hostile = "=1+1 # Heading *bold* _em_ | cell | <script>alert(1)</script> <b>x</b> [link](javascript:alert(1)) `code` &amp; \\"

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

// poison replaces every free-text string of a case with hostile text, keeping codes,
// times and countries valid so that the case still renders.
func poison(v any, key string) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = poison(x, k)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = poison(x, key)
		}
		return v
	case string:
		if isoDate.MatchString(v) {
			return v // dates and timestamps stay valid
		}
		switch key {
		case "jurisdiction", "time_zone", "country", "member_states", "role", "phase", "types", "risk", "status",
			"exemption", "legal_form", "categories", "decision", "kind", "language":
			return v
		}
		return hostile + " " + v
	}
	return v
}

func TestUserTextNeverChangesStructure(t *testing.T) {
	s := newService(t)
	for _, sm := range samples {
		var tree map[string]any
		if err := json.Unmarshal(sample(t, sm), &tree); err != nil {
			t.Fatal(err)
		}
		clean := render(t, s, sm, "en", Markdown).Body
		body, _ := json.Marshal(poison(tree, ""))
		req := Request{Doc: "breach-authority-notice", Lang: "en", Now: now}

		req.Format = Markdown
		md, err := s.Render(context.Background(), req, body)
		if err != nil {
			t.Fatalf("%s: %v", sm, err)
		}
		if a, b := structure(clean), structure(md.Body); a != b {
			t.Errorf("%s: user text changed the Markdown structure:\nclean:    %s\npoisoned: %s", sm, a, b)
		}

		req.Format = HTML
		out, err := s.Render(context.Background(), req, body)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(out.Body))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "script", "b", "a", "code", "em", "table", "h1":
				if n.Data == "h1" && n.Parent.Data == "main" {
					continue // the document's own title
				}
				t.Errorf("%s: user text became a <%s> element", sm, n.Data)
			}
		}
		if !strings.Contains(string(out.Body), "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the script tag is not shown as text", sm)
		}

		req.Format = PDF
		out, err = s.Render(context.Background(), req, body)
		if err != nil {
			t.Fatal(err)
		}
		text, err := pdftext.Text(out.Body)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "<script>alert(1)</script>") {
			t.Errorf("%s: PDF does not show the user's text literally", sm)
		}

		req.Format = XLSX
		out, err = s.Render(context.Background(), req, body)
		if err != nil {
			t.Fatal(err)
		}
		f := openWorkbook(t, out.Body)
		rows, _ := f.GetRows(f.GetSheetName(0))
		for i, r := range rows {
			if len(r) > 2 && strings.HasPrefix(r[2], "=1+1") {
				cell, _ := excelize.CoordinatesToCellName(3, i+1)
				if formula, _ := f.GetCellFormula(f.GetSheetName(0), cell); formula != "" {
					t.Errorf("%s: %s became a formula %q", sm, cell, formula)
				}
				if typ, _ := f.GetCellType(f.GetSheetName(0), cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s: %s has type %v, want a string", sm, cell, typ)
				}
			}
		}
		f.Close()
	}
}

// structure is a document's block skeleton: headings, list items and paragraph count.
func structure(md []byte) string {
	var b strings.Builder
	paras := 0
	for _, line := range strings.Split(string(md), "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			h, _, _ := strings.Cut(line, " ")
			b.WriteString(h + " ")
		case strings.HasPrefix(line, "- "):
			b.WriteString("- ")
		case line == "":
			paras++
		}
	}
	return b.String() + strings.Repeat(".", paras)
}
