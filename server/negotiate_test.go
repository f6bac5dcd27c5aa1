package server

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/gdprdocs/gdprdocs/catalog"
)

// Accept is read as RFC 9110 says: the most preferred media type the document is
// offered in wins, whatever the order; q=0 refuses a type; type/* takes the document's
// first format of that type.
func TestNegotiateFormat(t *testing.T) {
	doc, _ := catalog.Lookup("breach-authority-notice") // pdf, md, html, xlsx
	tests := []struct {
		accept string
		want   catalog.Format // "" for 406
	}{
		{"", catalog.PDF},
		{"text/markdown", catalog.Markdown},
		{"text/markdown; charset=utf-8", catalog.Markdown},
		{"text/html;q=0.1, application/pdf", catalog.PDF},
		{"application/pdf;q=0, text/markdown", catalog.Markdown},
		{"application/pdf;q=0", ""},
		{"text/*", catalog.Markdown},
		{"image/png, text/*;q=0.5, text/html", catalog.HTML},
		{"*/*", catalog.PDF},
		{"*/*;q=0.1, text/html", catalog.HTML},
		{"application/*", catalog.PDF},
		{"image/png", ""},
		{"text/csv", ""},
		{"text/html;q=abc", catalog.HTML},
	}
	e := echo.New()
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodPost, "/", nil)
		if tt.accept != "" {
			req.Header.Set(echo.HeaderAccept, tt.accept)
		}
		got, err := negotiateFormat(e.NewContext(req, httptest.NewRecorder()), doc)
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("Accept %q: %q, %v; want %q", tt.accept, got, err, tt.want)
		}
	}
}
