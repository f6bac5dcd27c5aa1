package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gdprdocs/gdprdocs/generators"
	"github.com/gdprdocs/gdprdocs/internal/pdftext"
)

var (
	fontsOnce sync.Once
	fonts     *Fonts
	fontsErr  error
)

func testRenderer(t testing.TB) *Renderer {
	t.Helper()
	fontsOnce.Do(func() { fonts, fontsErr = LoadFonts() })
	if fontsErr != nil {
		t.Fatal(fontsErr)
	}
	return New(fonts, DefaultLayout)
}

func renderMD(t *testing.T, md string) ([]byte, []string) {
	t.Helper()
	var buf bytes.Buffer
	src := []byte(md)
	err := testRenderer(t).Render(context.Background(), &buf, src, generators.Parse(src), Meta{
		Title: "Testas „ąčęėįšųūž“", Author: "UAB „Bandymas“", Subject: "GDPR", Lang: "lt", Reference: "R-1",
		PageLabel: func(p int, n string) string { return fmt.Sprintf("%d psl. iš %s", p, n) },
		Created:   time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), pages
}

func TestTextAndMetadata(t *testing.T) {
	data, pages := renderMD(t, "# Antraštė ąčęėįšųūž\n\nTekstas su **paryškinimu** ir *kursyvu*.\n\n- vienas\n- du\n\n1. pirmas\n2. antras\n")
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	text := pages[0]
	for _, want := range []string{"Antraštė ąčęėįšųūž", "Tekstas su paryškinimu ir kursyvu.", "• vienas", "1. pirmas", "2. antras",
		"Testas „ąčęėįšųūž“ · R-1", "1 psl. iš 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q:\n%s", want, text)
		}
	}
	info := pdftext.Info(data)
	if info["Title"] != "Testas „ąčęėįšųūž“" || info["Author"] != "UAB „Bandymas“" || info["Lang"] != "lt" || info["Creator"] != "gdprdocs" {
		t.Errorf("metadata %v", info)
	}
	if !bytes.Contains(data, []byte("/Outlines")) {
		t.Error("no bookmarks")
	}
}

// A long table breaks across pages with its header row repeated at the top of each.
func TestTableHeaderRepeats(t *testing.T) {
	var md strings.Builder
	md.WriteString("# Registras\n\n| Nr. | Data | Aprašymas |\n| --- | --- | --- |\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&md, "| %d | 2026-11-%02d | Įrašas numeris %d su ilgesniu aprašymu, kuris netelpa vienoje eilutėje ir turi būti perkeltas |\n", i, i%28+1, i)
	}
	_, pages := renderMD(t, md.String())
	if len(pages) < 3 {
		t.Fatalf("%d pages, want the table to span several", len(pages))
	}
	for i, p := range pages {
		lines := strings.Split(p, "\n")
		first := lines[0]
		if i == 0 {
			first = lines[1]
		}
		if !strings.HasPrefix(first, "Nr. Data Aprašymas") {
			t.Errorf("page %d starts with %q, want the header row", i+1, first)
		}
	}
	all := strings.Join(pages, "\n")
	for _, n := range []int{1, 60, 120} {
		if !strings.Contains(all, fmt.Sprintf("Įrašas numeris %d su", n)) {
			t.Errorf("row %d missing", n)
		}
	}
}

// A character the fonts cannot draw is replaced, not fatal: emoji, scripts outside the
// typeface, anything beyond the Basic Multilingual Plane; right-to-left text does not
// stop the document either.
func TestUnsupportedRunesGetAFallback(t *testing.T) {
	_, pages := renderMD(t, "Ačiū 👍🏽 — 漢字 — שלום — 𝔘 — café\n")
	text := pages[0]
	if !strings.Contains(text, "Ačiū") || !strings.Contains(text, "café") {
		t.Errorf("text lost: %q", text)
	}
	if strings.ContainsAny(text, "👍漢𝔘") {
		t.Errorf("undrawable runes reached the PDF: %q", text)
	}
	if !strings.ContainsRune(text, fonts.fallback) {
		t.Errorf("no fallback glyph in %q", text)
	}
}

func TestOnlyUsedStylesAreLoaded(t *testing.T) {
	tests := []struct {
		md   string
		want []Style
	}{
		{"plain text", []Style{Regular}},
		{"# Heading\n\ntext", []Style{Regular, Bold}},
		{"*italic*", []Style{Regular, Italic}},
		{"# Heading *with emphasis*", []Style{Regular, Bold, BoldItalic}},
		{"| a |\n| - |\n| b |", []Style{Regular, Bold}},
	}
	for _, tt := range tests {
		got := stylesUsed(generators.Parse([]byte(tt.md)))
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q: styles %v, want %v", tt.md, got, tt.want)
		}
	}
}

// A heading is never the last line of a page: it moves to the next page with its text.
func TestHeadingNotOrphaned(t *testing.T) {
	var md strings.Builder
	for i := 0; i < 45; i++ {
		md.WriteString("Pastraipa, kuri užima eilutę.\n\n")
	}
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&md, "## Skyrius %d\n\nSkyriaus tekstas.\n\n", i)
	}
	_, pages := renderMD(t, md.String())
	for i, p := range pages[:len(pages)-1] {
		lines := strings.Split(p, "\n")
		// The last line is the footer; the one before it is the last of the body.
		if last := lines[len(lines)-2]; strings.HasPrefix(last, "Skyrius") {
			t.Errorf("page %d ends with heading %q", i+1, last)
		}
	}
}

func TestMarkdownEscapesAreResolved(t *testing.T) {
	_, pages := renderMD(t, "\\*not bold\\* \\<b\\> \\&amp; &amp; &#8222;x&#8220; `a\\*b`\n")
	if !strings.Contains(pages[0], "*not bold* <b> &amp; & „x“ a\\*b") {
		t.Errorf("text %q", pages[0])
	}
}

// A numbered clause hangs: its number in a column of its own, its lines after it.
func TestClauseHangingIndent(t *testing.T) {
	_, pages := renderMD(t, "## 2. Vertinimas\n\n2.1. Per 24 valandas nuo pranešimo pažeidimas įvertinamas: nustatomas jo pobūdis, paveikti duomenys ir asmenys, galimos pasekmės ir pavojus.\n")
	if !strings.Contains(pages[0], "2.1. Per 24 valandas") {
		t.Errorf("clause text %q", pages[0])
	}
	// The number is drawn once, in its column, not again at the start of the text.
	if n := strings.Count(pages[0], "2.1."); n != 1 {
		t.Errorf("the clause number appears %d times: %q", n, pages[0])
	}
	// A deep number widens its column instead of running into the text, and the next
	// clause starts at the margin again.
	_, pages = renderMD(t, "4.24.2. Teisinis pagrindas: sutikimas.\n\n4.24.3. Asmens duomenys.\n\nPastraipa.\n")
	if !strings.Contains(pages[0], "4.24.2. Teisinis") || !strings.Contains(pages[0], "\n4.24.3. Asmens") || !strings.Contains(pages[0], "\nPastraipa.") {
		t.Errorf("deep clause numbers: %q", pages[0])
	}
}

// A heading of class "page" starts a new page, but never leaves an empty one behind.
func TestPageClassStartsAPage(t *testing.T) {
	_, pages := renderMD(t, "# Taisyklės\n\nTekstas.\n\n# Susipažinimo lapas {.page}\n\nPasirašau.\n")
	if len(pages) != 2 || !strings.HasPrefix(strings.TrimSpace(pages[1]), "Susipažinimo lapas") {
		t.Errorf("want the sheet alone on page 2, got %d pages: %q", len(pages), pages)
	}
	if _, pages := renderMD(t, "# Susipažinimo lapas {.page}\n\nPasirašau.\n"); len(pages) != 1 {
		t.Errorf("a page heading at the top of a page made %d pages", len(pages))
	}
}

// A heading of classes "page" and "landscape" turns its section's pages, the pages a
// long table of it runs onto included; the next heading of class "page" turns them back.
func TestLandscapeSection(t *testing.T) {
	var md strings.Builder
	md.WriteString("# Taisyklės\n\nTekstas.\n\n# 1 priedas. Įrašai {.page .landscape}\n\n| A | B |\n|---|---|\n")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&md, "| Eilutė %d | Tekstas |\n", i)
	}
	md.WriteString("\n# 2 priedas. Lapas {.page}\n\nPasirašau.\n")
	data, pages := renderMD(t, md.String())
	landscape := regexp.MustCompile(`/MediaBox \[0 0 841\.89 595\.28\]`)
	if n := len(landscape.FindAll(data, -1)); n < 2 || n >= len(pages)-1 {
		t.Errorf("%d of %d pages are landscape; want the annex's pages (at least two), not the first or the last", n, len(pages))
	}
	if !strings.HasPrefix(strings.TrimSpace(pages[1]), "1 priedas. Įrašai") || !strings.HasPrefix(strings.TrimSpace(pages[len(pages)-1]), "2 priedas. Lapas") {
		t.Errorf("the annexes do not start their pages: %q", pages)
	}
}

// In a form, a column that no row fills in is for writing by hand: it gets room for a
// signature, and the rows get room to write. A table outside a form, or a form without
// such a column, keeps single-line rows.
func TestHandwrittenColumns(t *testing.T) {
	r := testRenderer(t)
	measure := func(md string, form bool) (*table, int) {
		src := []byte(md)
		doc := generators.Parse(src)
		w, err := r.newWriter(doc, Meta{}, r.fonts.allCodes())
		if err != nil {
			t.Fatal(err)
		}
		w.src = src
		tbl := readTable(doc.FirstChild(), src, r.fonts, form)
		tbl.measure(w, 170)
		return tbl, rowLines(w.wrapRow(tbl, tbl.rows[0], Regular))
	}
	sheet := "| Vardas, pavardė | Pareigos | Data | Parašas |\n|---|---|---|---|\n| Rūta Žemaitienė | Direktorė | | |\n"
	tbl, lines := measure(sheet, true)
	if !tbl.blank[2] || !tbl.blank[3] || tbl.blank[0] || tbl.blank[1] {
		t.Errorf("blank columns %v, want the date and the signature", tbl.blank)
	}
	if tbl.widths[3] < handWidth || lines != handLines {
		t.Errorf("signature column %.1f mm wide, rows %d lines; want ≥ %.0f mm and %d lines", tbl.widths[3], lines, handWidth, handLines)
	}
	if _, lines := measure(sheet, false); lines != 1 {
		t.Errorf("a register with empty columns has %d-line rows", lines)
	}
	if _, lines := measure("| Vardas | Pareigos |\n|---|---|\n| Rūta | |\n| Asta | Buhalterė |\n", true); lines != 1 {
		t.Errorf("a form with no blank column has %d-line rows", lines)
	}
}

// The form is the section under a heading of class "form", and only that section.
func TestFormSection(t *testing.T) {
	var rows strings.Builder
	rows.WriteString("| Vardas | Parašas |\n|---|---|\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&rows, "| Asmuo %d | |\n", i)
	}
	_, form := renderMD(t, "# Lapas {.form}\n\n"+rows.String())
	_, list := renderMD(t, "# Lapas {.form}\n\nTekstas.\n\n# Sąrašas\n\n"+rows.String())
	if len(form) <= len(list) {
		t.Errorf("the form takes %d pages, the same table in a plain section %d; want the form longer", len(form), len(list))
	}
}

// A document over five pages gets a table of contents before its first section, each
// entry with the page its heading is on; a short one gets none.
func TestContentsOfALongDocument(t *testing.T) {
	long := func(sections int) string {
		var md strings.Builder
		md.WriteString("# Taisyklės\n\nUAB „Bandymas“\n\n")
		for i := 1; i <= sections; i++ {
			fmt.Fprintf(&md, "## %d. Skyrius\n\n", i)
			for j := 0; j < 6; j++ {
				fmt.Fprintf(&md, "%d.%d. Pastraipa, kurioje yra pakankamai žodžių, kad užimtų kelias eilutes ir dokumentas taptų ilgas.\n\n", i, j+1)
			}
		}
		md.WriteString("# 1 priedas. Sąrašas {.annex}\n\nPriedas.\n\n## 1. Priedo skyrius\n\nTekstas.\n")
		return md.String()
	}
	render := func(md string) []string {
		var buf bytes.Buffer
		src := []byte(md)
		err := testRenderer(t).Render(context.Background(), &buf, src, generators.Parse(src), Meta{Title: "T", Lang: "lt", Contents: "Turinys"})
		if err != nil {
			t.Fatal(err)
		}
		pages, err := pdftext.Pages(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		return pages
	}
	// A last page in landscape (fpdf draws on the contents' pages with the last page's
	// geometry) makes the renderer draw the document again with the numbers known.
	landscape := "\n# 2 priedas. Lentelė {.annex .page .landscape}\n\n| A | B |\n|---|---|\n| a | b |\n"
	for _, md := range []string{long(30), long(30) + landscape} {
		pages := render(md)
		if len(pages) <= contentsAfterPages || !strings.Contains(pages[0], "Turinys") {
			t.Fatalf("%d pages, contents on the first: %v", len(pages), strings.Contains(pages[0], "Turinys"))
		}
		entry := regexp.MustCompile(`(?m)^(\d+\. Skyrius|\d priedas\. \pL+)\s+(\d+)$`)
		found := entry.FindAllStringSubmatch(strings.Join(pages[:2], "\n"), -1)
		if want := 31 + strings.Count(md, "2 priedas"); len(found) != want {
			t.Fatalf("%d entries in the contents, want %d:\n%s", len(found), want, pages[0])
		}
		if strings.Contains(pages[0], "Priedo skyrius") {
			t.Errorf("the contents list a section inside an annex:\n%s", pages[0])
		}
		for _, m := range found {
			n, _ := strconv.Atoi(m[2])
			if n < 1 || n > len(pages) || !strings.Contains(pages[n-1], "\n"+m[1]+"\n") && !strings.HasPrefix(pages[n-1], m[1]+"\n") {
				t.Errorf("contents say %q is on page %s; it is not there", m[1], m[2])
			}
		}
		for i, page := range pages {
			if footer := fmt.Sprintf("%d / %d", i+1, len(pages)); strings.Count(page, footer) != 1 {
				t.Errorf("page %d does not end with one footer %q:\n%s", i+1, footer, page)
			}
		}
	}
	if short := render(long(3)); strings.Contains(short[0], "Turinys") {
		t.Error("a short document got a table of contents")
	}
}

// A one-line paragraph that closes a section (the approver's signature) never starts a
// page alone: wherever the page break falls, a line of the text before it goes along.
func TestClosingLineKeepsCompany(t *testing.T) {
	for fill := 30; fill < 46; fill++ {
		var md strings.Builder
		for i := 0; i < fill; i++ {
			md.WriteString("Eilutė.\n\n")
		}
		md.WriteString("18.2. Darbuotojai su šiomis taisyklėmis ir kiekvienu jų pakeitimu supažindinami pasirašytinai, pasirašant susipažinimo lape, kuris yra taisyklių priedas.\n\n")
		md.WriteString("Patvirtino: Rūta Žemaitienė, direktorė ______\n\n# 1 priedas\n\nTekstas.\n")
		_, pages := renderMD(t, md.String())
		for i, p := range pages {
			if strings.HasPrefix(p, "Patvirtino:") {
				t.Errorf("after %d lines the signature starts page %d alone", fill, i+1)
			}
		}
	}
}

// A render whose deadline passes mid-document stops at the next block with the
// context's error and writes nothing.
func TestRenderStopsAtTheDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src := []byte("# Title\n\nA paragraph.\n")
	var buf bytes.Buffer
	err := testRenderer(t).Render(ctx, &buf, src, generators.Parse(src), Meta{Title: "T", Lang: "en"})
	if !errors.Is(err, context.Canceled) || buf.Len() != 0 {
		t.Fatalf("err = %v, %d bytes written", err, buf.Len())
	}
}
