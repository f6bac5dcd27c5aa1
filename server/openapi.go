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

	"github.com/gdprdocs/gdprdocs/catalog"
	"github.com/gdprdocs/gdprdocs/store"
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
	// takesPatch says that the body is a JSON Patch (RFC 6902) of a case.
	takesPatch bool
	// takesJSON is the Go type of a JSON body that is neither a case nor a patch.
	takesJSON any
	// auth is the least role of the API key the route takes; empty for a route that
	// takes none.
	auth store.Role
	// fails are the problems of the route's own, beyond those of its parameters, its
	// body and its key.
	fails []problemResponse
	ok    answer
}

// answer is a route's successful response.
type answer struct {
	// status is the status of success, default 200.
	status      int
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
func newReference(routes []route, langs []string, schema map[string]any, en *catalog.Locale) *reference {
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
func openAPI(routes []route, schema map[string]any, langs []string, en *catalog.Locale) (*openapi3.T, error) {
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
	for _, step := range strings.Split(path, "/") {
		if name, ok := strings.CutPrefix(step, "{"); ok {
			name = strings.TrimSuffix(name, "}")
			p, ok := params[name]
			if !ok || p.In != openapi3.ParameterInPath {
				return nil, fmt.Errorf("no path parameter %q", name)
			}
			op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: p})
		}
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
	if o.takesPatch {
		op.RequestBody = &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{Required: true,
			Description: "A JSON Patch (RFC 6902) of the case's current revision: add, remove, replace, move, copy and " +
				"test; /breaches/- appends a breach. The patched case must be valid, as a PUT's.",
			Content: openapi3.NewContentWithSchema(patchSchema(), []string{"application/json-patch+json"})}}
	}
	if o.takesJSON != nil {
		s, err := goSchema(o.takesJSON)
		if err != nil {
			return nil, err
		}
		op.RequestBody = &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{Required: true,
			Description: "A JSON object, as application/json.",
			Content:     openapi3.NewContentWithSchemaRef(s, []string{echo.MIMEApplicationJSON})}}
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
	status := o.ok.status
	if status == 0 {
		status = http.StatusOK
	}
	op.Responses.Set(strconv.Itoa(status), &openapi3.ResponseRef{Value: ok})
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
	if strings.Contains(path, "{id}") || strings.Contains(path, "{doc}") {
		add(http.StatusNotFound, "unknown_document")
	}
	if o.auth != "" {
		for _, c := range keyProblems {
			add(c.status, c.codes...)
		}
	}
	for _, c := range o.fails {
		add(c.status, c.codes...)
	}
	if o.takesPatch {
		for _, c := range patchProblems {
			add(c.status, c.codes...)
		}
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
	"caseName": {{http.StatusBadRequest, []string{"name_required"}}},
	"revision": {{http.StatusBadRequest, []string{"invalid_revision"}}},
	"from":     {{http.StatusBadRequest, []string{"invalid_time"}}},
	"to":       {{http.StatusBadRequest, []string{"invalid_time"}}},
	"limit":    {{http.StatusBadRequest, []string{"invalid_limit"}}},
	"cursor":   {{http.StatusBadRequest, []string{"invalid_value"}}},
	"If-Match": {{http.StatusPreconditionRequired, []string{"if_match_required"}},
		{http.StatusPreconditionFailed, []string{"stale_revision"}}},
}

// keyProblems are the problems of a route that takes an API key.
var keyProblems = []problemResponse{
	{http.StatusBadRequest, []string{"bearer_only"}},
	{http.StatusUnauthorized, []string{"key_required", "key_invalid"}},
	{http.StatusForbidden, []string{"role_forbidden"}},
	{http.StatusServiceUnavailable, []string{"no_store"}},
}

// caseRecordProblems are the problems of a route about one stored case.
var caseRecordProblems = []problemResponse{
	{http.StatusNotFound, []string{"case_not_found"}},
	{http.StatusGone, []string{"case_gone"}},
}

// patchProblems are the problems of a JSON Patch beyond those of the case it makes.
var patchProblems = []problemResponse{
	{http.StatusBadRequest, []string{"invalid_patch"}},
	{http.StatusConflict, []string{"patch_not_applicable"}},
	{http.StatusUnsupportedMediaType, []string{"not_json_patch"}},
	{http.StatusRequestEntityTooLarge, []string{"body_too_large"}},
	{http.StatusRequestTimeout, []string{"body_timeout"}},
	{http.StatusUnprocessableEntity, []string{"invalid_case", "too_many_problems"}},
	{http.StatusServiceUnavailable, []string{"busy", "timeout"}},
}

// patchSchema is the schema of a JSON Patch document.
func patchSchema() *openapi3.Schema {
	op := openapi3.NewObjectSchema().
		WithProperty("op", openapi3.NewStringSchema().WithEnum("add", "remove", "replace", "move", "copy", "test")).
		WithProperty("path", openapi3.NewStringSchema()).
		WithProperty("from", openapi3.NewStringSchema()).
		WithProperty("value", &openapi3.Schema{})
	op.Required = []string{"op", "path"}
	return openapi3.NewArraySchema().WithItems(op)
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
	"ETag":                "The number of the case's revision the answer is about, quoted: \"3\".",
	"Location":            "The path of the new case.",
	warningsHeader: "How many things the document holds that the case did not give (defaults, text in another " +
		"language); POST /v1/documents/{id}/check lists them.",
}

// parameters are the parameters routes may read, by name, their values taken from the
// catalogue and the locales: a document id, a format, a language or a code the service
// does not offer cannot be documented.
func parameters(langs []string, en *catalog.Locale) map[string]*openapi3.Parameter {
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
	for _, a := range catalog.Audiences() {
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
			coded(catalog.Audiences(), audienceWords)),
		"now": query("now", fmt.Sprintf("The moment the document is made at, RFC 3339 with an offset, in the years %d to %d: "+
			"it dates notices not sent yet and decides whether they are late; default the server's clock.",
			catalog.FirstNowYear, catalog.LastNowYear), openapi3.NewDateTimeSchema()),
		"fragment": query("fragment", "true: HTML without the page around it, to embed (style: /v1/assets/gdprdocs.css).",
			boolean),
		"strict": query("strict", "true: refuse a document that would print anything the case does not give — a default, "+
			"text in another language — with a problem at its path, instead of counting it in Gdprdocs-Warnings.", boolean),
		"annexes": query("annexes", "How the processing rules carry their annexes.", coded(catalog.AnnexesValues, annexWords)),
		"doc": {Name: "doc", In: openapi3.ParameterInPath, Required: true, Description: "The document, as GET /v1/documents lists it.",
			Schema: coded(ids, idWords).NewRef()},
		"case": {Name: "case", In: openapi3.ParameterInPath, Required: true, Description: "The id of a case of the key's workspace.",
			Schema: openapi3.NewStringSchema().NewRef()},
		"n": {Name: "n", In: openapi3.ParameterInPath, Required: true, Description: "The number of a revision of the case, from 1.",
			Schema: openapi3.NewIntegerSchema().WithMin(1).NewRef()},
		"key": {Name: "key", In: openapi3.ParameterInPath, Required: true, Description: "The id of a key of the workspace.",
			Schema: openapi3.NewStringSchema().NewRef()},
		"revision": query("revision", "The number of the revision to render, from 1; default the current one.",
			openapi3.NewIntegerSchema().WithMin(1)),
		"If-None-Match": {Name: "If-None-Match", In: openapi3.ParameterInHeader, Description: "The ETag of a document " +
			"rendered before: the same render answers 304 without a body.", Schema: openapi3.NewStringSchema().NewRef()},
		"auditCase":  query("case", "Keep the entries about this case.", openapi3.NewStringSchema()),
		"from":       query("from", "Keep the entries from this moment on (RFC 3339).", openapi3.NewDateTimeSchema()),
		"to":         query("to", "Keep the entries before this moment (RFC 3339).", openapi3.NewDateTimeSchema()),
		"caseName":   query("name", "The name of the case, for people; required.", openapi3.NewStringSchema()),
		"rename":     query("name", "A new name of the case; without it the case keeps its name.", openapi3.NewStringSchema()),
		"nameFilter": query("name", "Keep the cases whose name contains this, ignoring case.", openapi3.NewStringSchema()),
		"cursor": query("cursor", "The next of the previous page, passed back unchanged with the same query.",
			openapi3.NewStringSchema()),
		"limit": query("limit", fmt.Sprintf("The most items of a page, from 1; default %d, at most %d.", store.DefaultLimit,
			store.MaxLimit), openapi3.NewIntegerSchema().WithMin(1)),
		"If-Match": {Name: "If-Match", In: openapi3.ParameterInHeader, Required: true, Description: "The ETag of the " +
			"case's current revision, as a GET answers it (\"3\"), or * for whatever revision is current. Without it the " +
			"write is refused with 428; with another revision, with 412.", Schema: openapi3.NewStringSchema().NewRef()},
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
