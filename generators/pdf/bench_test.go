package pdf

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"gdprdocs/generators"
)

// notice is a three-page text like the breach notification: headings, bold labels,
// lists and paragraphs with Lithuanian diacritics.
var notice = func() string {
	var b strings.Builder
	b.WriteString("# Pranešimas priežiūros institucijai apie asmens duomenų saugumo pažeidimą\n\n")
	for i := 1; i <= 10; i++ {
		b.WriteString("## " + strings.Repeat("Skyrius ", 1) + string(rune('0'+i%10)) + ". Pažeidimo aplinkybės\n\n")
		b.WriteString("- **Kada įvyko pažeidimas:** nuo 2026 m. lapkričio 15 d. 23:10 iki lapkričio 16 d. 06:40\n")
		b.WriteString("- **Apie pažeidimą sužinota:** 2026 m. lapkričio 16 d. 08:05 (EET)\n\n")
		b.WriteString("Įsibrovėliai per pažeidžiamą nuotolinės prieigos paslaugą pateko į užsakymų serverį ir užšifravo " +
			"elektroninės parduotuvės užsakymų duomenų bazę; prieš šifruojant iš jo išsiųsta apie 2 GB duomenų.\n\n")
	}
	return b.String()
}()

// BenchmarkRenderNotice is the renderer over the AST of a three-page notice.
func BenchmarkRenderNotice(b *testing.B) {
	r := testRenderer(b)
	src := []byte(notice)
	doc := generators.Parse(src)
	b.ReportAllocs()
	for range b.N {
		if err := r.Render(io.Discard, src, doc, Meta{Title: "Pranešimas", Lang: "lt"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFixedCost is one line of text: what every document pays before its content
// (fpdf's per-document font set-up, the page, the output).
func BenchmarkFixedCost(b *testing.B) {
	r := testRenderer(b)
	for _, tt := range []struct{ name, md string }{{"regular", "Tekstas."}, {"regular+bold", "# Antraštė\n\nTekstas."}} {
		src := []byte(tt.md)
		doc := generators.Parse(src)
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if err := r.Render(io.Discard, src, doc, Meta{Title: "T", Lang: "lt"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFpdfAlone writes the same text as BenchmarkRenderNotice with fpdf directly —
// two UTF-8 styles, no Markdown, no AST — the baseline the pipeline is measured against.
func BenchmarkFpdfAlone(b *testing.B) {
	r := testRenderer(b)
	lines := strings.Split(notice, "\n")
	b.ReportAllocs()
	for range b.N {
		p := fpdf.New("P", "mm", "A4", "")
		p.AddUTF8FontFromBytes("noto", "", r.fonts.ttf[Regular])
		p.AddUTF8FontFromBytes("noto", "B", r.fonts.ttf[Bold])
		p.AddPage()
		for _, line := range lines {
			switch {
			case strings.HasPrefix(line, "#"):
				p.SetFont("noto", "B", 12.5)
				p.MultiCell(0, 6, strings.TrimLeft(line, "# "), "", "L", false)
			case line != "":
				p.SetFont("noto", "", 10)
				p.MultiCell(0, 5, strings.ReplaceAll(line, "**", ""), "", "L", false)
			}
		}
		var buf bytes.Buffer
		if err := p.Output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
