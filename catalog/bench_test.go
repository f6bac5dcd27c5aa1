package catalog

import (
	"context"
	"testing"
)

// BenchmarkRender is the whole pipeline for the Lithuanian sample: decode, validate,
// derive, template, and the format.
func BenchmarkRender(b *testing.B) {
	s := newService(b)
	data := sample(b, "lt")
	for _, f := range []Format{Markdown, HTML, PDF, XLSX} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			req := Request{Doc: "breach-authority-notice", Lang: "lt", Format: f, Now: now}
			for b.Loop() {
				if _, err := s.Render(context.Background(), req, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAssess(b *testing.B) {
	s := newService(b)
	data := sample(b, "en")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Assess(context.Background(), "en", "", now, data); err != nil {
			b.Fatal(err)
		}
	}
}
