package pdf

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/gdprdocs/gdprdocs/generators"
)

// benchDocs are the documents the renderer is measured on, as the pipeline writes them
// (the golden Markdown of the catalog's tests): the Lithuanian sample's breach notice
// (three pages) and the processing rules of the largest sample, a clinic with fifty
// processing activities (twenty pages, with a table of contents).
var benchDocs = []struct{ name, path string }{
	{"notice", "../../catalog/testdata/golden/breach-authority-notice/lt-breach.PAZ-2026-03.lt.md"},
	{"rules", "../../catalog/testdata/golden/processing-rules/lt-clinic.lt.md"},
}

func readBenchDoc(b *testing.B, path string) string {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkRender is the renderer over the AST of each document.
func BenchmarkRender(b *testing.B) {
	r := testRenderer(b)
	for _, d := range benchDocs {
		src := []byte(readBenchDoc(b, d.path))
		doc := generators.Parse(src)
		b.Run(d.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if err := r.Render(context.Background(), io.Discard, src, doc, Meta{Title: "Dokumentas", Lang: "lt", Contents: "Turinys"}); err != nil {
					b.Fatal(err)
				}
			}
		})
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
				if err := r.Render(context.Background(), io.Discard, src, doc, Meta{Title: "T", Lang: "lt"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFpdfAlone writes the same text as BenchmarkRender with fpdf directly, on the
// same pages — the layout's margins, type sizes, line heights and paragraph spacing —
// with two UTF-8 styles, headings bold, every other line a plain paragraph, no Markdown
// and no AST: the baseline the pipeline is measured against.
func BenchmarkFpdfAlone(b *testing.B) {
	r := testRenderer(b)
	for _, d := range benchDocs {
		lines := strings.Split(readBenchDoc(b, d.path), "\n")
		b.Run(d.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				l := DefaultLayout
				body, heading := l.BodySize*l.LineHeight*ptToMM, 12.5*l.LineHeight*ptToMM
				p := fpdf.New("P", "mm", "A4", "")
				p.SetMargins(l.Margin, l.Top, l.Margin)
				p.SetAutoPageBreak(true, l.Bottom)
				p.AddUTF8FontFromBytes("noto", "", r.fonts.ttf[Regular])
				p.AddUTF8FontFromBytes("noto", "B", r.fonts.ttf[Bold])
				p.AddPage()
				for _, line := range lines {
					switch {
					case strings.HasPrefix(line, "#"):
						p.SetFont("noto", "B", 12.5)
						p.Ln(heading * 0.8)
						p.MultiCell(0, heading, strings.TrimLeft(line, "# "), "", "L", false)
					case line != "":
						p.SetFont("noto", "", l.BodySize)
						p.MultiCell(0, body, strings.NewReplacer("**", "", "\\", "").Replace(line), "", "J", false)
						p.Ln(body * paragraphGap)
					}
				}
				var buf bytes.Buffer
				if err := p.Output(&buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
