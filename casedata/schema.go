package casedata

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Schema is the JSON Schema (draft 2020-12) of the case format, derived from the Go
// types so that it cannot drift from what Decode accepts.
func Schema() map[string]any {
	s := schemaOf(reflect.TypeFor[Case](), "", false)
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "urn:gdprdocs:case:v1"
	s["title"] = "gdprdocs case data, version 1"
	return s
}

// schemaOf is the schema of type t at the JSON pointer path, "*" standing for an array
// index: the path finds the code list a field takes. A prose string, or a list of them,
// may be given in several languages.
func schemaOf(t reflect.Type, path string, prose bool) map[string]any {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[Timestamp]():
		return map[string]any{"type": "string", "format": "date-time"}
	case reflect.TypeFor[Date]():
		return map[string]any{"type": "string", "format": "date"}
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
			p := schemaOf(f.Type, path+"/"+name, prose)
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
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), path+"/*", prose), "maxItems": MaxItems}
	case reflect.String:
		if prose {
			return map[string]any{"oneOf": []any{codeSchema(path), textsSchema()}}
		}
		return codeSchema(path)
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
func textsSchema() map[string]any {
	props := map[string]any{}
	for _, l := range languages() {
		props[l] = map[string]any{"type": "string", "maxLength": MaxTextLength}
	}
	return map[string]any{"type": "object", "properties": props, "additionalProperties": false, "minProperties": 1,
		"description": "The text by language code."}
}

// codeSchema is the schema of a string field: an enum where the field takes a closed
// code list, the codes as examples where it takes an open one.
func codeSchema(path string) map[string]any {
	switch path {
	case "/organisation/jurisdiction":
		return map[string]any{"type": "string", "enum": JurisdictionCodes()}
	case "/document/language":
		return map[string]any{"type": "string", "enum": languages()}
	}
	s := map[string]any{"type": "string", "maxLength": MaxTextLength}
	for _, l := range CodeLists() {
		switch {
		case slices.Contains(l.Closed, path):
			return map[string]any{"type": "string", "enum": l.Codes}
		case slices.Contains(l.Open, path):
			s["examples"] = l.Codes
			s["description"] = "A code (see examples), rendered in the document's language, or free text, printed as given."
		}
	}
	return s
}
