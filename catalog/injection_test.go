package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/internal/htmltext"
	"github.com/gdprdocs/gdprdocs/internal/pdftext"
	"github.com/gdprdocs/gdprdocs/locales"
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

// blockHostile are values that are each a Markdown block construct when they stand at
// the start of a line: thematic breaks, setext underlines (after text on the line above,
// which a multi-line field gives), list markers, quotes, fences, indented code, HTML
// blocks, link reference definitions, table rows.
var blockHostile = []string{
	"--", "---", "- - -", "***", "___", "-", "+", "=", "===", "- x", "* x", "+ x", "1. x", "1) x",
	"> x", "```", "~~~", "    x", "<div>x</div>", "<!-- x -->", "[x]: https://x.test", "| x | y |", "# x",
	"x\n===", "x\n---", "x\n\n---\n\n    y", "x\n- y\n1. z\n> w",
}

// pdfHostile are the values the PDF is read back for: words that no table column
// wraps, so that the text extracted from the page holds them whole.
var pdfHostile = []string{"--", "---", "***", "==="}

// notFree are the open string fields that the case validates as identifiers, codes or
// time zones: a hostile value there is refused, so it never reaches a document.
var notFree = []string{"/organisation/time_zone", "/organisation/legal_form", "/organisation/address/country",
	"/organisation/cookies/*/country", "/organisation/cookies/*/expiry", "/organisation/processors/*/country",
	"/organisation/processing_activities/*/id", "/organisation/processing_activities/*/transfers/*/country",
	"/breaches/*/reference", "/breaches/*/controller/jurisdiction", "/breaches/*/cross_border/lead_authority",
	"/breaches/*/cross_border/member_states/*", "/breaches/*/other_authorities/*", "/requests/*/number",
	"/reviews/*/number"}

// caseSchema is the case format's schema, its codes described in English.
func caseSchema() map[string]any {
	set, err := locales.Default()
	if err != nil {
		panic(err)
	}
	en, _ := set.Locale("en")
	return casedata.Schema(en)
}

// freeTextPaths are the schema paths ("*" for an index) of the strings a case gives as
// free text: prose, and open strings without an enum or a format.
func freeTextPaths() map[string]bool {
	out := map[string]bool{}
	var walk func(s map[string]any, path string)
	walk = func(s map[string]any, path string) {
		switch {
		case s["type"] == "object":
			for k, v := range s["properties"].(map[string]any) {
				walk(v.(map[string]any), path+"/"+k)
			}
		case s["type"] == "array":
			walk(s["items"].(map[string]any), path+"/*")
		case s["oneOf"] != nil, s["type"] == "string" && s["enum"] == nil && s["format"] == nil:
			out[path] = !slices.Contains(notFree, path)
		}
	}
	walk(caseSchema(), "")
	return out
}

// fill replaces every free-text string of a case tree, a multilingual text included,
// with value.
func fill(tree any, free map[string]bool, value string) {
	var walk func(v any, path string) any
	walk = func(v any, path string) any {
		switch x := v.(type) {
		case map[string]any:
			if free[path] {
				return value // a text in several languages becomes one string
			}
			for k, e := range x {
				x[k] = walk(e, path+"/"+k)
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e, path+"/*")
			}
		case string:
			if free[path] {
				return value
			}
		}
		return v
	}
	walk(tree, "")
}

// placeholder stands for the i-th paragraph of a hostile value in the plain rendering.
var placeholder = regexp.MustCompile(`Qz(\d+)q`)

// A property over every free-text field of every document: whatever block construct the
// user writes, each format shows it as text — nothing dropped, nothing added — and the
// document keeps the structure that plain words give it (the same headings, list items,
// table cells, paragraphs). The plain rendering puts a placeholder word for each of the
// value's paragraphs in every field; the hostile one puts the value itself.
func TestUserTextIsNeverDropped(t *testing.T) {
	s := newService(t)
	free := freeTextPaths()
	files, _ := filepath.Glob(filepath.Join("..", "samples", "*.json"))
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			neverDropped(t, s, free, file)
		})
	}
}

// neverDropped checks the property for every document of one sample file.
func neverDropped(t *testing.T, s *Service, free map[string]bool, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	with := func(value string) []byte {
		var tree any
		if err := json.Unmarshal(data, &tree); err != nil {
			t.Fatal(err)
		}
		fill(tree, free, value)
		body, _ := json.Marshal(tree)
		return body
	}
	for _, doc := range Documents {
		for _, lang := range langs {
			req := Request{Doc: doc.ID, Lang: lang, Format: Markdown, Now: now}
			if !doc.Offers(Markdown) {
				continue
			}
			if _, err := s.Render(context.Background(), req, data); err != nil {
				continue // the sample has nothing for this document
			}
			for _, format := range []Format{Markdown, HTML, Text, PDF} {
				if !doc.Offers(format) || format != Markdown && lang != "en" {
					continue // the other formats render the same Markdown's AST
				}
				req.Format = format
				plain := map[int]*Output{} // by the number of paragraphs
				for _, h := range blockHostile {
					if format == PDF && !slices.Contains(pdfHostile, h) {
						continue
					}
					paras := strings.Split(h, "\n\n")
					words := make([]string, len(paras))
					for i, p := range paras {
						words[i] = fmt.Sprintf("Qz%dq", i)
						paras[i] = strings.Join(strings.Fields(p), " ")
					}
					want, ok := plain[len(words)]
					if !ok {
						if want, err = s.Render(context.Background(), req, with(strings.Join(words, "\n\n"))); err != nil {
							t.Fatalf("%s %s %s: plain words refused: %v", doc.ID, lang, format, err)
						}
						plain[len(words)] = want
					}
					got, err := s.Render(context.Background(), req, with(h))
					if err != nil {
						t.Errorf("%s %s %s %q: %v", doc.ID, lang, format, h, err)
						continue
					}
					if msg := sameButText(format, want.Body, got.Body, paras); msg != "" {
						t.Errorf("%s %s %s %q: %s", doc.ID, lang, format, h, msg)
					}
				}
			}
		}
	}
}

// sameButText compares a document rendered with placeholders and one rendered with the
// hostile paragraphs in their place, and says how they differ beyond that text.
func sameButText(format Format, plain, hostile []byte, paras []string) string {
	switch format {
	case Markdown:
		if a, b := structure(plain), structure(hostile); a != b {
			return fmt.Sprintf("structure %s, want %s", b, a)
		}
		return sameText(unescapeMarkdown(plain), unescapeMarkdown(hostile), paras)
	case HTML:
		a, at := elements(plain)
		b, bt := elements(hostile)
		if a != b {
			return fmt.Sprintf("elements\n%s\nwant\n%s", b, a)
		}
		return sameText(at, bt, paras)
	case Text:
		return sameText(dropRules(string(plain)), dropRules(string(hostile)), paras)
	case PDF:
		a, err := pdftext.Text(plain)
		if err != nil {
			return err.Error()
		}
		b, err := pdftext.Text(hostile)
		if err != nil {
			return err.Error()
		}
		// Pages break elsewhere when the text is longer: each placeholder's text must
		// be there, whatever the layout. The footer repeats the reference after the
		// title ("Privacy notice · Qz0q Page 1 of 3") on every page, so it counts apart:
		// the longer text may take a page more or less.
		footer := func(text, p string) int { return strings.Count(text, " · "+p+" ") }
		if want, got := strings.Count(a, "Qz0q")-footer(a, "Qz0q"), strings.Count(b, paras[0])-footer(b, paras[0]); got < want {
			return fmt.Sprintf("the text appears %d times, want %d", got, want)
		}
	}
	return ""
}

// sameText reports where hostile differs from plain once every placeholder is the
// paragraph it stands for.
func sameText(plain, hostile string, paras []string) string {
	plain = placeholder.ReplaceAllStringFunc(plain, func(w string) string {
		i, _ := strconv.Atoi(placeholder.FindStringSubmatch(w)[1])
		return paras[i]
	})
	want, got := strings.Fields(plain), strings.Fields(hostile)
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			lo := max(0, i-8)
			return fmt.Sprintf("reads %q, want %q", strings.Join(got[lo:min(len(got), i+8)], " "), strings.Join(want[lo:min(len(want), i+8)], " "))
		}
	}
	if len(want) != len(got) {
		return fmt.Sprintf("%d words, want %d", len(got), len(want))
	}
	return ""
}

var markdownEscape = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")

// unescapeMarkdown is Markdown's text with backslash escapes resolved.
func unescapeMarkdown(md []byte) string { return markdownEscape.ReplaceAllString(string(md), "$1") }

// elements are a page's element names and text; a page that does not parse says so in
// the names, which then differ from any other page's.
func elements(page []byte) (names, text string) {
	names, text, err := htmltext.Elements(page)
	if err != nil {
		return err.Error(), ""
	}
	return names, text
}

// dropRules removes the underlines plain text draws under headings — their length
// follows the heading's text: a line of "=" or "-" as long as the line above it, which
// is not such a line itself, and followed by a blank line.
func dropRules(s string) string {
	rule := func(l string) bool { return l != "" && strings.Trim(l, "=-") == "" }
	lines := strings.Split(s, "\n")
	var out []string
	for i, l := range lines {
		if i > 0 && i+1 < len(lines) && rule(l) && lines[i+1] == "" && lines[i-1] != "" && !rule(lines[i-1]) &&
			utf8.RuneCountInString(l) == utf8.RuneCountInString(lines[i-1]) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
