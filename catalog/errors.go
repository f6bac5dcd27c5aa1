package catalog

import (
	"errors"
	"fmt"
	"strings"

	"gdprdocs/casedata"
	"gdprdocs/locales"
)

// UnknownDocumentError is a request for a document the catalogue does not have.
type UnknownDocumentError struct{ ID string }

func (e *UnknownDocumentError) Error() string {
	return fmt.Sprintf("catalog: unknown document %q", e.ID)
}

// UnknownLanguageError is a request for a language the service does not speak.
type UnknownLanguageError struct {
	Lang    string
	Allowed []string
}

func (e *UnknownLanguageError) Error() string {
	return fmt.Sprintf("catalog: unsupported language %q", e.Lang)
}

// FormatError is a request for a format the document is not offered in.
type FormatError struct {
	Doc    *Document
	Format Format
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("catalog: %s is not offered as %q", e.Doc.ID, e.Format)
}

// Explanation is a request error as its user reads it: a code for programs, a message
// in the user's language and, for an invalid case, every problem with its JSON path.
type Explanation struct {
	Code     string
	Message  string
	Problems []ProblemItem
}

// Explain localises an error of Render or Assess that the request caused. It returns
// false for any other error: those are internal and their text is not for the client.
// The API and the command line both answer with it, so they say the same thing.
func Explain(err error, loc *locales.Locale) (Explanation, bool) {
	var (
		malformed *casedata.MalformedError
		probs     casedata.Problems
		formatErr *FormatError
		unknown   *UnknownDocumentError
		lang      *UnknownLanguageError
	)
	text := func(code string, args map[string]any) Explanation {
		msg, _ := loc.Text("error."+code, args)
		return Explanation{Code: code, Message: msg}
	}
	switch {
	case errors.As(err, &malformed):
		return text("malformed_json", map[string]any{"Detail": malformed.Detail}), true
	case errors.As(err, &probs):
		e := text("invalid_case", nil)
		e.Problems = ProblemItems(probs, loc)
		return e, true
	case errors.As(err, &formatErr):
		allowed := make([]string, len(formatErr.Doc.Formats))
		for i, f := range formatErr.Doc.Formats {
			allowed[i] = string(f)
		}
		return text("unknown_format", map[string]any{"ID": formatErr.Doc.ID, "Format": string(formatErr.Format),
			"Allowed": strings.Join(allowed, ", ")}), true
	case errors.As(err, &unknown):
		return text("unknown_document", map[string]any{"ID": unknown.ID}), true
	case errors.As(err, &lang):
		return text("unknown_language", map[string]any{"Lang": lang.Lang, "Allowed": strings.Join(lang.Allowed, ", ")}), true
	}
	return Explanation{}, false
}
