package catalog

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"gdprdocs/casedata"
)

// fallbacks are the language fallbacks among a render's warnings.
func fallbacks(ws []casedata.Warning) []casedata.Warning {
	var out []casedata.Warning
	for _, w := range ws {
		if w.Code == "language_fallback" {
			out = append(out, w)
		}
	}
	return out
}

// A purpose given in Lithuanian and English prints in each document in its own
// language and never in the other; a Dutch document, which the case gives no text for,
// prints the English fallback, and the case's warnings for that render say so.
func TestPrivacyPolicyPrintsTheTextOfItsLanguage(t *testing.T) {
	const (
		lt = "Klientų darbuotojams suteikiama prieiga prie projektų eigos ir sąskaitų"
		en = "Giving client staff access to project tracking and invoices"
	)
	data := editCase(t, sampleFile(t, "en-policy"), func(c map[string]any) {
		act := c["organisation"].(map[string]any)["processing_activities"].([]any)[0].(map[string]any)
		act["purpose"] = map[string]any{"lt": lt, "en": en}
	})
	fallback := []casedata.Warning{{Path: "/organisation/processing_activities/0/purpose", Code: "language_fallback", Value: "en"}}
	tests := []struct {
		lang, want, not string
		warnings        []casedata.Warning
	}{
		{"lt", lt, en, nil},
		{"en", en, lt, nil},
		{"nl", en, lt, fallback},
	}
	s := newService(t)
	doc, _ := Lookup("privacy-policy")
	// A strict render refuses the fallback, in the reader's words.
	_, err := s.Render(context.Background(), Request{Doc: doc.ID, Lang: "nl", Format: Markdown, Now: now, Strict: true}, data)
	nl, _ := s.Locale("nl")
	if e, ok := Explain(err, nl); !ok || len(e.Problems) == 0 || e.Problems[0].Path != fallback[0].Path ||
		!strings.Contains(e.Problems[0].Message, "de tekst in het Engels") {
		t.Errorf("strict fallback: %v %+v", err, e)
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			out, err := s.Render(context.Background(), Request{Doc: doc.ID, Lang: tt.lang, Format: Markdown, Now: now}, data)
			if err != nil {
				t.Fatal(err)
			}
			if md := string(out.Body); !strings.Contains(md, tt.want) || strings.Contains(md, tt.not) {
				t.Errorf("the %s policy does not print %q alone:\n%s", tt.lang, tt.want, md)
			}
			if got := fallbacks(out.Warnings); !reflect.DeepEqual(got, tt.warnings) {
				t.Errorf("warnings %v, want %v", got, tt.warnings)
			}
		})
	}
}
