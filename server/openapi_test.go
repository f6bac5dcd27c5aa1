package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gdprdocs/gdprdocs/catalog"
)

// served is the OpenAPI document as a client gets it, loaded and validated by
// kin-openapi as an OpenAPI 3.1 document, its references resolved.
func served(t *testing.T, s *Server) *openapi3.T {
	t.Helper()
	r := do(t, s, http.MethodGet, "/v1/openapi.json", nil)
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("%d %s", r.status, r.header.Get("Content-Type"))
	}
	doc, err := openapi3.NewLoader().LoadFromData(r.body)
	if err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || !doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Fatalf("the document is not valid: %v", err)
	}
	return doc
}

// Every route Echo serves is in the document, and every operation of the document is a
// route Echo serves.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	s, _ := newServer(t, Config{})
	doc := served(t, s)
	served := map[string]bool{}
	for _, r := range s.echo.Routes() {
		served[r.Method+" "+openAPIPath(r.Path)] = true
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	for op := range served {
		if !documented[op] {
			t.Errorf("%s is served but not documented", op)
		}
	}
	for op := range documented {
		if !served[op] {
			t.Errorf("%s is documented but not served", op)
		}
	}
	if len(served) < 14 {
		t.Errorf("only %d routes: %v", len(served), served)
	}
}

// The document's operations are complete: each has an id and a summary, says what it
// answers with, and lists the problems it may meet, each code with a message in every
// language; every parameter and every value it takes is described.
func TestOpenAPIOperationsAreDescribed(t *testing.T) {
	s, _ := newServer(t, Config{})
	doc := served(t, s)
	ids := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			if op.OperationID == "" || op.Summary == "" || ids[op.OperationID] {
				t.Errorf("%s: id %q, summary %q", where, op.OperationID, op.Summary)
			}
			ids[op.OperationID] = true
			ok := op.Responses.Status(http.StatusOK)
			if ok == nil {
				ok = op.Responses.Status(http.StatusCreated)
			}
			if ok == nil || len(ok.Value.Content) == 0 {
				t.Errorf("%s: no content of the answer", where)
			}
			if op.Responses.Status(http.StatusInternalServerError) == nil {
				t.Errorf("%s: no 500", where)
			}
			for status, r := range op.Responses.Map() {
				if status == "200" || status == "201" {
					continue
				}
				codes, _ := r.Value.Extensions["x-problem-codes"].([]any)
				if len(codes) == 0 || r.Value.Content.Get("application/problem+json") == nil {
					t.Errorf("%s %s: a problem without codes", where, status)
				}
				for _, c := range codes {
					for _, lang := range svc.Languages() {
						loc, _ := svc.Locale(lang)
						if _, err := loc.Text("error."+c.(string), map[string]any{}); err != nil {
							t.Errorf("%s %s: code %v has no %s message: %v", where, status, c, lang, err)
						}
					}
				}
			}
			if op.RequestBody != nil && op.RequestBody.Ref != "" {
				t.Errorf("%s: the body is not a case", where)
			}
			for _, p := range op.Parameters {
				p := p.Value
				if p.Description == "" {
					t.Errorf("%s: parameter %s has no description", where, p.Name)
				}
				words, _ := p.Schema.Value.Extensions["x-enumDescriptions"].(map[string]any)
				for _, v := range p.Schema.Value.Enum {
					if w, _ := words[v.(string)].(string); w == "" {
						t.Errorf("%s: parameter %s: value %v is not described", where, p.Name, v)
					}
				}
			}
		}
	}
}

// The values the document offers are the catalogue's: its document ids, the formats of
// its documents and the service's languages; a render takes every parameter it reads.
func TestOpenAPIValuesAreTheCatalogues(t *testing.T) {
	s, _ := newServer(t, Config{})
	doc := served(t, s)
	render := doc.Paths.Value("/v1/documents/{id}").Post
	params := map[string][]string{}
	for _, p := range render.Parameters {
		var values []string
		for _, v := range p.Value.Schema.Value.Enum {
			values = append(values, v.(string))
		}
		params[p.Value.Name] = values
	}
	var ids, formats []string
	for _, d := range catalog.Documents {
		ids = append(ids, d.ID)
		for _, f := range d.Formats {
			if !slices.Contains(formats, string(f)) {
				formats = append(formats, string(f))
			}
		}
	}
	for name, want := range map[string][]string{"id": ids, "format": formats, "lang": svc.Languages(),
		"annexes": catalog.AnnexesValues} {
		if !slices.Equal(params[name], want) {
			t.Errorf("%s takes %v, want %v", name, params[name], want)
		}
	}
	for _, name := range []string{"breach", "review", "audience", "now", "fragment", "strict"} {
		if _, ok := params[name]; !ok {
			t.Errorf("a render's %s is not documented", name)
		}
	}
	body := render.RequestBody.Value.Content.Get("application/json").Schema
	if body.Ref != "#/components/schemas/Case" {
		t.Errorf("the body is %q, not the case", body.Ref)
	}
}

// The case schema of the document is the one GET /v1/schema serves, and a validator
// reading it takes every sample case and refuses a code the format does not have.
func TestOpenAPICaseSchemaTakesTheSamples(t *testing.T) {
	s, _ := newServer(t, Config{})
	doc := served(t, s)
	schema := doc.Components.Schemas["Case"].Value
	var own map[string]any
	if err := json.Unmarshal(do(t, s, http.MethodGet, "/v1/schema", nil).body, &own); err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(own["properties"]); !strings.Contains(string(got), `"high":"likely to result in a high risk"`) {
		t.Errorf("GET /v1/schema does not describe the codes")
	}
	files, _ := filepath.Glob("../samples/*.json")
	if len(files) < 5 {
		t.Fatalf("samples: %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		if err := schema.VisitJSON(v, openapi3.EnableJSONSchema2020()); err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
		if b, _ := v.(map[string]any)["breaches"].([]any); len(b) > 0 {
			b[0].(map[string]any)["risk"] = "severe"
			if err := schema.VisitJSON(v, openapi3.EnableJSONSchema2020()); err == nil {
				t.Errorf("%s: the risk severe is taken", filepath.Base(f))
			}
		}
	}
}
