package catalog

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// wrongRequests is a case for the request register whose n requests are each a number
// where an object belongs.
func wrongRequests(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"organisation": {"name": "UAB Bandymas", "jurisdiction": "LT"}, "requests": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(i))
	}
	b.WriteString("]}")
	return b.Bytes()
}

// An invalid case is explained by its first MaxProblems problems and their count; the
// message says how many there are when some are not listed, in every language.
func TestExplainListsTheFirstProblems(t *testing.T) {
	s := newService(t)
	tests := []struct {
		n       int
		lang    string
		message string // in the message when some problems are not listed
	}{
		{1, "en", ""},
		{MaxProblems, "lt", ""},
		{MaxProblems + 1, "en", "101 problems; the first 100"},
		{40000, "en", "40,000 problems; the first 100"},
		{40000, "lt", "Iš viso problemų: 40\u00a0000; išvardytos pirmosios 100"},
		{40000, "nl", "er zijn 40.000 problemen; de eerste 100"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.n)+"/"+tt.lang, func(t *testing.T) {
			_, err := s.Render(t.Context(), Request{Doc: "request-register", Lang: tt.lang, Format: XLSX, Now: now}, wrongRequests(tt.n))
			loc, _ := s.Locale(tt.lang)
			e, ok := Explain(err, loc)
			if !ok || e.Code != "invalid_case" {
				t.Fatalf("error %v explained as %+v", err, e)
			}
			if e.Count != tt.n || len(e.Problems) != min(tt.n, MaxProblems) {
				t.Errorf("count %d with %d problems listed, want %d with %d", e.Count, len(e.Problems), tt.n, min(tt.n, MaxProblems))
			}
			if e.Problems[0].Path != "/requests/0" || e.Problems[0].Code != "wrong_type" {
				t.Errorf("first problem %+v", e.Problems[0])
			}
			invalid := loc.MustText("error.invalid_case")
			switch {
			case tt.message == "" && e.Message != invalid:
				t.Errorf("message %q, want %q", e.Message, invalid)
			case tt.message != "" && !strings.Contains(e.Message, tt.message):
				t.Errorf("message %q, want it to say %q", e.Message, tt.message)
			}
		})
	}
}
