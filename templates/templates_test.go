package templates

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/gdprdocs/gdprdocs/internal/htmltext"
	"github.com/gdprdocs/gdprdocs/locales"
)

func TestInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"UAB „Pavyzdys“", "UAB „Pavyzdys“"},
		{"+370 5 200 0000", "+370 5 200 0000"},
		{"- item", "\\- item"},
		{"+ item", "\\+ item"},
		{"1. first", "1\\. first"},
		{"2026) x", "2026\\) x"},
		{"1.5 million", "1.5 million"},
		{"# title", "\\# title"},
		{"=1+1", "\\=1+1"},
		{"--", "\\--"},
		{"- - -", "\\- - -"},
		{" --- ", "\\---"},
		{"-2 °C", "-2 °C"},
		{"-- a dash", "-- a dash"},
		{"*a* _b_ `c` [d](e) <f> | g ~h~ &amp;", "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\| g \\~h\\~ \\&amp;"},
		{"line one\nline two\r\n\tthree", "line one line two three"},
		{"back\\slash", "back\\\\slash"},
		{"Title {#label .annex}", "Title \\{\\#label .annex\\}"},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := Inline(tt.in); got != tt.want {
			t.Errorf("Inline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// blockHostile is user text that would form a Markdown block construct if it reached the
// start of a line unescaped: thematic breaks, setext underlines, list markers, block
// quotes, fences, indented code, HTML blocks, link reference definitions, table rows.
var blockHostile = []string{
	"--", "---", "----", "***", "___", "- - -", "-- -", "* * *", "_ _ _", "-", "+", "*", "=", "==", "===",
	"- item", "* item", "+ item", "1. one", "1) one", "123456789. nine", "0. zero", "- [ ] task",
	"> quote", ">", "```", "```go", "~~~", "    indented code", "\t\tcode",
	"<div>x</div>", "<!-- comment -->", "<script>alert(1)</script>", "<?php ?>", "<![CDATA[x]]>",
	"[x]: https://example.com", "[x]: <u> 'title'", "[^1]: note",
	"| a | b |", "|---|---|", ":--|--:", "# h", "#h", "###### h", "Title {#label .annex}",
	"text\n===", "text\n---", "text\n--", "text\n- item", "text\n1. item", "text\n> quote", "text\n\n    code",
	"text\n```\ncode", "a  \nb", "a\\\nb", "\\", "\\-", "&amp; &#35; &lt;", "**bold** and _em_",
	"[x](javascript:alert(1))", "<https://example.com>", "https://example.com/a_b_c?x=1&y=2", "1. 2. 3.", "a  b",
}

// blockContexts are the places templates put a line of user text: %s is the escaped text.
var blockContexts = map[string]string{
	"paragraph":        "%s\n",
	"after a line":     "**Label:**\n%s\n",
	"after a sentence": "Some text.\n%s\n",
	"list item":        "- %s\n",
	"second item":      "- one\n- %s\n",
	"ordered item":     "1. %s\n",
	"table cell":       "| A | B |\n| --- | --- |\n| %s | x |\n",
	"heading":          "## %s\n",
}

// Whatever the text and wherever a template puts it, goldmark reads back exactly that
// text (its whitespace collapsed) in exactly the block structure a plain word gets.
func TestInlineNeverFormsABlock(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	for name, ctx := range blockContexts {
		wantTags, wantText := blocks(t, md, fmt.Sprintf(ctx, "WORD"))
		for _, in := range blockHostile {
			in = strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace(in)
			tags, text := blocks(t, md, fmt.Sprintf(ctx, Inline(in)))
			if tags != wantTags {
				t.Errorf("%s: %q → %q has blocks %s, want %s", name, in, Inline(in), tags, wantTags)
			}
			if want := strings.Replace(wantText, "WORD", strings.Join(strings.Fields(in), " "), 1); text != want {
				t.Errorf("%s: %q → %q reads %q, want %q", name, in, Inline(in), text, want)
			}
		}
	}
}

// blocks renders Markdown to HTML and returns its element names in document order and
// its text with whitespace collapsed.
func blocks(t *testing.T, md goldmark.Markdown, src string) (tags, text string) {
	t.Helper()
	var out bytes.Buffer
	if err := md.Convert([]byte(src), &out); err != nil {
		t.Fatal(err)
	}
	names, text, err := htmltext.Elements(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return names, strings.Join(strings.Fields(text), " ")
}

func TestParagraphs(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"First *one*.\r\n\r\nSecond\nline.\n\n\n", "First \\*one\\*.\n\nSecond line."},
		{"Text\n---\nmore", "Text --- more"},
		{"Text\n\n---\n\n    code", "Text\n\n\\---\n\ncode"},
		{"Text\n \n===", "Text ==="},
		{"\n\n\n", ""},
	} {
		if got := Paragraphs(tt.in); got != tt.want {
			t.Errorf("Paragraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A message missing from a language stops the render instead of printing a fallback.
func TestMissingMessageFailsTheRender(t *testing.T) {
	locs, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, lang := range locs.Languages() {
		fsys[lang+"/doc.md.tmpl"] = &fstest.MapFile{Data: []byte(`{{define "doc"}}# {{t "no.such.message"}}{{end}}`)}
	}
	set, err := LoadFS(fsys, locs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.Render(context.Background(), "lt", "doc", nil); err == nil || !strings.Contains(err.Error(), "no.such.message") {
		t.Errorf("err = %v, want the missing message named", err)
	}
}

func TestTidy(t *testing.T) {
	got := string(tidy([]byte("\n\n# A  \n\n\n\nText\t\n\n\n")))
	if got != "# A\n\nText\n" {
		t.Errorf("tidy = %q", got)
	}
	got = string(tidy([]byte("On behalf of Kestrel B.V.. On 2026 m. lapkričio 16 d.. Wait... 1..3\n")))
	if got != "On behalf of Kestrel B.V. On 2026 m. lapkričio 16 d. Wait... 1..3\n" {
		t.Errorf("tidy = %q", got)
	}
}

// Every language defines the same templates, so that a section or part can never be
// missing from one language's documents.
func TestLanguagesDefineTheSameTemplates(t *testing.T) {
	set := embedded(t)
	names := map[string]map[string]bool{}
	for lang, root := range set.byLang {
		names[lang] = map[string]bool{}
		for _, tmpl := range root.Templates() {
			names[lang][tmpl.Name()] = true
		}
	}
	for a, na := range names {
		for b, nb := range names {
			for n := range na {
				if !nb[n] {
					t.Errorf("%s defines %q, %s does not", a, n, b)
				}
			}
		}
	}
	if set.byLang["lt"].Lookup("breach-authority-notice") == nil {
		t.Error("no breach-authority-notice template")
	}
}

func TestSentencesFunc(t *testing.T) {
	locs, _ := locales.Default()
	set, err := Load(locs)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := set.byLang["en"].Clone()
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err = tmpl.New("x").Parse(`{{sentences .}}`)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, []string{"Locked the accounts", "Reset *all* passwords.", "", "Told the police!"}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != `Locked the accounts. Reset \*all\* passwords. Told the police!` {
		t.Errorf("sentences = %q", got)
	}
}

func TestExpiryInWords(t *testing.T) {
	locs, _ := locales.Default()
	tests := []struct{ lang, code, want string }{
		{"lt", "P1Y", "1 metai"}, {"lt", "P2Y", "2 metai"}, {"lt", "P5Y", "5 metai"}, {"lt", "P10Y", "10 metų"}, {"lt", "P21Y", "21 metai"},
		{"lt", "P1D", "1 diena"}, {"lt", "P2D", "2 dienos"}, {"lt", "P10D", "10 dienų"}, {"lt", "P21D", "21 diena"},
		{"lt", "PT30M", "30 minučių"}, {"lt", "PT1M", "1 minutė"}, {"lt", "P13M", "13 mėnesių"}, {"lt", "P1Y6M", "1 metai ir 6 mėnesiai"},
		{"lt", "session", "sesija"}, {"nl", "session", "sessie"}, {"nl", "P2Y", "2 jaar"}, {"nl", "P1M", "1 maand"},
		{"nl", "PT24H", "24 uur"}, {"en", "P1Y", "1 year"}, {"en", "P2W", "2 weeks"}, {"en", "PT1H30M", "1 hour and 30 minutes"},
		{"en", "until logout", "until logout"},
	}
	for _, tt := range tests {
		l, _ := locs.Locale(tt.lang)
		if got := Expiry(l, tt.code); got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.lang, tt.code, got, tt.want)
		}
	}
}

// A template stops at its next piece of output once its deadline has passed.
func TestRenderStopsAtTheDeadline(t *testing.T) {
	set := embedded(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := set.Render(ctx, "lt", "breach-procedure", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// embedded loads the templates the binary embeds, in every language.
func embedded(t *testing.T) *Set {
	t.Helper()
	locs, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	set, err := Load(locs)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Inline returns text it has nothing to do to as it is, without escaping it: every
// string of up to five characters of an alphabet of structural and ordinary ones that
// the shortcut takes is one escaping leaves alone.
func TestInlineShortcut(t *testing.T) {
	alphabet := []rune{'a', 'ą', ' ', '1', '٣', '.', ')', '-', '+', '=', '*', '#', '\t', '\u00a0', 'x', utf8.RuneError}
	taken := 0
	var walk func(prefix []rune)
	walk = func(prefix []rune) {
		s := strings.ReplaceAll(string(prefix), string(utf8.RuneError), "\xff") // invalid UTF-8
		if plain(s) {
			taken++
			if got := escapeInline(s); got != s {
				t.Errorf("plain(%q), but escaping gives %q", s, got)
			}
		}
		if len(prefix) == 5 {
			return
		}
		for _, r := range alphabet {
			walk(append(prefix, r))
		}
	}
	walk(nil)
	if taken < 1000 {
		t.Errorf("the shortcut took %d strings; the test does not exercise it", taken)
	}
}
