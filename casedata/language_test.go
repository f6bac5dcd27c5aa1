package casedata

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// decodeFor decodes data for a document in lang and fails the test on any error.
func decodeFor(t *testing.T, data []byte, lang string) *Case {
	t.Helper()
	c, err := Decode(t.Context(), data, lang)
	if err != nil {
		t.Fatalf("decoding for %s: %v", lang, err)
	}
	return c
}

// withLanguage is minimal with document.language set, when caseLang is not empty, and
// the breach's description replaced by description.
func withLanguage(t *testing.T, caseLang string, description any) []byte {
	t.Helper()
	var tree map[string]any
	if err := json.Unmarshal(with(t, "breaches.0.description", description), &tree); err != nil {
		t.Fatal(err)
	}
	if caseLang != "" {
		tree["document"] = map[string]any{"language": caseLang}
	}
	data, _ := json.Marshal(tree)
	return data
}

// A free-text field given in several languages decodes to the document's language;
// without it, to document.language, else the only one given, else English, Lithuanian,
// Dutch in that order — and each fallback is a warning naming the field and the
// language taken. A plain string is text in document.language: a fallback too when that
// is not the document's language, and taken as it is when the case does not say.
func TestMultilingualText(t *testing.T) {
	const path = "/breaches/0/description"
	both := map[string]any{"lt": "Pamestas nešiojamasis kompiuteris.", "en": "Lost laptop."}
	tests := []struct {
		name     string
		caseLang string
		value    any
		lang     string
		want     string
		fallback string // the language of the warning, "" for none
	}{
		{"the document's language, lt", "", both, "lt", "Pamestas nešiojamasis kompiuteris.", ""},
		{"the document's language, en", "", both, "en", "Lost laptop.", ""},
		{"the document's language before document.language", "en", both, "lt", "Pamestas nešiojamasis kompiuteris.", ""},
		{"document.language", "lt", both, "nl", "Pamestas nešiojamasis kompiuteris.", "lt"},
		{"document.language before the fixed order", "nl",
			map[string]any{"lt": "Pamestas.", "nl": "Laptop kwijt."}, "en", "Laptop kwijt.", "nl"},
		{"the only language given", "", map[string]any{"nl": "Laptop kwijt."}, "en", "Laptop kwijt.", "nl"},
		{"the only language given, document.language absent from the text", "en",
			map[string]any{"nl": "Laptop kwijt."}, "lt", "Laptop kwijt.", "nl"},
		{"fixed order: English before Lithuanian", "", map[string]any{"nl": "Laptop kwijt.", "en": "Lost."}, "lt", "Lost.", "en"},
		{"fixed order: Lithuanian before Dutch", "", map[string]any{"nl": "Laptop kwijt.", "lt": "Pamestas."}, "en", "Pamestas.", "lt"},
		{"a plain string in another language than the document's", "en", "Lost laptop.", "lt", "Lost laptop.", "en"},
		{"a plain string in the document's language", "lt", "Pamestas.", "lt", "Pamestas.", ""},
		{"an empty plain string prints nothing to warn of", "en", " ", "lt", " ", ""},
		{"a plain string of a case that does not say its language", "", "Lost laptop.", "nl", "Lost laptop.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := decodeFor(t, withLanguage(t, tt.caseLang, tt.value), tt.lang)
			if got := c.Breaches[0].Description; got != tt.want {
				t.Errorf("description %q, want %q", got, tt.want)
			}
			var want []Warning
			if tt.fallback != "" {
				want = []Warning{{Path: path, Code: "language_fallback", Value: tt.fallback, text: tt.want}}
			}
			if got := c.Warnings(); !reflect.DeepEqual(got, want) {
				t.Errorf("warnings %v, want %v", got, want)
			}
		})
	}
}

// A multilingual text must name supported languages and give at least one; its texts
// obey the limits of any text, and only a free-text field takes one. Each problem has
// the path of the language or of the field.
func TestMultilingualTextProblems(t *testing.T) {
	tests := []struct {
		name     string
		caseLang string
		path     string // dotted, as with() takes it
		value    any
		want     []Problem
	}{
		{"a language not supported", "", "breaches.0.description", map[string]any{"lt": "Pamestas.", "de": "Verloren."},
			[]Problem{{Path: "/breaches/0/description/de", Code: "unknown_language", Args: map[string]any{"Lang": "de", "Allowed": "en, lt, nl"}}}},
		{"an empty object", "", "breaches.0.description", map[string]any{},
			[]Problem{{Path: "/breaches/0/description", Code: "no_text", Args: map[string]any{"Allowed": "en, lt, nl"}}}},
		{"a text that is not a string", "", "breaches.0.description", map[string]any{"lt": 5},
			[]Problem{{Path: "/breaches/0/description/lt", Code: "wrong_type", Args: map[string]any{"Expected": "string"}}}},
		{"a control character in one language", "", "breaches.0.description", map[string]any{"lt": "Gerai.", "en": "Bell\a"},
			[]Problem{{Path: "/breaches/0/description/en", Code: "control_characters"}}},
		{"a text too long in one language", "", "breaches.0.description",
			map[string]any{"nl": strings.Repeat("a", MaxTextLength+1)},
			[]Problem{{Path: "/breaches/0/description/nl", Code: "too_long", Args: map[string]any{"Max": MaxTextLength}}}},
		{"a number for free text", "", "breaches.0.description", 5,
			[]Problem{{Path: "/breaches/0/description", Code: "wrong_type", Args: map[string]any{"Expected": "text"}}}},
		{"an identifier in several languages", "", "breaches.0.reference", map[string]any{"lt": "B-1"},
			[]Problem{{Path: "/breaches/0/reference", Code: "wrong_type", Args: map[string]any{"Expected": "string"}}}},
		{"document.language not supported", "de", "breaches.0.description", "Verloren.",
			[]Problem{{Path: "/document/language", Code: "unknown_language", Args: map[string]any{"Lang": "de", "Allowed": "en, lt, nl"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tree map[string]any
			if err := json.Unmarshal(with(t, tt.path, tt.value), &tree); err != nil {
				t.Fatal(err)
			}
			if tt.caseLang != "" {
				tree["document"] = map[string]any{"language": tt.caseLang}
			}
			data, _ := json.Marshal(tree)
			_, err := Decode(t.Context(), data, "lt")
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("got %v, want problems", err)
			}
			if !reflect.DeepEqual([]Problem(probs), tt.want) {
				t.Errorf("got %#v\nwant %#v", probs, tt.want)
			}
		})
	}
}

// In a coded-or-free list a code is a word in every language and needs no translation:
// only the free items are texts, each a string or a multilingual object, and only those
// not in the document's language are fallbacks.
func TestMultilingualCodedOrFreeList(t *testing.T) {
	const path = "/breaches/0/records/categories/"
	categories := []any{"health", map[string]any{"lt": "Lojalumo taškai", "en": "Loyalty points"}, "Order history"}
	tests := []struct {
		lang      string
		want      []string
		fallbacks map[string]string // path → language
	}{
		{"en", []string{"health", "Loyalty points", "Order history"}, map[string]string{}},
		{"lt", []string{"health", "Lojalumo taškai", "Order history"}, map[string]string{path + "2": "en"}},
		{"nl", []string{"health", "Loyalty points", "Order history"}, map[string]string{path + "1": "en", path + "2": "en"}},
	}
	var tree map[string]any
	if err := json.Unmarshal(with(t, "breaches.0.records", map[string]any{"categories": categories}), &tree); err != nil {
		t.Fatal(err)
	}
	tree["document"] = map[string]any{"language": "en"}
	data, _ := json.Marshal(tree)
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			c := decodeFor(t, data, tt.lang)
			if got := c.Breaches[0].Records.Categories; !slices.Equal(got, tt.want) {
				t.Errorf("categories %q, want %q", got, tt.want)
			}
			got := map[string]string{}
			for _, w := range c.Warnings() {
				if strings.HasPrefix(w.Path, path) { // the description is English too
					got[w.Path] = w.Value.(string)
				}
			}
			if !reflect.DeepEqual(got, tt.fallbacks) {
				t.Errorf("fallbacks %v, want %v", got, tt.fallbacks)
			}
		})
	}
}

// Every field of the schema has a description, and the schema offers several languages
// exactly where decoding takes them: set at each string field of the format, a text in
// Lithuanian and English decodes to the Lithuanian text in a free-text field, and is a
// problem at that field anywhere else.
func TestSchemaDescribesEveryFieldAndItsLanguages(t *testing.T) {
	var fields []string // JSON pointers of the string fields, "*" for array items
	prose := map[string]bool{}
	var walk func(s map[string]any, path string)
	walk = func(s map[string]any, path string) {
		if oneOf, ok := s["oneOf"].([]any); ok {
			texts := oneOf[1].(map[string]any)["properties"].(map[string]any)
			if len(texts) != 3 || texts["lt"] == nil || texts["nl"] == nil || texts["en"] == nil {
				t.Errorf("%s: the languages of a text are %v", path, texts)
			}
			fields, prose[path] = append(fields, path), true
			return
		}
		switch s["type"] {
		case "string":
			fields = append(fields, path)
		case "array":
			walk(s["items"].(map[string]any), path+"/*")
		case "object":
			for name, p := range s["properties"].(map[string]any) {
				p := p.(map[string]any)
				desc, _ := p["description"].(string)
				if strings.TrimSpace(desc) == "" {
					t.Errorf("%s/%s has no description", path, name)
				}
				if _, isProse := p["oneOf"]; isProse || p["items"] != nil && p["items"].(map[string]any)["oneOf"] != nil {
					if !strings.Contains(desc, "Free text in the document's language") {
						t.Errorf("%s/%s: the description does not say it is free text: %q", path, name, desc)
					}
				}
				walk(p, path+"/"+name)
			}
		}
	}
	walk(Schema(english(t)), "")
	if len(prose) < 40 {
		t.Fatalf("only %d free-text fields found: %v", len(prose), prose)
	}
	for _, field := range fields {
		t.Run(field, func(t *testing.T) {
			var tree any
			if err := json.Unmarshal([]byte(everyField), &tree); err != nil {
				t.Fatal(err)
			}
			put(tree, field, map[string]any{"lt": "Lietuviškai", "en": "In English"})
			data, _ := json.Marshal(tree)
			path := strings.ReplaceAll(field, "*", "0")
			c, err := Decode(t.Context(), data, "lt")
			var probs Problems
			errors.As(err, &probs)
			refused := slices.ContainsFunc(probs, func(p Problem) bool { return p.Path == path })
			if !prose[field] {
				if !refused {
					t.Errorf("an identifier took a multilingual text: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("a free-text field refused a multilingual text: %v", err)
			}
			back, _ := json.Marshal(c)
			var got any
			json.Unmarshal(back, &got)
			for _, step := range strings.Split(strings.TrimPrefix(path, "/"), "/") {
				if i, err := strconv.Atoi(step); err == nil {
					got = got.([]any)[i]
				} else {
					got = got.(map[string]any)[step]
				}
			}
			if got != "Lietuviškai" {
				t.Errorf("decoded to %v, want the Lithuanian text", got)
			}
		})
	}
}

// put sets value at a JSON pointer of tree, "*" standing for the first item, making the
// objects and arrays on the way that the tree lacks.
func put(tree any, pointer string, value any) {
	steps := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	node := tree
	for i, step := range steps {
		var next any
		if i+1 < len(steps) {
			next = map[string]any{}
			if steps[i+1] == "*" {
				next = []any{nil}
			}
		} else {
			next = value
		}
		switch n := node.(type) {
		case map[string]any:
			if i+1 == len(steps) || n[step] == nil {
				n[step] = next
			}
			node = n[step]
		case []any:
			if i+1 == len(steps) || n[0] == nil {
				n[0] = next
			}
			node = n[0]
		}
	}
}

// The README names every free-text field, so that what it promises clients is what
// decoding takes.
func TestREADMENamesEveryFreeTextField(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Free text in several languages")
	section, _, _ = strings.Cut(section, "\n## ")
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Tag.Get("text") == "prose" && !strings.Contains(section, "`"+name+"`") && !strings.Contains(section, "."+name+"`") {
				t.Errorf("README.md does not name the free-text field %s.%s", typ.Name(), name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[Case]())
}

// A text refused for its language is reported once, not again as a missing field.
func TestRefusedTextIsNotAlsoMissing(t *testing.T) {
	_, err := Parse(t.Context(), with(t, "breaches.0.description", map[string]any{"de": "Verloren."}), NeedOrganisation|NeedBreaches, "lt")
	var probs Problems
	if !errors.As(err, &probs) || len(probs) != 1 || probs[0].Path != "/breaches/0/description/de" {
		t.Errorf("got %v", err)
	}
}
