package catalog

import (
	"fmt"
	"maps"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/locales"
)

// ProblemItem is a problem with its JSON pointer and localised message.
type ProblemItem struct {
	Path    string `json:"path"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ProblemItems localises problems for a response.
func ProblemItems(probs casedata.Problems, loc *locales.Locale) []ProblemItem {
	out := make([]ProblemItem, len(probs))
	for i, p := range probs {
		out[i] = ProblemItem{Path: p.Path, Code: p.Code, Message: problemMessage(p, loc)}
	}
	return out
}

// problemMessage words a problem in the locale's language, from the message
// "error.<code>". Type names, citations, languages and values in its arguments are
// worded too ("expected a whole number", "BDAR 33 straipsnio …", "anglų").
func problemMessage(p casedata.Problem, loc *locales.Locale) string {
	args := maps.Clone(p.Args)
	if exp, ok := args["Expected"].(string); ok {
		args["Expected"] = loc.MustText("type." + exp)
	}
	if cite, ok := args["Cite"].(string); ok {
		args["Cite"] = loc.MustText("cite." + cite)
	}
	if lang, ok := args["Language"].(string); ok {
		args["Language"] = loc.Language(lang)
	}
	if v, ok := args["Value"]; ok {
		kind, _ := args["Kind"].(string)
		args["Value"] = shown(v, kind, loc)
	}
	s, err := loc.Text("error."+p.Code, args)
	if err != nil {
		return fmt.Sprintf("%s (%v)", p.Code, p.Args)
	}
	return s
}

// WarningItem is a warning of a render with its JSON pointer and localised message.
type WarningItem struct {
	Path    string `json:"path,omitempty"` // absent for a warning about the data
	Code    string `json:"code"`
	Value   any    `json:"value,omitempty"`
	Message string `json:"message"`
}

// WarningItems localises the warnings of a render for a response.
func WarningItems(ws []casedata.Warning, loc *locales.Locale) []WarningItem {
	out := make([]WarningItem, len(ws))
	for i, w := range ws {
		out[i] = WarningItem{Path: w.Path, Code: w.Code, Value: w.Value, Message: warningMessage(w, loc)}
	}
	return out
}

// warningMessage words a warning (code "default" or "language_fallback", or the refusal
// of either): a language is named in the language, a code by its label.
func warningMessage(w casedata.Warning, loc *locales.Locale) string {
	value := shown(w.Value, w.Kind, loc)
	if w.Code == "language_fallback" {
		value = loc.Language(fmt.Sprint(w.Value))
	}
	msg, err := loc.Text("warning."+w.Code, map[string]any{"Value": value})
	if err != nil {
		return w.Code
	}
	return msg
}

// shown words a value of a message: nil as "none", a code of the list kind by its label,
// anything else as it is.
func shown(v any, kind string, loc *locales.Locale) string {
	if v == nil {
		return loc.MustText("format.none")
	}
	if code, ok := v.(string); ok && kind != "" {
		if label, known := loc.Label(kind, code); known {
			return label
		}
	}
	return fmt.Sprint(v)
}
