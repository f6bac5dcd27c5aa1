package casedata

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// A Labeler names in words, in its language, what the codes of the format stand for: a
// code of a code list by its kind (Label("risk", "high")), a country and a language by
// their ISO codes. A *locales.Locale is one.
type Labeler interface {
	Lang() string
	Label(kind, code string) (label string, known bool)
	Country(code string) string
	Language(code string) string
}

// Schema is the JSON Schema (draft 2020-12) of the case format, derived from the Go
// types so that it cannot drift from what Decode accepts. Every field has a
// description (its doc tag); a field that takes codes lists them — in enum where it
// takes nothing else, in examples where it also takes free text — and says what each
// stands for in x-enumDescriptions, a map of code to its label in the labeler's
// language. A code the labeler does not know has no entry there.
func Schema(l Labeler) map[string]any {
	s := schemaOf(l, reflect.TypeFor[Case](), "", false)
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "urn:gdprdocs:case:v1"
	s["title"] = "gdprdocs case data, version 1"
	s["description"] = "One organisation and what the requested documents need. A document reads the " +
		"sections it names (GET /v1/documents) and reports what it had to assume."
	return s
}

// schemaOf is the schema of type t at the JSON pointer path, "*" standing for an array
// index: the path finds the code list a field takes. A prose string, or a list of them,
// may be given in several languages.
func schemaOf(l Labeler, t reflect.Type, path string, prose bool) map[string]any {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[Timestamp]():
		return map[string]any{"type": "string", "format": "date-time", "examples": []string{"2026-03-14T09:30:00+02:00"}}
	case reflect.TypeFor[Date]():
		return map[string]any{"type": "string", "format": "date", "examples": []string{"2026-03-14"}}
	}
	switch t.Kind() {
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		for f := range t.Fields() {
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			prose := f.Tag.Get("text") == "prose"
			p := schemaOf(l, f.Type, path+"/"+name, prose)
			if n, err := strconv.Atoi(f.Tag.Get("max")); err == nil && p["type"] == "array" {
				p["maxItems"] = n
			}
			if doc := f.Tag.Get("doc"); doc != "" {
				if prose {
					doc += " " + proseNote
				}
				p["description"] = doc
			}
			props[name] = p
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
		}
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(l, t.Elem(), path+"/*", prose), "maxItems": MaxItems}
	case reflect.String:
		if prose {
			return map[string]any{"oneOf": []any{codeSchema(l, path), textsSchema(l)}}
		}
		return codeSchema(l, path)
	case reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	}
	return map[string]any{}
}

// proseNote ends the description of every free-text field.
const proseNote = "Free text in the document's language: a string (in document.language when given), " +
	"or an object of language code to text, of which a document prints its own language's " +
	"and else falls back, with a warning."

// textsSchema is the schema of a text given in several languages.
func textsSchema(l Labeler) map[string]any {
	props := map[string]any{}
	for _, lang := range languages() {
		props[lang] = map[string]any{"type": "string", "maxLength": MaxTextLength,
			"description": "The text in " + l.Language(lang) + "."}
	}
	return map[string]any{"type": "object", "properties": props, "additionalProperties": false, "minProperties": 1,
		"description": "The text by language code.", "examples": []any{map[string]string{"lt": "Klientų aptarnavimas", "en": "Customer service"}}}
}

// codeSchema is the schema of a string field: an enum where the field takes a closed
// code list, the codes as examples where it takes an open one, each described.
func codeSchema(l Labeler, path string) map[string]any {
	switch path {
	case "/organisation/jurisdiction":
		codes := JurisdictionCodes()
		return map[string]any{"type": "string", "enum": codes, "x-enumDescriptions": describe(codes, func(code string) (string, bool) {
			j, _ := LookupJurisdiction(code)
			if name := j.Authority.Name.In(l.Lang(), "nominative"); name != "" {
				return l.Country(code) + ": " + name, true
			}
			return "any other member state: the authority is given in organisation.authority", true
		})}
	case "/document/language":
		return map[string]any{"type": "string", "enum": languages(), "x-enumDescriptions": describe(languages(), func(code string) (string, bool) {
			name := l.Language(code)
			return name, name != code
		})}
	}
	s := map[string]any{"type": "string", "maxLength": MaxTextLength}
	for _, list := range CodeLists() {
		label := func(code string) (string, bool) { return l.Label(list.Kind, code) }
		switch {
		case slices.Contains(list.Closed, path):
			return map[string]any{"type": "string", "enum": list.Codes, "x-enumDescriptions": describe(list.Codes, label)}
		case slices.Contains(list.Open, path):
			s["examples"] = list.Codes
			s["x-enumDescriptions"] = describe(list.Codes, label)
			s["description"] = "A code (see examples), rendered in the document's language, or free text, printed as given."
		}
	}
	return s
}

// describe maps each code to what it stands for, leaving out a code words does not know.
func describe(codes []string, words func(code string) (string, bool)) map[string]string {
	out := make(map[string]string, len(codes))
	for _, c := range codes {
		if w, ok := words(c); ok {
			out[c] = w
		}
	}
	return out
}
