package catalog

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/casedata"
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

// Every request error is explained with its class, however deeply wrapped; any other
// error is not explained.
func TestExplainClasses(t *testing.T) {
	s := newService(t)
	loc, _ := s.Locale("en")
	doc, _ := Lookup("privacy-policy")
	tests := []struct {
		err   error
		class Class
		code  string
	}{
		{&casedata.MalformedError{Reason: casedata.MalformedEnd, Line: 1, Offset: 5}, Malformed, "malformed_json"},
		{casedata.Problems{{Path: "/organisation", Code: "required"}}, Invalid, "invalid_case"},
		{&UnknownDocumentError{ID: "nda"}, UnknownDocument, "unknown_document"},
		{&FormatError{Doc: doc, Format: CSV}, NotOffered, "unknown_format"},
		{&UnknownLanguageError{Lang: "de", Allowed: []string{"en"}}, BadParameter, "unknown_language"},
		{&ParameterError{Name: "annexes", Value: "none", Allowed: AnnexesValues}, BadParameter, "invalid_choice"},
	}
	for _, tt := range tests {
		for _, err := range []error{tt.err, fmt.Errorf("b: %w", fmt.Errorf("a: %w", tt.err))} {
			e, ok := Explain(err, loc)
			if !ok || e.Class != tt.class || e.Code != tt.code || e.Message == "" {
				t.Errorf("%v explained as %+v, %v; want class %d, code %s", err, e, ok, tt.class, tt.code)
			}
		}
	}
	if e, ok := Explain(fmt.Errorf("catalog: %w", context.DeadlineExceeded), loc); ok || e.Class != Internal {
		t.Errorf("an internal error explained as %+v", e)
	}
}

// A problem is worded in every language, its arguments too, never left as its code.
func TestProblemMessages(t *testing.T) {
	s := newService(t)
	probs := casedata.Problems{
		{Path: "/breaches/0/description/de", Code: "unknown_language", Args: map[string]any{"Lang": "de", "Allowed": "en, lt, nl"}},
		{Path: "/breaches/0/description", Code: "no_text", Args: map[string]any{"Allowed": "en, lt, nl"}},
		{Path: "/breaches/0/description/lt", Code: "wrong_type", Args: map[string]any{"Expected": "string"}},
		{Path: "/breaches/0/description/en", Code: "control_characters"},
		{Path: "/breaches/0/description/nl", Code: "too_long", Args: map[string]any{"Max": casedata.MaxTextLength}},
		{Path: "/organisation/name", Code: "default_refused", Args: map[string]any{"Value": nil}},
		{Path: "/breaches/0/role", Code: "default_refused", Args: map[string]any{"Value": "controller", "Kind": "role"}},
		{Path: "/breaches/0/description", Code: "language_fallback_refused", Args: map[string]any{"Language": "lt"}},
	}
	for _, lang := range s.Languages() {
		loc, _ := s.Locale(lang)
		for _, p := range ProblemItems(probs, loc) {
			if strings.HasPrefix(p.Message, p.Code) || strings.Contains(p.Message, "{{") || strings.Contains(p.Message, "<no value>") {
				t.Errorf("%s: %s worded %q", lang, p.Code, p.Message)
			}
		}
	}
	en, _ := s.Locale("en")
	if got := ProblemItems(probs[2:3], en)[0].Message; !strings.Contains(got, "text") {
		t.Errorf("the expected type is not worded: %q", got)
	}
}
