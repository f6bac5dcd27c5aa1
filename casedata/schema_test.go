package casedata

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/locales"
)

// english is the English locale: the language the schema describes codes in.
func english(t testing.TB) *locales.Locale {
	t.Helper()
	set, err := locales.Default()
	if err != nil {
		t.Fatal(err)
	}
	en, ok := set.Locale("en")
	if !ok {
		t.Fatal("no English locale")
	}
	return en
}

// Every field of the schema, the languages of a multilingual text included, has a
// description; every code a field lists, in enum or in examples, says what it stands for;
// and a code of a code list says it in the words the English documents print.
func TestSchemaDescribesEveryFieldAndCode(t *testing.T) {
	en := english(t)
	labels := map[string]string{} // the JSON pointer of a field → the kind of its code list
	for _, l := range CodeLists() {
		for _, f := range slices.Concat(l.Closed, l.Open) {
			labels[f] = l.Kind
		}
	}
	var fields, codes int
	coded := map[string]bool{}
	var walk func(s map[string]any, path string)
	walk = func(s map[string]any, path string) {
		listed, _ := s["enum"].([]string)
		if listed == nil && s["format"] == nil {
			listed, _ = s["examples"].([]string)
		}
		if listed != nil {
			coded[path] = true
			meanings, _ := s["x-enumDescriptions"].(map[string]string)
			for _, code := range listed {
				codes++
				got := meanings[code]
				if strings.TrimSpace(got) == "" {
					t.Errorf("%s: code %q has no description", path, code)
					continue
				}
				if kind, ok := labels[path]; ok {
					if want, _ := en.Label(kind, code); got != want {
						t.Errorf("%s: code %q is described as %q, want the label %q", path, code, got, want)
					}
				}
			}
			if len(meanings) != len(listed) {
				t.Errorf("%s: %d descriptions for %d codes", path, len(meanings), len(listed))
			}
		}
		for _, key := range []string{"oneOf", "anyOf"} {
			alts, _ := s[key].([]any)
			for _, a := range alts {
				walk(a.(map[string]any), path)
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			walk(items, path+"/*")
		}
		props, _ := s["properties"].(map[string]any)
		for name, p := range props {
			fields++
			p := p.(map[string]any)
			if desc, _ := p["description"].(string); strings.TrimSpace(desc) == "" {
				t.Errorf("%s/%s has no description", path, name)
			}
			walk(p, path+"/"+name)
		}
	}
	schema := Schema(en)
	if desc, _ := schema["description"].(string); desc == "" {
		t.Error("the schema has no description")
	}
	walk(schema, "")
	for path := range labels {
		if !coded[path] {
			t.Errorf("%s takes codes but the schema lists none", path)
		}
	}
	for _, path := range []string{"/organisation/jurisdiction", "/document/language"} {
		if !coded[path] {
			t.Errorf("%s: the schema lists no codes", path)
		}
	}
	if fields < 200 || codes < 200 {
		t.Errorf("walked only %d fields and %d codes", fields, codes)
	}
}

// The schema says what the codes the documents print mean in the documents' words, and
// the jurisdiction and language codes by name.
func TestSchemaWords(t *testing.T) {
	data, err := json.Marshal(Schema(english(t)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"x-enumDescriptions":{"high":"likely to result in a high risk","none":"unlikely to result in a risk","risk":"likely to result in a risk"}`,
		`"LT":"Lithuania: State Data Protection Inspectorate"`,
		`"lt":"Lithuanian"`,
		`"ransomware":"ransomware attack"`,
		`"description":"The text in Dutch."`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the schema lacks %s", want)
		}
	}
}
