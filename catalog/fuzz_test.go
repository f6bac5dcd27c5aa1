package catalog

import (
	"bytes"
	"context"
	"testing"

	"golang.org/x/net/html"

	"github.com/gdprdocs/gdprdocs/internal/pdftext"
)

// FuzzRender feeds arbitrary bytes through decoding and every format. Whatever the input,
// rendering never panics: it either explains the input's problem or produces output
// that parses — a PDF whose text reads back, an XLSX that reopens, HTML that parses.
func FuzzRender(f *testing.F) {
	for _, name := range samples {
		f.Add(sample(f, name))
	}
	for _, seed := range []string{`{}`, `{"organisation":{"name":"x","jurisdiction":"EU"}}`, `[]`, `null`, `{"breaches":[null]}`,
		`{"organisation":{"name":"👍 ✓ 漢字 שלום","jurisdiction":"NL"},"breaches":[{"reference":"#1","aware_at":"2026-01-01T00:00:00Z","types":["integrity"],"description":"> > > *x*\n\n- [y](z)","risk":"none"}]}`} {
		f.Add([]byte(seed))
	}
	s := newService(f)
	loc, _ := s.Locale("en")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []Format{Markdown, HTML, PDF, XLSX} {
			out, err := s.Render(context.Background(), Request{Doc: "breach-authority-notice", Lang: "lt", Format: format, Now: now}, data)
			if err != nil {
				if _, ok := Explain(err, loc); !ok {
					t.Fatalf("%s: unexplained error %v", format, err)
				}
				return
			}
			switch format {
			case HTML:
				if _, err := html.Parse(bytes.NewReader(out.Body)); err != nil {
					t.Fatal(err)
				}
			case PDF:
				if _, err := pdftext.Pages(out.Body); err != nil {
					t.Fatal(err)
				}
			case XLSX:
				openWorkbook(t, out.Body)
			}
		}
	})
}
