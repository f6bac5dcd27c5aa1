package catalog

import (
	"context"
	"testing"
)

// BenchmarkRender is the whole pipeline — decode, validate, derive, template, format —
// for every document in every format it offers, in Lithuanian: the authority and
// subject notices from the Lithuanian sample, the controller notice from the processor's.
func BenchmarkRender(b *testing.B) {
	s := newService(b)
	cases := map[string][]byte{"breach-authority-notice": sample(b, "lt"), "breach-subject-notice": sample(b, "lt"),
		"breach-controller-notice": sample(b, "en")}
	for _, doc := range Documents {
		for _, f := range doc.Formats {
			b.Run(doc.ID+"/"+string(f), func(b *testing.B) {
				b.ReportAllocs()
				req := Request{Doc: doc.ID, Lang: "lt", Format: f, Now: now}
				for b.Loop() {
					if _, err := s.Render(context.Background(), req, cases[doc.ID]); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
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
