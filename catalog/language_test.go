package catalog

import (
	"context"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/casedata"
)

// fallbacks are the language fallbacks among a render's warnings, as the API shows
// them (path, code and language).
func fallbacks(ws []casedata.Warning) []casedata.Warning {
	var out []casedata.Warning
	for _, w := range ws {
		if w.Code == "language_fallback" {
			out = append(out, casedata.Warning{Path: w.Path, Code: w.Code, Value: w.Value})
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
		// Plain strings of unknown language: only the purpose's language is known.
		delete(c["document"].(map[string]any), "language")
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

// markFree replaces every free-text string of a case (the fields the schema gives as a
// string or an object of languages) by a marker naming its JSON pointer, so that a test
// can see which of them a document prints.
func markFree(schema map[string]any, v any, path string, marks map[string]string) any {
	prose := schema["oneOf"] != nil
	switch x := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		for k, item := range x {
			if sub, ok := props[k].(map[string]any); ok {
				x[k] = markFree(sub, item, path+"/"+k, marks)
			}
		}
	case []any:
		items, _ := schema["items"].(map[string]any)
		for i, item := range x {
			x[i] = markFree(items, item, path+"/"+strconv.Itoa(i), marks)
		}
	case string:
		if prose && x != "" {
			m := "Qzx" + strconv.Itoa(len(marks)) + "xzQ"
			marks[m] = path
			return m
		}
	}
	return v
}

var marker = regexp.MustCompile(`Qzx\d+xzQ`)

// A render reports a language fallback for exactly the free text it prints: every text
// of the case is in the case's language, the document in another, and the paths of the
// warnings are the paths of the texts in the output — no fewer, no more.
func TestFallbacksAreWhatTheDocumentPrints(t *testing.T) {
	s := newService(t)
	schema := caseSchema()
	for _, sample := range []string{"lt-breach", "en-policy", "en-processor", "nl-breaches", "lt-association"} {
		marks := map[string]string{}
		data := editCase(t, sampleFile(t, sample), func(c map[string]any) {
			markFree(schema, c, "", marks)
			doc, _ := c["document"].(map[string]any)
			if doc == nil {
				doc = map[string]any{}
				c["document"] = doc
			}
			doc["language"] = "nl"
		})
		for _, doc := range Documents {
			if !doc.Offers(Markdown) {
				continue
			}
			out, err := s.Render(context.Background(), Request{Doc: doc.ID, Lang: "lt", Format: Markdown, Now: now}, data)
			if err != nil {
				continue // a document this sample has nothing for, or a notice not due
			}
			printed := map[string]bool{}
			for _, m := range marker.FindAllString(string(out.Body), -1) {
				printed[marks[m]] = true
			}
			reported := map[string]bool{}
			for _, w := range fallbacks(out.Warnings) {
				reported[w.Path] = true
				if !printed[w.Path] {
					t.Errorf("%s of %s: reports a fallback at %s it does not print", doc.ID, sample, w.Path)
				}
			}
			for p := range printed {
				if !reported[p] {
					t.Errorf("%s of %s: prints %s without reporting the fallback", doc.ID, sample, p)
				}
			}
		}
	}
}
