package templates

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"

	"gdprdocs/locales"
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

// Whatever the text, goldmark turns the escaped Markdown back into exactly that text.
func TestInlineRoundTrip(t *testing.T) {
	for _, in := range []string{"<script>alert(1)</script>", "**bold** and _em_", "| a | b |", "[x](javascript:alert(1))",
		"&lt; &#60; &amp;", "1. 2. 3.", "\\*", "a  b", "https://example.com/a_b_c?x=1&y=2"} {
		var out bytes.Buffer
		if err := goldmark.Convert([]byte(Inline(in)), &out); err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSuffix(strings.TrimPrefix(out.String(), "<p>"), "</p>\n")
		want := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(strings.Join(strings.Fields(in), " "))
		if got != want {
			t.Errorf("%q → %q → %q, want %q", in, Inline(in), got, want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	if got := Paragraphs("First *one*.\r\n\r\nSecond\nline.\n\n\n"); got != "First \\*one\\*.\n\nSecond line." {
		t.Errorf("Paragraphs = %q", got)
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
	if _, err := set.Render("lt", "doc", nil); err == nil || !strings.Contains(err.Error(), "no.such.message") {
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
	locs, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	set, err := Load(locs)
	if err != nil {
		t.Fatal(err)
	}
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
