package pdf

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gdprdocs/gdprdocs/generators"
	"github.com/gdprdocs/gdprdocs/internal/pdftext"
)

// Every character of the encoding reads back as itself, with the tests' reader and,
// where it is installed, with poppler's pdftotext: the glyph names are right.
func TestEveryEncodedCharacterReadsBack(t *testing.T) {
	r := testRenderer(t)
	var words []string
	var word []rune
	for _, c := range r.fonts.enc.runes {
		// Markdown syntax and spaces are left out: they would not print as themselves.
		if c == 0 || strings.ContainsRune(" \u00a0\u00ad\\`*_[]<>#|!&~", c) {
			continue
		}
		if word = append(word, c); len(word) == 12 {
			words, word = append(words, string(word)), nil
		}
	}
	words = append(words, string(word))
	text := strings.Join(words, " ")
	data, pages := renderMD(t, text+"\n")
	if got := strings.Join(strings.Fields(strings.Split(pages[0], "Testas")[0]), " "); got != text {
		t.Errorf("read back:\n%s\nwant:\n%s", got, text)
	}
	if bytes.Contains(data, []byte("/Type0")) {
		t.Error("a UTF-8 font was embedded for text of the encoding")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext is not installed; poppler's reading is not checked")
		return
	}
	path := filepath.Join(t.TempDir(), "encoding.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(strings.Fields(strings.Split(string(out), "Testas")[0]), " "); got != text {
		t.Errorf("pdftotext read:\n%s\nwant:\n%s", got, text)
	}
}

// Text outside the encoding (Cyrillic, Greek) is drawn in the UTF-8 font, inside a
// justified paragraph of Lithuanian, and reads back exactly.
func TestOtherScriptsUseTheUTF8Font(t *testing.T) {
	sentence := "Duomenų subjektė Жанна Ωμέγα pateikė prašymą **Łódź** filialui; "
	data, pages := renderMD(t, strings.Repeat(sentence, 6)+"\n")
	got := strings.Join(strings.Fields(strings.Split(pages[0], "Testas")[0]), " ")
	if want := strings.Join(strings.Fields(strings.ReplaceAll(strings.Repeat(sentence, 6), "**", "")), " "); got != want {
		t.Errorf("read back:\n%s\nwant:\n%s", got, want)
	}
	if n := bytes.Count(data, []byte("/Subtype /Type0")); n != 1 {
		t.Errorf("%d UTF-8 fonts embedded, want one (regular: the Cyrillic and Greek are not bold)", n)
	}
	noOverlaps(t, data)
}

// noOverlaps checks with poppler, where it is installed, that no two words of a line
// are drawn over each other.
func noOverlaps(t *testing.T, data []byte) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext is not installed; word positions are not checked")
		return
	}
	path := filepath.Join(t.TempDir(), "words.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	type box struct {
		x0, x1, y float64
		word      string
	}
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)
	pages := strings.Split(string(out), "<page ")[1:]
	if len(pages) == 0 {
		t.Fatal("pdftotext found no pages")
	}
	for n, page := range pages {
		var words []box
		for _, m := range re.FindAllStringSubmatch(page, -1) {
			x0, _ := strconv.ParseFloat(m[1], 64)
			y, _ := strconv.ParseFloat(m[2], 64)
			x1, _ := strconv.ParseFloat(m[3], 64)
			words = append(words, box{x0, x1, y, m[4]})
		}
		slices.SortFunc(words, func(a, b box) int {
			return cmp.Or(cmp.Compare(math.Round(a.y), math.Round(b.y)), cmp.Compare(a.x0, b.x0))
		})
		for i := 1; i < len(words); i++ {
			a, b := words[i-1], words[i]
			if math.Abs(a.y-b.y) < 1 && b.x0 < a.x1-0.5 {
				t.Errorf("page %d: %q and %q overlap on a line", n+1, a.word, b.word)
			}
		}
	}
}

// The documents the renderer is measured on — a notice, and rules with tables, a table
// of contents and landscape annexes — have no word drawn over another.
func TestNoWordsOverlap(t *testing.T) {
	r := testRenderer(t)
	for _, d := range benchDocs {
		src, err := os.ReadFile(d.path)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		meta := Meta{Title: "Dokumentas", Reference: "R-1", Lang: "lt", Contents: "Turinys"}
		if err := r.Render(context.Background(), &buf, src, generators.Parse(src), meta); err != nil {
			t.Fatal(err)
		}
		noOverlaps(t, buf.Bytes())
	}
}

// The characters a document draws are known before it is drawn, so its fonts embed
// them at the first attempt: every document of the catalogue's goldens is drawn once.
// A document that draws a character its fonts lack is refused by draw, and Render
// draws it again with the whole encoding.
func TestFontsHoldEveryCharacterDrawn(t *testing.T) {
	r := testRenderer(t)
	paths, err := filepath.Glob("../../catalog/testdata/golden/*/*.md")
	if err != nil || len(paths) < 50 {
		t.Fatalf("%d goldens (%v)", len(paths), err)
	}
	meta := Meta{Title: "Antraštė", Reference: "R-1", Contents: "Turinys"}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc := generators.Parse(src)
		if err := r.draw(context.Background(), new(bytes.Buffer), src, doc, meta, r.codesUsed(src, doc, meta), nil); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	// Entities and control characters draw characters the source does not hold.
	for _, md := range []string{"&copy; &#x0105; &amp;\n", "a\x00b\x07c\n"} {
		src := []byte(md)
		doc := generators.Parse(src)
		if err := r.draw(context.Background(), new(bytes.Buffer), src, doc, meta, r.codesUsed(src, doc, meta), nil); err != nil {
			t.Errorf("%q: %v", md, err)
		}
	}
	src := []byte("Žemaitė „Ąžuolas“\n")
	doc := generators.Parse(src)
	if err := r.draw(context.Background(), new(bytes.Buffer), src, doc, meta, &codeSet{}, nil); !errors.Is(err, errIncomplete) {
		t.Errorf("fonts without the text's glyphs: %v, want errIncomplete", err)
	}
}

// Every stream is compressed, and the cross-reference table points at every object.
func TestStreamsCompressedAndObjectsFound(t *testing.T) {
	data, pages := renderMD(t, strings.Repeat("# Skyrius\n\nTekstas, kurio užtenka puslapiui. ", 120)+"\n")
	if len(pages) < 2 {
		t.Fatalf("%d pages, want several", len(pages))
	}
	streams := regexp.MustCompile(`<<([^>]*)>>\nstream\n`).FindAllSubmatch(data, -1)
	if len(streams) < len(pages)+2 {
		t.Fatalf("%d streams for %d pages", len(streams), len(pages))
	}
	for _, s := range streams {
		if !bytes.Contains(s[1], []byte("/FlateDecode")) {
			t.Errorf("stream not compressed: <<%s>>", s[1])
		}
	}
	at := bytes.LastIndex(data, []byte("startxref\n"))
	xref, err := strconv.Atoi(strings.Fields(string(data[at+len("startxref\n"):]))[0])
	if err != nil || !bytes.HasPrefix(data[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref does not point at the table: %v", err)
	}
	entries := regexp.MustCompile(`(\d{10}) 00000 n `).FindAllSubmatch(data[xref:], -1)
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		if want := strconv.Itoa(i+1) + " 0 obj"; !bytes.HasPrefix(data[off:], []byte(want)) {
			t.Errorf("entry %d points at %q", i+1, data[off:min(off+12, len(data))])
		}
	}
	if _, err := pdftext.Text(data); err != nil {
		t.Error(err)
	}
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Log("qpdf is not installed; the file's structure is not checked by it")
		return
	}
	path := filepath.Join(t.TempDir(), "streams.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// Documents drawn at once share the fonts' subsets, compressors and buffers, and each
// reads back its own text.
func TestConcurrentDocuments(t *testing.T) {
	r := testRenderer(t)
	words := []string{"Ąžuolas", "Łódź", "Jānis", "Zoë", "Şule", "Жанна", "Müller", "Čiurlionis"}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := strings.Repeat(words[i%len(words)]+" "+strconv.Itoa(i)+" ", 200)
			src := []byte(text + "\n")
			var buf bytes.Buffer
			if err := r.Render(context.Background(), &buf, src, generators.Parse(src), Meta{Title: "T"}); err != nil {
				t.Error(err)
				return
			}
			got, err := pdftext.Text(buf.Bytes())
			if err != nil {
				t.Error(err)
				return
			}
			body := strings.Join(strings.Fields(strings.ReplaceAll(got, "\f", " ")), " ")
			if want := strings.Join(strings.Fields(text), " "); !strings.HasPrefix(body, want) {
				t.Errorf("document %d reads %.80q…", i, body)
			}
		}()
	}
	wg.Wait()
}

// Bookmarks read as their headings whichever font was selected before them: fpdf
// encodes a title only while a UTF-8 font is selected.
func TestBookmarksReadBack(t *testing.T) {
	// The Cyrillic paragraph ends in a Cyrillic letter: the next heading's bookmark is
	// made while the UTF-8 font is selected.
	data, _ := renderMD(t, "# Taisyklės\n\n## Šiaurė ąčę\n\nTekstas.\n\n## Жанна\n\nТекст\n\n## Įvadas „kabutės“\n\nTekstas.\n")
	got := pdftext.Outlines(data)
	want := []string{"Taisyklės", "Šiaurė ąčę", "Жанна", "Įvadas „kabutės“"}
	if !slices.Equal(got, want) {
		t.Errorf("bookmarks %q, want %q", got, want)
	}
}

// A no-break space and a soft hyphen are named by their own code points: WinAnsi's
// names for them ("space", "hyphen") would send a viewer to glyphs the subset may not
// hold, as in this text, which has no hyphen.
func TestNoBreakSpaceAndSoftHyphen(t *testing.T) {
	r := testRenderer(t)
	for _, c := range []byte{0xA0, 0xAD} {
		if !strings.Contains(r.fonts.enc.differences, fmt.Sprintf("%d /uni%04X", c, r.fonts.enc.runes[c])) {
			t.Errorf("code %#x is not named uni%04X: %s", c, r.fonts.enc.runes[c], r.fonts.enc.differences)
		}
	}
	data, pages := renderMD(t, "Vilnius\u00a02026 daug\u00adskiemenis\n")
	if !strings.Contains(pages[0], "Vilnius\u00a02026 daug\u00adskiemenis") {
		t.Errorf("read back %q", pages[0])
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	path := filepath.Join(t.TempDir(), "shy.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// pdftotext writes a no-break space as a space; a soft hyphen it keeps.
	if !strings.Contains(string(out), "daug\u00adskiemenis") {
		t.Errorf("pdftotext read %q", out)
	}
}

// Each subset is named by a tag of its own, the same for the same characters.
func TestSubsetTags(t *testing.T) {
	var a, b codeSet
	for _, c := range []byte("Abc") {
		a.add(c)
	}
	for _, c := range []byte("Abd") {
		b.add(c)
	}
	tag := subsetTag(Regular, &a)
	if len(tag) != 6 || strings.Trim(tag, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		t.Errorf("tag %q is not six capitals", tag)
	}
	if subsetTag(Regular, &a) != tag || subsetTag(Regular, &b) == tag || subsetTag(Bold, &a) == tag {
		t.Error("tags do not tell subsets apart")
	}
	r := testRenderer(t)
	definition, _, err := r.fonts.embedding(Regular, &a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(definition, []byte(`"Name":"`+tag+"+NotoSans-Regular")) {
		t.Errorf("definition names the font otherwise: %s", definition[:min(120, len(definition))])
	}
}

// Text that reads like the page-count alias stays as it is: only the footer's alias
// becomes the count.
func TestPageAliasInText(t *testing.T) {
	_, pages := renderMD(t, "Laukas {nb} ir {nb}.\n")
	if !strings.Contains(pages[0], "Laukas {nb} ir {nb}.") || !strings.Contains(pages[0], "1 psl. iš 1") {
		t.Errorf("read back %q", pages[0])
	}
}
