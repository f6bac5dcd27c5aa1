package catalog

import (
	"slices"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/generators/htmlpage"
	"github.com/gdprdocs/gdprdocs/locales"
)

// What the API and its reference show of the pipeline: the language of messages, the
// case format's schema and codes, the documents' stylesheet, the syntax check a body
// passes before it may wait for a render.

// Locale is a language of documents and messages, as the catalogue words them.
type Locale = locales.Locale

// Stylesheet is the documents' stylesheet, which a page embedding a document's HTML
// fragment may link to.
const Stylesheet = htmlpage.Stylesheet

// CaseSchema is the JSON Schema of the case format, its fields and codes described in
// English.
func (s *Service) CaseSchema() map[string]any {
	en, _ := s.locales.Locale("en")
	return casedata.Schema(en)
}

// Audiences are the codes of the audiences a privacy notice can be for.
func Audiences() []string { return slices.Clone(casedata.Audiences.Codes) }

// CheckSyntax returns the error of a body that is not one JSON value (a
// *casedata.MalformedError, which Explain words), found by scanning it without
// building anything; nil for one that is.
func CheckSyntax(body []byte) error {
	if m := casedata.SyntaxError(body); m != nil {
		return m
	}
	return nil
}
