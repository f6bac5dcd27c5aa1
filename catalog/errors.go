package catalog

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
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

// ParameterError is a render parameter given a value it does not take.
type ParameterError struct {
	Name, Value string
	Allowed     []string
}

func (e *ParameterError) Error() string {
	return fmt.Sprintf("catalog: parameter %s does not take %q", e.Name, e.Value)
}

// MaxProblems is how many problems of an invalid case an Explanation lists: enough to
// fix a case by, few enough that a body of 100,000 wrong items gets a short answer.
const MaxProblems = 100

// Explanation is a request error as its user reads it: a code for programs, a message
// in the user's language and, for an invalid case, its problems with their JSON paths.
type Explanation struct {
	Code    string
	Message string
	// Problems are the first MaxProblems problems of an invalid case, in path order;
	// Count is how many it has. The message says so when some are not listed.
	Problems []ProblemItem
	Count    int
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
		param     *ParameterError
	)
	text := func(code string, args map[string]any) Explanation {
		msg, _ := loc.Text("error."+code, args)
		return Explanation{Code: code, Message: msg}
	}
	switch {
	case errors.As(err, &malformed):
		where := map[string]any{"Char": malformed.Char, "Line": loc.Number(malformed.Line),
			"Byte": loc.Number(int(malformed.Offset)), "Max": loc.Number(casedata.MaxDepth)}
		detail, _ := loc.Text("json."+malformed.Reason, where)
		return text("malformed_json", map[string]any{"Detail": detail}), true
	case errors.As(err, &probs):
		e := text("invalid_case", nil)
		e.Count = len(probs)
		if len(probs) > MaxProblems {
			e.Message = text("too_many_problems", map[string]any{
				"Count": loc.Number(len(probs)), "Shown": loc.Number(MaxProblems)}).Message
			probs = probs[:MaxProblems]
		}
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
	case errors.As(err, &param):
		return text("invalid_choice", map[string]any{"Name": param.Name, "Value": param.Value,
			"Allowed": strings.Join(param.Allowed, ", ")}), true
	}
	return Explanation{}, false
}
