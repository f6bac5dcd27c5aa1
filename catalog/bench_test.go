package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"
)

// BenchmarkRender is the whole pipeline — decode, validate, derive, template, format —
// for every document in every format it offers, in Lithuanian, from the Lithuanian
// sample; the controller notice from the processor's.
func BenchmarkRender(b *testing.B) {
	s := newService(b)
	lt, en := sample(b, "lt"), sample(b, "en")
	for _, doc := range Documents {
		data := lt
		if doc.ID == "breach-controller-notice" {
			data = en
		}
		for _, f := range doc.Formats {
			b.Run(doc.ID+"/"+string(f), func(b *testing.B) {
				b.ReportAllocs()
				req := Request{Doc: doc.ID, Lang: "lt", Format: f, Now: now}
				for b.Loop() {
					if _, err := s.Render(context.Background(), req, data); err != nil {
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

// BenchmarkRegisterRows renders the request register of 10,000 and 100,000 requests as
// XLSX, and of 10,000 as PDF — decoding and validating the case included — and reports
// the peak heap.
func BenchmarkRegisterRows(b *testing.B) {
	s := newService(b)
	for _, bench := range []struct {
		format Format
		n      int
	}{{XLSX, 10000}, {XLSX, 100000}, {PDF, 10000}} {
		data := manyRequests(b, bench.n)
		b.Run(fmt.Sprintf("%s/%d", bench.format, bench.n), func(b *testing.B) {
			b.ReportAllocs()
			req := Request{Doc: "request-register", Lang: "lt", Format: bench.format, Now: now}
			var peak uint64
			done := make(chan struct{})
			go func() {
				var ms runtime.MemStats
				for {
					select {
					case <-done:
						return
					case <-time.After(2 * time.Millisecond):
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapInuse)
					}
				}
			}()
			for b.Loop() {
				if _, err := s.Render(context.Background(), req, data); err != nil {
					b.Fatal(err)
				}
			}
			close(done)
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// manyRequests is a case with n requests.
func manyRequests(b *testing.B, n int) []byte {
	b.Helper()
	reqs := make([]map[string]any, n)
	for i := range reqs {
		day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%300)
		reqs[i] = map[string]any{"number": fmt.Sprintf("2026-%d", i+1), "received_at": day.Format(time.DateOnly),
			"subject": "J. P.", "right": "access", "decision": "granted", "replied_at": day.AddDate(0, 0, 20).Format(time.DateOnly),
			"reply_number": fmt.Sprintf("S-%d", i+1), "recorded_by": "Mindaugas Šalkauskas"}
	}
	data, err := json.Marshal(map[string]any{"organisation": map[string]any{"name": "UAB „Linų kraštas“", "jurisdiction": "LT"}, "requests": reqs})
	if err != nil {
		b.Fatal(err)
	}
	return data
}
