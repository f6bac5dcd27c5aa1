package casedata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gdprdocs/gdprdocs/locales"
)

// Problem is one thing wrong with a case: where (a JSON pointer into the case), what
// (a code naming the locale message "error.<code>") and the values the message needs.
type Problem struct {
	Path string
	Code string
	Args map[string]any
}

// Problems is every problem found in a case. It is an error.
type Problems []Problem

func (p Problems) Error() string {
	parts := make([]string, len(p))
	for i, pr := range p {
		parts[i] = pr.Path + ": " + pr.Code
	}
	return "casedata: invalid case: " + strings.Join(parts, "; ")
}

func (p *Problems) add(path, code string, args map[string]any) {
	*p = append(*p, Problem{Path: path, Code: code, Args: args})
}

// Sort orders problems by path, so that messages follow the document's order.
func (p Problems) Sort() {
	slices.SortStableFunc(p, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
}

// Message renders the problem in a language. Type names and citations in the
// arguments are localised too ("expected a whole number", "BDAR 33 straipsnio …").
func (pr Problem) Message(l *locales.Locale) string {
	args := make(map[string]any, len(pr.Args))
	for k, v := range pr.Args {
		args[k] = v
	}
	if exp, ok := args["Expected"].(string); ok {
		args["Expected"] = l.MustText("type." + exp)
	}
	if cite, ok := args["Cite"].(string); ok {
		args["Cite"] = l.MustText("cite." + cite)
	}
	if lang, ok := args["Language"].(string); ok {
		args["Language"] = l.Language(lang)
	}
	if v, ok := args["Value"]; ok {
		kind, _ := args["Kind"].(string)
		args["Value"] = shown(v, kind, l)
	}
	s, err := l.Text("error."+pr.Code, args)
	if err != nil {
		return fmt.Sprintf("%s (%v)", pr.Code, pr.Args)
	}
	return s
}
