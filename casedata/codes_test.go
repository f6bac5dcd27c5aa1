package casedata

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// everyField is a valid case with an item in every array a code list's field sits in.
const everyField = `{
  "version": 1,
  "organisation": {"name": "UAB „Bandymas“", "jurisdiction": "LT",
    "security": {"measures": ["firewall"]},
    "processing_activities": [{"id": "a", "name": "A", "purpose": "P", "legal_basis": ["contract"],
      "special_basis": ["explicit_consent"], "subjects": ["customers"], "data": ["contact"], "source": "public",
      "recipients": ["processors"], "transfers": [{"country": "US", "safeguard": "scc"}],
      "mandatory": {"required": true, "basis": "contract"}, "audience": ["customers"], "role": "controller"}],
    "cookies": [{"name": "c", "category": "necessary", "expiry": "session", "party": "first"}]},
  "breaches": [{"reference": "B-1", "role": "controller", "phase": "initial", "aware_at": "2026-11-19T14:30:00+02:00",
    "types": ["confidentiality"], "cause": "phishing", "description": "D", "risk": "risk",
    "subjects": {"categories": ["customers"]}, "records": {"categories": ["contact"]}, "credentials_access": ["transactions"],
    "subject_notice": {"status": "planned", "channel": "email", "exemption": "mitigated"}}],
  "requests": [{"number": "1", "received_at": "2026-10-01", "right": "access", "decision": "pending"}],
  "reviews": [{"number": "1", "kind": "records", "date": "2026-11-01"}]
}`

const everySection = NeedOrganisation | NeedBreaches | NeedRequests | NeedActivities | NeedCookies | NeedReviews

// set puts value at a JSON pointer of tree, "*" standing for the first item.
func set(t *testing.T, tree any, pointer string, value any) {
	t.Helper()
	steps := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	node := tree
	for i, step := range steps {
		last := i == len(steps)-1
		switch n := node.(type) {
		case map[string]any:
			if last {
				n[step] = value
				return
			}
			node = n[step]
		case []any:
			if last {
				n[0] = value
				return
			}
			node = n[0]
		default:
			t.Fatalf("%s: no such field in the test case", pointer)
		}
	}
}

// Validation refuses a value outside a closed list, at the field's path, and takes free
// text in an open one; the schema says the same with an enum or with examples. Both
// read the lists in codes.go, and this holds them to it.
func TestCodeListsDriveValidationAndSchema(t *testing.T) {
	if _, err := Parse(t.Context(), []byte(everyField), everySection, "en"); err != nil {
		t.Fatalf("the test case is not valid: %v", err)
	}
	schema := Schema(english(t))
	for _, l := range CodeLists() {
		for _, field := range slices.Concat(l.Closed, l.Open) {
			closed := slices.Contains(l.Closed, field)
			var tree any
			if err := json.Unmarshal([]byte(everyField), &tree); err != nil {
				t.Fatal(err)
			}
			set(t, tree, field, "Kažkas kita")
			data, _ := json.Marshal(tree)
			_, err := Parse(t.Context(), data, everySection, "en")
			var probs Problems
			errors.As(err, &probs)
			path := strings.ReplaceAll(field, "*", "0")
			refused := slices.ContainsFunc(probs, func(p Problem) bool { return p.Path == path && p.Code == "unknown_code" })
			if closed != refused || (!closed && err != nil) {
				t.Errorf("%s (%s, closed %v): free text gives %v", field, l.Kind, closed, err)
			}
			node := schemaAt(schema, field)
			key := "enum"
			if !closed {
				// An open field's free text is prose: a string with the codes as
				// examples, or the text in several languages.
				key = "examples"
				oneOf, _ := node["oneOf"].([]any)
				if len(oneOf) != 2 {
					t.Errorf("%s: an open field is not free text in the schema: %v", field, node)
					continue
				}
				node = oneOf[0].(map[string]any)
			}
			if got, _ := node[key].([]string); !slices.Equal(got, l.Codes) {
				t.Errorf("%s: the schema's %s is %v, want %v", field, key, got, l.Codes)
			}
		}
	}
}

// schemaAt is the schema of the field at a JSON pointer, "*" standing for array items.
func schemaAt(s map[string]any, pointer string) map[string]any {
	for _, step := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		if step == "*" {
			s, _ = s["items"].(map[string]any)
		} else {
			props, _ := s["properties"].(map[string]any)
			s, _ = props[step].(map[string]any)
		}
	}
	return s
}

// Each code appears once in its list, and a kind names one list.
func TestCodeListsAreSets(t *testing.T) {
	kinds := map[string]bool{}
	for _, l := range CodeLists() {
		if kinds[l.Kind] {
			t.Errorf("two lists of kind %q", l.Kind)
		}
		kinds[l.Kind] = true
		if len(l.Closed)+len(l.Open) == 0 {
			t.Errorf("%s: no field takes the list", l.Kind)
		}
		for i, c := range l.Codes {
			if slices.Contains(l.Codes[:i], c) {
				t.Errorf("%s: %q twice", l.Kind, c)
			}
		}
	}
}

// The README lists every code of every list, so that what it promises clients is what
// validation and the schema accept.
func TestREADMEListsEveryCode(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range CodeLists() {
		for _, code := range l.Codes {
			if !strings.Contains(string(readme), "`"+code+"`") {
				t.Errorf("README.md does not list %s %q", l.Kind, code)
			}
		}
	}
}
