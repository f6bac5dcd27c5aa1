package server

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/catalog"
)

// Every request error is answered by its class, wrapped or not; an error without a
// class is an internal one, a 500 with nothing of its text, never a 400.
func TestProblemForClasses(t *testing.T) {
	s, _ := newServer(t, Config{})
	loc, _ := s.svc.Locale("en")
	doc, _ := catalog.Lookup("privacy-policy")
	tests := []struct {
		err    error
		status int
		code   string
	}{
		{&casedata.MalformedError{Reason: casedata.MalformedEnd, Line: 1, Offset: 5}, http.StatusBadRequest, "malformed_json"},
		{casedata.Problems{{Path: "/organisation", Code: "required"}}, http.StatusUnprocessableEntity, "invalid_case"},
		{&catalog.UnknownDocumentError{ID: "nda"}, http.StatusNotFound, "unknown_document"},
		{&catalog.FormatError{Doc: doc, Format: catalog.CSV}, http.StatusNotAcceptable, "unknown_format"},
		{&catalog.UnknownLanguageError{Lang: "de", Allowed: []string{"en"}}, http.StatusBadRequest, "unknown_language"},
		{&catalog.ParameterError{Name: "annexes", Value: "none", Allowed: catalog.AnnexesValues}, http.StatusBadRequest, "invalid_choice"},
		{errors.New("catalog: the template broke"), http.StatusInternalServerError, "internal"},
	}
	for _, tt := range tests {
		for _, err := range []error{tt.err, fmt.Errorf("somewhere: %w", tt.err)} {
			p, _ := s.problemFor(err, loc)
			if p.Status != tt.status || p.Code != tt.code {
				t.Errorf("%v: answered %d %s, want %d %s", err, p.Status, p.Code, tt.status, tt.code)
			}
			if p.Detail == "" || p.Title == "" {
				t.Errorf("%v: answered without a title or detail: %+v", err, p)
			}
		}
	}
}

// Every class of request error has its answer: a class the table lacks would be
// answered as an internal error.
func TestEveryClassHasAnAnswer(t *testing.T) {
	for _, c := range []catalog.Class{catalog.Malformed, catalog.Invalid, catalog.UnknownDocument, catalog.NotOffered, catalog.BadParameter} {
		a, ok := answers[c]
		if !ok || a.status < 400 || a.status >= 500 {
			t.Errorf("class %d: answer %+v", c, a)
		}
	}
	if _, ok := answers[catalog.Internal]; ok {
		t.Error("internal errors have a client error's answer")
	}
}
