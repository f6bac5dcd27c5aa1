package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3gen"
	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/casedata"
	"github.com/gdprdocs/gdprdocs/catalog"
	"github.com/gdprdocs/gdprdocs/locales"
)

// route is one route of the API: what Echo serves and what the OpenAPI document says
// of it. The server registers and documents the same table, so the two cannot drift.
type route struct {
	methods []string
	path    string // in Echo's syntax: "/v1/documents/:id"
	handle  echo.HandlerFunc
	use     []echo.MiddlewareFunc
	doc     operation
}

// operation is what the OpenAPI document says of a route.
type operation struct {
	id, summary, description string
	// params name the query parameters and headers the route reads (see parameters).
	params []string
	// takesCase says that the body is a case, which the document describes by the case
	// schema.
	takesCase bool
	ok        answer
}

// answer is a route's successful response.
type answer struct {
	description string
	// media are the media types the route answers in; JSON when empty.
	media []string
	// body is a value of the Go type the route answers in JSON; nil for a file.
	body any
	// headers name the response headers the route sets (see responseHeaders).
	headers []string
}

// reference is the OpenAPI document and what is served from it, prepared once.
type reference struct {
	openapi    []byte // GET /v1/openapi.json
	caseSchema []byte // GET /v1/schema
	page       []byte // GET /docs
}

// newReference prepares the reference of routes. The document is built from the
// program's own tables, so failing to build it is a bug and panics, like a Must.
func newReference(routes []route, langs []string, en *locales.Locale) *reference {
	schema := casedata.Schema(en)
	doc, err := openAPI(routes, schema, langs, en)
	if err != nil {
		panic(fmt.Sprintf("server: the OpenAPI document: %v", err))
	}
	ref := &reference{}
	if ref.openapi, err = json.MarshalIndent(doc, "", "  "); err != nil {
		panic(fmt.Sprintf("server: the OpenAPI document: %v", err))
	}
	if ref.caseSchema, err = json.MarshalIndent(schema, "", "  "); err != nil {
		panic(fmt.Sprintf("server: the case schema: %v", err))
	}
	var paths []string
	for _, r := range routes {
		if p := openAPIPath(r.path); !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	if ref.page, err = docsPage(doc, paths, schema); err != nil {
		panic(fmt.Sprintf("server: the reference page: %v", err))
	}
	return ref
}

// openAPI is the OpenAPI 3.1 document of routes. The case schema is a component that
// every request body refers to; the answers in JSON are described by their Go types.
func openAPI(routes []route, schema map[string]any, langs []string, en *locales.Locale) (*openapi3.T, error) {
	caseSchema, err := toSchema(schema)
	if err != nil {
		return nil, err
	}
	// $id would make the component a schema resource of its own: the document's
	// references stay within the document.
	caseSchema.SchemaID, caseSchema.SchemaDialect = "", ""
	problemSchema, err := goSchema(problem{})
	if err != nil {
		return nil, err
	}
	doc := &openapi3.T{
		OpenAPI: "3.1.0",
		Info: &openapi3.Info{
			Title:   "gdprdocs",
			Version: "1",
			Description: "Renders GDPR documents — breach notices, privacy and cookie policies, registers, " +
				"rules and procedures — from one JSON case, in " + strings.Join(langs, ", ") + ". Errors are " +
				"RFC 9457 problem documents in the request's language (lang, else Accept-Language, else en).",
		},
		Servers: openapi3.Servers{{URL: "/", Description: "The server that serves this document."}},
		Paths:   openapi3.NewPaths(),
		Components: &openapi3.Components{
			Schemas: openapi3.Schemas{
				"Case":    &openapi3.SchemaRef{Value: caseSchema},
				"Problem": problemSchema,
			},
			Parameters: openapi3.ParametersMap{},
		},
	}
	params := parameters(langs, en)
	for _, r := range routes {
		path := openAPIPath(r.path)
		item := doc.Paths.Value(path)
		if item == nil {
			item = &openapi3.PathItem{}
			doc.Paths.Set(path, item)
		}
		op, err := r.doc.build(path, params, doc.Components)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", r.methods, path, err)
		}
		for _, m := range r.methods {
			o := op
			if m == http.MethodHead {
				head := *op
				head.OperationID = op.OperationID + "Head"
				head.Summary = "Headers of " + strings.ToLower(op.Summary[:1]) + op.Summary[1:]
				head.Description = "As GET, without the body."
				o = &head
			}
			item.SetOperation(m, o)
		}
	}
	return doc, nil
}

// build is the OpenAPI operation of the route at path.
func (o operation) build(path string, params map[string]*openapi3.Parameter, comp *openapi3.Components) (*openapi3.Operation, error) {
	op := &openapi3.Operation{OperationID: o.id, Summary: o.summary, Description: o.description,
		Responses: openapi3.NewResponses()}
	if strings.Contains(path, "{id}") {
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: params["id"]})
	}
	for _, name := range o.params {
		p, ok := params[name]
		if !ok {
			return nil, fmt.Errorf("no parameter %q", name)
		}
		comp.Parameters[name] = &openapi3.ParameterRef{Value: p}
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Ref: "#/components/parameters/" + name, Value: p})
	}
	if o.takesCase {
		op.RequestBody = &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{Required: true,
			Description: "The case (see GET /v1/schema): JSON, as application/json or a media type ending in +json.",
			Content: openapi3.NewContentWithSchemaRef(&openapi3.SchemaRef{Ref: "#/components/schemas/Case",
				Value: comp.Schemas["Case"].Value}, []string{echo.MIMEApplicationJSON})}}
	}
	ok := &openapi3.Response{Description: &o.ok.description, Headers: openapi3.Headers{}}
	switch {
	case o.ok.body != nil:
		s, err := goSchema(o.ok.body)
		if err != nil {
			return nil, err
		}
		ok.Content = openapi3.NewContentWithSchemaRef(s, []string{echo.MIMEApplicationJSON})
	default:
		ok.Content = openapi3.NewContent()
		for _, mt := range o.ok.media {
			ok.Content[mt] = &openapi3.MediaType{}
		}
	}
	for _, h := range o.ok.headers {
		ok.Headers[h] = &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: openapi3.Parameter{
			Description: responseHeaders[h], Schema: openapi3.NewStringSchema().NewRef()}}}
	}
	op.Responses.Set("200", &openapi3.ResponseRef{Value: ok})
	problemRef := &openapi3.SchemaRef{Ref: "#/components/schemas/Problem", Value: comp.Schemas["Problem"].Value}
	for _, p := range o.problems(path) {
		desc := p.describe()
		op.Responses.Set(strconv.Itoa(p.status), &openapi3.ResponseRef{Value: &openapi3.Response{Description: &desc,
			Content:    openapi3.NewContentWithSchemaRef(problemRef, []string{"application/problem+json"}),
			Extensions: map[string]any{"x-problem-codes": p.codes}}})
	}
	return op, nil
}

// openAPIPath is an Echo path in OpenAPI's syntax: ":id" becomes "{id}".
func openAPIPath(path string) string {
	steps := strings.Split(path, "/")
	for i, s := range steps {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			steps[i] = "{" + name + "}"
		}
	}
	return strings.Join(steps, "/")
}

// problemResponse is a status an operation may answer with, and the problem codes
// (the problem document's code) it answers it for.
type problemResponse struct {
	status int
	codes  []string
}

func (p problemResponse) describe() string {
	return http.StatusText(p.status) + ": a problem document; code " + strings.Join(p.codes, ", ") + "."
}

// problems lists, by status, the problems the route at path may answer with: those of
// the parameters it reads, of the document its path names, of the case its body
// carries, and the internal error any route may meet.
func (o operation) problems(path string) []problemResponse {
	byStatus := map[int][]string{}
	add := func(status int, codes ...string) {
		for _, c := range codes {
			if !slices.Contains(byStatus[status], c) {
				byStatus[status] = append(byStatus[status], c)
			}
		}
	}
	if strings.Contains(path, "{id}") {
		add(http.StatusNotFound, "unknown_document")
	}
	for _, name := range o.params {
		for _, c := range parameterProblems[name] {
			add(c.status, c.codes...)
		}
	}
	if o.takesCase {
		for _, c := range caseProblems {
			add(c.status, c.codes...)
		}
	}
	add(http.StatusInternalServerError, "internal")
	out := make([]problemResponse, 0, len(byStatus))
	for status, codes := range byStatus {
		out = append(out, problemResponse{status, codes})
	}
	slices.SortFunc(out, func(a, b problemResponse) int { return a.status - b.status })
	return out
}

// parameterProblems are the problems a value of each parameter may cause.
var parameterProblems = map[string][]problemResponse{
	"lang":     {{http.StatusBadRequest, []string{"unknown_language"}}},
	"format":   {{http.StatusNotAcceptable, []string{"unknown_format"}}},
	"Accept":   {{http.StatusNotAcceptable, []string{"unknown_format"}}},
	"now":      {{http.StatusBadRequest, []string{"invalid_now", "now_out_of_range"}}},
	"fragment": {{http.StatusBadRequest, []string{"invalid_boolean"}}},
	"strict":   {{http.StatusBadRequest, []string{"invalid_boolean"}}},
	"audience": {{http.StatusBadRequest, []string{"invalid_choice"}}},
	"annexes":  {{http.StatusBadRequest, []string{"invalid_choice"}}},
}

// caseProblems are the problems of a request that carries a case: its body, its
// syntax and its content, and the render slot it waits for.
var caseProblems = []problemResponse{
	{http.StatusBadRequest, []string{"malformed_json"}},
	{http.StatusRequestTimeout, []string{"body_timeout"}},
	{http.StatusRequestEntityTooLarge, []string{"body_too_large"}},
	{http.StatusUnsupportedMediaType, []string{"not_json"}},
	{http.StatusUnprocessableEntity, []string{"invalid_case", "too_many_problems"}},
	{http.StatusServiceUnavailable, []string{"busy", "timeout"}},
}

// responseHeaders describe the response headers routes set.
var responseHeaders = map[string]string{
	"Content-Disposition": "attachment, with the document's file name in its language.",
	"Content-Language":    "The language of the answer.",
	warningsHeader: "How many things the document holds that the case did not give (defaults, text in another " +
		"language); POST /v1/documents/{id}/check lists them.",
}

// parameters are the parameters routes may read, by name, their values taken from the
// catalogue and the locales: a document id, a format, a language or a code the service
// does not offer cannot be documented.
func parameters(langs []string, en *locales.Locale) map[string]*openapi3.Parameter {
	ids := make([]string, len(catalog.Documents))
	idWords := map[string]string{}
	var formats []string
	for i, d := range catalog.Documents {
		ids[i] = d.ID
		fs := make([]string, len(d.Formats))
		for j, f := range d.Formats {
			fs[j] = string(f)
			if !slices.Contains(formats, string(f)) {
				formats = append(formats, string(f))
			}
		}
		idWords[d.ID] = en.MustText("document."+d.ID+".title") + " (" + d.Source + "); formats " + strings.Join(fs, ", ") + "."
	}
	formatWords := map[string]string{}
	for _, f := range formats {
		formatWords[f] = catalog.Format(f).ContentType()
	}
	langWords := map[string]string{}
	for _, l := range langs {
		langWords[l] = en.Language(l)
	}
	audienceWords := map[string]string{}
	for _, a := range casedata.Audiences.Codes {
		audienceWords[a], _ = en.Label("audience_for", a)
	}
	annexWords := map[string]string{
		catalog.AnnexesFull: "The annexes in full: the rules as an organisation approves them (the default).",
		catalog.AnnexesList: "The annexes listed, each kept as a document of its own; only the familiarisation sheet printed.",
	}
	query := func(name, desc string, s *openapi3.Schema) *openapi3.Parameter {
		return &openapi3.Parameter{Name: name, In: openapi3.ParameterInQuery, Description: desc, Schema: s.NewRef()}
	}
	boolean := openapi3.NewBoolSchema()
	return map[string]*openapi3.Parameter{
		"id": {Name: "id", In: openapi3.ParameterInPath, Required: true, Description: "The document, as GET /v1/documents lists it.",
			Schema: coded(ids, idWords).NewRef()},
		"lang": query("lang", "The language of the document and of the messages: a supported language, "+
			"else Accept-Language decides, else en.", coded(langs, langWords)),
		"messageLang": query("lang", "The language of the titles and messages; one not supported is passed over "+
			"for Accept-Language, else en.", coded(langs, langWords)),
		"Accept-Language": {Name: "Accept-Language", In: openapi3.ParameterInHeader, Description: "The language, " +
			"when lang is not given: the first supported one of the header.", Schema: openapi3.NewStringSchema().NewRef()},
		"format": query("format", "The output format, which the document must offer (GET /v1/documents lists "+
			"them); else the one the Accept header prefers (q values and type/* count) among those the document offers, else its first.", coded(formats, formatWords)),
		"Accept": {Name: "Accept", In: openapi3.ParameterInHeader, Description: "The media type of the format, " +
			"when format is not given.", Schema: openapi3.NewStringSchema().NewRef()},
		"breach": query("breach", "The reference of the breach a breach document is about (breaches[].reference); "+
			"default the first breach.", openapi3.NewStringSchema()),
		"review": query("review", "The number of the review a review act records (reviews[].number); default the last.",
			openapi3.NewStringSchema()),
		"audience": query("audience", "The audience a privacy notice is for; default the public notice, "+
			"which leaves out the activities of audiences with a notice of their own (staff, candidates).",
			coded(casedata.Audiences.Codes, audienceWords)),
		"now": query("now", fmt.Sprintf("The moment the document is made at, RFC 3339 with an offset, in the years %d to %d: "+
			"it dates notices not sent yet and decides whether they are late; default the server's clock.",
			catalog.FirstNowYear, catalog.LastNowYear), openapi3.NewDateTimeSchema()),
		"fragment": query("fragment", "true: HTML without the page around it, to embed (style: /v1/assets/gdprdocs.css).",
			boolean),
		"strict": query("strict", "true: refuse a document that would print anything the case does not give — a default, "+
			"text in another language — with a problem at its path, instead of counting it in Gdprdocs-Warnings.", boolean),
		"annexes": query("annexes", "How the processing rules carry their annexes.", coded(catalog.AnnexesValues, annexWords)),
	}
}

// coded is the schema of a string that takes one of codes, each described by words,
// in the same keywords as the case schema's.
func coded(codes []string, words map[string]string) *openapi3.Schema {
	s := openapi3.NewStringSchema()
	for _, c := range codes {
		s.Enum = append(s.Enum, c)
	}
	s.Extensions = map[string]any{"x-enumDescriptions": words}
	return s
}

// toSchema converts a JSON Schema built as maps.
func toSchema(m map[string]any) (*openapi3.Schema, error) {
	data, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	s := &openapi3.Schema{}
	if err := s.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return s, nil
}

// goSchema is the schema of the JSON that encoding/json makes of v's type. A pointer is
// left out when nil (omitempty) rather than null, so none is marked nullable, which
// OpenAPI 3.1 has no keyword for.
func goSchema(v any) (*openapi3.SchemaRef, error) {
	return openapi3gen.NewSchemaRefForValue(v, nil, openapi3gen.SchemaCustomizer(
		func(_ string, _ reflect.Type, _ reflect.StructTag, s *openapi3.Schema) error {
			s.Nullable = false
			return nil
		}))
}
