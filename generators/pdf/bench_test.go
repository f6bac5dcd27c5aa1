package pdf

import (
	"context"
	"io"
	"os"
	"testing"

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
// (the page, the fonts, the output). The fonts' subsets are kept between documents of
// the same characters; "first" makes them afresh every time, as the first document of
// its characters does.
func BenchmarkFixedCost(b *testing.B) {
	r := testRenderer(b)
	for _, tt := range []struct {
		name, md string
		first    bool
	}{
		{"regular", "Tekstas.", false},
		{"regular+bold", "# Antraštė\n\nTekstas.", false},
		{"regular+bold/first", "# Antraštė\n\nTekstas.", true},
	} {
		src := []byte(tt.md)
		doc := generators.Parse(src)
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				if tt.first {
					r.fonts.embeddings.Lock()
					clear(r.fonts.embeddings.m)
					r.fonts.embeddings.Unlock()
				}
				if err := r.Render(context.Background(), io.Discard, src, doc, Meta{Title: "T", Lang: "lt"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
