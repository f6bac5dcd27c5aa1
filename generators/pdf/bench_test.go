package pdf

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"gdprdocs/generators"
)

// notice is the Lithuanian sample's breach notice, three pages, as the pipeline writes
// it (the golden Markdown of the catalog's tests).
func notice(b *testing.B) string {
	b.Helper()
	data, err := os.ReadFile("../../catalog/testdata/golden/breach-authority-notice/lt-breach.PAZ-2026-03.lt.md")
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkRenderNotice is the renderer over the AST of a three-page notice.
func BenchmarkRenderNotice(b *testing.B) {
	r := testRenderer(b)
	src := []byte(notice(b))
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
// two UTF-8 styles, headings bold, every other line a plain paragraph, no Markdown and
// no AST — the baseline the pipeline is measured against.
func BenchmarkFpdfAlone(b *testing.B) {
	r := testRenderer(b)
	lines := strings.Split(notice(b), "\n")
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
				p.MultiCell(0, 5, strings.NewReplacer("**", "", "\\", "").Replace(line), "", "L", false)
			}
		}
		var buf bytes.Buffer
		if err := p.Output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
