package casedata

import (
	"slices"
	"strings"
)

// Problem is one thing wrong with a case: where (a JSON pointer into the case), what
// (a stable code) and the values a message about it needs. Wording it is not this
// package's business: catalog words a problem in the request's language.
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
