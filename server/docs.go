package server

import (
	"bytes"
	"html/template"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
)

// openapi is GET /v1/openapi.json.
func (s *Server) openapi(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, s.ref.openapi)
}

// docs is GET /docs: the reference page, made on the server from the OpenAPI
// document. It runs no script and loads nothing but the documents' stylesheet.
func (s *Server) docs(c echo.Context) error {
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=3600")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	return c.HTMLBlob(http.StatusOK, s.ref.page)
}

// docsOperation is one operation as the page shows it.
type docsOperation struct {
	Method, Path string
	Head         bool // HEAD is served too
	Op           *openapi3.Operation
	Responses    []docsResponse
}

// docsResponse is one response of an operation.
type docsResponse struct {
	Status      string
	Description string
	Media       []string
	Codes       []string // the problem codes of a problem response
}

// docsField is one field of the case format as the page shows it.
type docsField struct {
	Path, Type, Description string
	Required, Text          bool
	Codes                   []docsCode
	Open                    bool // the codes are suggestions: free text is taken too
}

// docsCode is a value with what it stands for.
type docsCode struct{ Code, Meaning string }

// docsPage is the reference page of doc, its paths in the order given, with the fields
// of the case schema.
func docsPage(doc *openapi3.T, paths []string, schema map[string]any) ([]byte, error) {
	var ops []docsOperation
	for _, path := range paths {
		item := doc.Paths.Value(path)
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			op := item.GetOperation(m)
			if op == nil {
				continue
			}
			d := docsOperation{Method: m, Path: path, Head: item.Head != nil, Op: op}
			for _, status := range slices.Sorted(maps.Keys(op.Responses.Map())) {
				r := op.Responses.Value(status).Value
				dr := docsResponse{Status: status, Description: *r.Description}
				for mt := range r.Content {
					dr.Media = append(dr.Media, mt)
				}
				slices.Sort(dr.Media)
				if codes, ok := r.Extensions["x-problem-codes"].([]string); ok {
					code, _ := strconv.Atoi(status)
					dr.Description, dr.Codes = http.StatusText(code)+".", codes
				}
				d.Responses = append(d.Responses, dr)
			}
			ops = append(ops, d)
		}
	}
	var buf bytes.Buffer
	err := docsTemplate.Execute(&buf, map[string]any{"Info": doc.Info, "Ops": ops, "Fields": docsFields(schema, "", nil)})
	return buf.Bytes(), err
}

// docsFields lists the fields of an object schema and of the objects within, depth
// first in the order of the names, each by its JSON pointer ("[]" for any item).
func docsFields(s map[string]any, path string, required []string) []docsField {
	props, _ := s["properties"].(map[string]any)
	req, _ := s["required"].([]string)
	var out []docsField
	for _, name := range slices.Sorted(maps.Keys(props)) {
		p := props[name].(map[string]any)
		f := docsField{Path: path + "/" + name, Required: slices.Contains(req, name)}
		f.Description, _ = p["description"].(string)
		node, list := p, ""
		if items, ok := p["items"].(map[string]any); ok {
			node, list = items, "list of "
		}
		if oneOf, ok := node["oneOf"].([]any); ok {
			f.Text = true
			node = oneOf[0].(map[string]any)
		}
		typ, _ := node["type"].(string)
		if format, ok := node["format"].(string); ok {
			typ = format
		}
		f.Type = list + typ
		if f.Text {
			f.Type = list + "text"
		}
		codes, _ := node["enum"].([]string)
		if codes == nil && node["format"] == nil {
			codes, _ = node["examples"].([]string)
			f.Open = codes != nil
		}
		meanings, _ := node["x-enumDescriptions"].(map[string]string)
		for _, c := range codes {
			f.Codes = append(f.Codes, docsCode{c, meanings[c]})
		}
		out = append(out, f)
		if typ == "object" {
			sub := path + "/" + name
			if list != "" {
				sub += "/[]"
			}
			out = append(out, docsFields(node, sub, nil)...)
		}
	}
	return out
}

var docsTemplate = template.Must(template.New("docs").Funcs(template.FuncMap{
	"lower":  strings.ToLower,
	"schema": paramSchema,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Info.Title}} API reference</title>
<link rel="stylesheet" href="/v1/assets/gdprdocs.css">
</head>
<body>
<main class="gdprdocs">
<h1>{{.Info.Title}} API reference</h1>
<p>{{.Info.Description}}</p>
<p>The machine-readable form of this page is the OpenAPI 3.1 document at <a href="/v1/openapi.json">/v1/openapi.json</a>; the case format alone is the JSON Schema at <a href="/v1/schema">/v1/schema</a>.</p>
<h2 id="operations">Operations</h2>
<ul>
{{- range .Ops}}
<li><a href="#{{.Op.OperationID}}"><code>{{.Method}} {{.Path}}</code></a> — {{.Op.Summary}}</li>
{{- end}}
<li><a href="#case">The case format</a></li>
</ul>
{{- range .Ops}}
<h2 id="{{.Op.OperationID}}"><code>{{.Method}} {{.Path}}</code></h2>
<p><strong>{{.Op.Summary}}.</strong>{{with .Op.Description}} {{.}}{{end}}{{if .Head}} HEAD answers the same headers without the body.{{end}}</p>
{{- with .Op.Parameters}}
<h3>Parameters</h3>
<table>
<thead><tr><th>Name</th><th>In</th><th>Description</th><th>Values</th></tr></thead>
<tbody>
{{- range .}}{{with .Value}}
<tr><td><code>{{.Name}}</code>{{if .Required}} (required){{end}}</td><td>{{.In}}</td><td>{{.Description}}</td><td>{{template "values" schema .}}</td></tr>
{{- end}}{{end}}
</tbody>
</table>
{{- end}}
{{- if .Op.RequestBody}}
<h3>Request body</h3>
<p>{{.Op.RequestBody.Value.Description}}{{with index .Op.RequestBody.Value.Content "application/json"}}{{if eq .Schema.Ref "#/components/schemas/Case"}} See <a href="#case">the case format</a>.{{end}}{{end}}</p>
{{- end}}
<h3>Responses</h3>
<table>
<thead><tr><th>Status</th><th>Description</th><th>Media type</th></tr></thead>
<tbody>
{{- range .Responses}}
<tr><td>{{.Status}}</td><td>{{.Description}}{{with .Codes}}<br>Problem codes: {{range $i, $c := .}}{{if $i}}, {{end}}<code>{{$c}}</code>{{end}}{{end}}</td><td>{{range $i, $m := .Media}}{{if $i}}, {{end}}<code>{{$m}}</code>{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
<h2 id="case">The case format</h2>
<p>Every field of a case, by its JSON pointer (<code>[]</code> stands for any item of a list). A <em>text</em> is free text in the document's language: a string, or an object of language code to text (<code>{"lt": "…", "en": "…"}</code>), of which a document prints its own language's. A field with codes takes one of them; where the codes are marked <em>or free text</em>, any other string is printed as given.</p>
<table>
<thead><tr><th>Field</th><th>Type</th><th>Description</th><th>Codes</th></tr></thead>
<tbody>
{{- range .Fields}}
<tr id="field{{.Path}}"><td><code>{{.Path}}</code>{{if .Required}} (required){{end}}</td><td>{{.Type}}</td><td>{{.Description}}</td><td>{{if .Codes}}{{if .Open}}<em>or free text</em>{{end}}<dl>{{range .Codes}}<dt><code>{{.Code}}</code></dt><dd>{{.Meaning}}</dd>{{end}}</dl>{{end}}</td></tr>
{{- end}}
</tbody>
</table>
</main>
</body>
</html>
{{define "values"}}{{with .Codes}}<dl>{{range .}}<dt><code>{{.Code}}</code></dt><dd>{{.Meaning}}</dd>{{end}}</dl>{{else}}{{.Type}}{{end}}{{end}}
`))

// paramValues are the values a parameter takes, as the page shows them.
type paramValues struct {
	Type  string
	Codes []docsCode
}

// paramSchema is what a parameter's schema says of its values: its codes with their
// meanings, else its type and format.
func paramSchema(p *openapi3.Parameter) paramValues {
	s := p.Schema.Value
	v := paramValues{Type: strings.Join(s.Type.Slice(), ", ")}
	if s.Format != "" {
		v.Type = s.Format
	}
	meanings, _ := s.Extensions["x-enumDescriptions"].(map[string]string)
	for _, c := range s.Enum {
		code, _ := c.(string)
		v.Codes = append(v.Codes, docsCode{code, meanings[code]})
	}
	return v
}
