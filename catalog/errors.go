package catalog

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
)

// Class is the kind of error a request caused: what a caller answers it by. Every
// error of Render and Assess that the request caused carries one; the server answers
// each class with one HTTP status.
type Class int

// The classes of request errors.
const (
	// Internal is an error the request did not cause: its text is not for the client.
	Internal Class = iota
	// Malformed is a case that is not JSON (*casedata.MalformedError).
	Malformed
	// Invalid is a case that does not fit the case format or the document
	// (casedata.Problems).
	Invalid
	// UnknownDocument is a document the catalogue does not have.
	UnknownDocument
	// NotOffered is a format the document is not offered in.
	NotOffered
	// BadParameter is a language or a render parameter the service does not take.
	BadParameter
)

// requestError is an error a request caused: it carries its class and words itself.
type requestError interface {
	error
	Class() Class
	explain(loc *locales.Locale) Explanation
}

var (
	_ requestError = (*UnknownDocumentError)(nil)
	_ requestError = (*UnknownLanguageError)(nil)
	_ requestError = (*FormatError)(nil)
	_ requestError = (*ParameterError)(nil)
	_ requestError = malformedCase{}
	_ requestError = invalidCase{}
)

// UnknownDocumentError is a request for a document the catalogue does not have.
type UnknownDocumentError struct{ ID string }

func (e *UnknownDocumentError) Error() string {
	return fmt.Sprintf("catalog: unknown document %q", e.ID)
}

// Class is UnknownDocument.
func (e *UnknownDocumentError) Class() Class { return UnknownDocument }

func (e *UnknownDocumentError) explain(loc *locales.Locale) Explanation {
	return explanation(loc, "unknown_document", map[string]any{"ID": e.ID})
}

// UnknownLanguageError is a request for a language the service does not speak.
type UnknownLanguageError struct {
	Lang    string
	Allowed []string
}

func (e *UnknownLanguageError) Error() string {
	return fmt.Sprintf("catalog: unsupported language %q", e.Lang)
}

// Class is BadParameter.
func (e *UnknownLanguageError) Class() Class { return BadParameter }

func (e *UnknownLanguageError) explain(loc *locales.Locale) Explanation {
	return explanation(loc, "unknown_language", map[string]any{"Lang": e.Lang, "Allowed": strings.Join(e.Allowed, ", ")})
}

// FormatError is a request for a format the document is not offered in.
type FormatError struct {
	Doc    *Document
	Format Format
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("catalog: %s is not offered as %q", e.Doc.ID, e.Format)
}

// Class is NotOffered.
func (e *FormatError) Class() Class { return NotOffered }

func (e *FormatError) explain(loc *locales.Locale) Explanation {
	allowed := make([]string, len(e.Doc.Formats))
	for i, f := range e.Doc.Formats {
		allowed[i] = string(f)
	}
	return explanation(loc, "unknown_format", map[string]any{"ID": e.Doc.ID, "Format": string(e.Format),
		"Allowed": strings.Join(allowed, ", ")})
}

// ParameterError is a render parameter given a value it does not take.
type ParameterError struct {
	Name, Value string
	Allowed     []string
}

func (e *ParameterError) Error() string {
	return fmt.Sprintf("catalog: parameter %s does not take %q", e.Name, e.Value)
}

// Class is BadParameter.
func (e *ParameterError) Class() Class { return BadParameter }

func (e *ParameterError) explain(loc *locales.Locale) Explanation {
	return explanation(loc, "invalid_choice", map[string]any{"Name": e.Name, "Value": e.Value,
		"Allowed": strings.Join(e.Allowed, ", ")})
}

// malformedCase is casedata's error for a case that is not JSON, with its class and
// wording: casedata knows no language.
type malformedCase struct{ *casedata.MalformedError }

func (malformedCase) Class() Class { return Malformed }

func (e malformedCase) explain(loc *locales.Locale) Explanation {
	where := map[string]any{"Char": e.Char, "Line": loc.Number(e.Line),
		"Byte": loc.Number(int(e.Offset)), "Max": loc.Number(casedata.MaxDepth)}
	detail, _ := loc.Text("json."+e.Reason, where)
	return explanation(loc, "malformed_json", map[string]any{"Detail": detail})
}

// invalidCase is the problems of an invalid case, with their class and wording.
type invalidCase struct{ probs casedata.Problems }

func (e invalidCase) Error() string { return e.probs.Error() }

func (invalidCase) Class() Class { return Invalid }

func (e invalidCase) explain(loc *locales.Locale) Explanation {
	probs := e.probs
	x := explanation(loc, "invalid_case", nil)
	x.Count = len(probs)
	if len(probs) > MaxProblems {
		x.Message = explanation(loc, "too_many_problems", map[string]any{
			"Count": loc.Number(len(probs)), "Shown": loc.Number(MaxProblems)}).Message
		probs = probs[:MaxProblems]
	}
	x.Problems = ProblemItems(probs, loc)
	return x
}

// MaxProblems is how many problems of an invalid case an Explanation lists: enough to
// fix a case by, few enough that a body of 100,000 wrong items gets a short answer.
const MaxProblems = 100

// Explanation is a request error as its user reads it: its class, a code for programs,
// a message in the user's language and, for an invalid case, its problems with their
// JSON paths.
type Explanation struct {
	Class   Class
	Code    string
	Message string
	// Problems are the first MaxProblems problems of an invalid case, in path order;
	// Count is how many it has. The message says so when some are not listed.
	Problems []ProblemItem
	Count    int
}

// explanation is the explanation of code: the message "error.<code>" filled with args.
func explanation(loc *locales.Locale, code string, args map[string]any) Explanation {
	msg, _ := loc.Text("error."+code, args)
	return Explanation{Code: code, Message: msg}
}

// Explain classifies and localises an error of Render or Assess that the request
// caused. It returns false for any other error — class Internal: its text is not for
// the client. The API and the command line both answer with it, so they say the same
// thing.
func Explain(err error, loc *locales.Locale) (Explanation, bool) {
	e, ok := requestErrorOf(err)
	if !ok {
		return Explanation{Class: Internal}, false
	}
	x := e.explain(loc)
	x.Class = e.Class()
	return x, true
}

// requestErrorOf finds the request error in err's chain: one of this package's, or
// one of casedata's, which this package classifies and words.
func requestErrorOf(err error) (requestError, bool) {
	var (
		own       requestError
		malformed *casedata.MalformedError
		probs     casedata.Problems
	)
	switch {
	case errors.As(err, &own):
		return own, true
	case errors.As(err, &malformed):
		return malformedCase{malformed}, true
	case errors.As(err, &probs):
		return invalidCase{probs}, true
	}
	return nil, false
}
