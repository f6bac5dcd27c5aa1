package casedata

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

// wrongRequests is a case whose n requests are each a string of about size bytes
// where an object belongs: n wrong types, and nothing else wrong.
func wrongRequests(n, size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"organisation": {"name": "UAB Bandymas", "jurisdiction": "LT"}, "requests": [`)
	item := `"` + strings.Repeat("x", size-3) + `"`
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(item)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// Refusing a case takes time linear in its wrong items: the time per item stays the
// same from 10,000 to 100,000 (about 1 MB and 10 MB of body).
func BenchmarkParseWrongItems(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		data := wrongRequests(n, 100)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse(b.Context(), data, NeedOrganisation|NeedRequests, "en"); err == nil {
					b.Fatal("a case of wrong items was accepted")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
		})
	}
}

// BenchmarkDecode decodes each sample case, as a render of it does first.
func BenchmarkDecode(b *testing.B) {
	for _, name := range []string{"lt-breach", "en-processor"} {
		data, err := os.ReadFile("../samples/" + name + ".json")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(b.Context(), data, "lt"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
