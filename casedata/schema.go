package casedata

import (
	"reflect"
	"strconv"
	"strings"
)

// enums are the closed code lists of the format, by "Type.field".
var enums = map[string][]string{
	"Organisation.jurisdiction": nil, // filled from the jurisdiction files
	"Breach.types":              breachTypes,
	"Breach.risk":               riskLevels,
	"Breach.role":               roles,
	"Breach.phase":              phases,
	"SubjectNotice.status":      noticeStatus,
	"SubjectNotice.exemption":   exemptions,
	"Request.decision":          decisions,
	"Activity.legal_basis":      legalBases,
	"Activity.special_basis":    specialBases,
	"Activity.role":             roles,
	"Transfer.safeguard":        safeguardKind,
	"Cookie.category":           cookieCategories,
	"Cookie.party":              parties,
	"Review.kind":               ReviewKinds,
}

// Schema is the JSON Schema (draft 2020-12) of the case format, derived from the Go
// types so that it cannot drift from what Decode accepts.
func Schema() map[string]any {
	s := schemaOf(reflect.TypeFor[Case]())
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "urn:gdprdocs:case:v1"
	s["title"] = "gdprdocs case data, version 1"
	return s
}

func schemaOf(t reflect.Type) map[string]any {
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
			p := schemaOf(f.Type)
			if n, err := strconv.Atoi(f.Tag.Get("max")); err == nil && p["type"] == "array" {
				p["maxItems"] = n
			}
			if list := enumFor(t.Name() + "." + name); list != nil {
				if p["type"] == "array" {
					p["items"] = map[string]any{"type": "string", "enum": list}
				} else {
					p["enum"] = list
				}
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
		return map[string]any{"type": "array", "items": schemaOf(t.Elem()), "maxItems": MaxItems}
	case reflect.String:
		return map[string]any{"type": "string", "maxLength": MaxTextLength}
	case reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	}
	return map[string]any{}
}

func enumFor(key string) []string {
	list, ok := enums[key]
	if !ok {
		return nil
	}
	if key == "Organisation.jurisdiction" {
		return JurisdictionCodes()
	}
	return list
}
