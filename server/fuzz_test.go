package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"
)

// FuzzHandler sends arbitrary documents, formats, parameters and bodies to the render
// route. Whatever arrives, the server answers with a status the API documents — never
// a 500 — and every error is a problem document with a code.
func FuzzHandler(f *testing.F) {
	lt, err := os.ReadFile("../samples/lt-breach.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add("breach-authority-notice", "pdf", "lt", "", "2026-11-21T10:00:00Z", lt)
	f.Add("processing-records", "csv", "nl", "", "", lt)
	f.Add("registers", "xlsx", "en", "PAŽ-2026-03", "0001-01-01T00:00:00Z", lt)
	f.Add("cookie-policy", "html", "xx", "", "yesterday", []byte(`{"organisation":{"name":"x","jurisdiction":"LT","cookies":[]}}`))
	f.Add("../../etc/passwd", "md", "lt", "%00", "", []byte(`{`))
	f.Add("review-act", "md", "lt", "", "", []byte("\xef\xbb\xbf{}"))
	allowed := map[int]bool{200: true, 400: true, 404: true, 406: true, 413: true, 415: true, 422: true, 503: true}
	s := New(svc, Config{BodyLimit: 1 << 20}, slog.New(slog.NewJSONHandler(io.Discard, nil)))
	s.now = func() time.Time { return time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC) }
	f.Fuzz(func(t *testing.T, doc, format, lang, breach, now string, body []byte) {
		q := url.Values{"format": {format}, "lang": {lang}, "breach": {breach}, "now": {now}}
		r := do(t, s, "POST", "/v1/documents/"+url.PathEscape(doc)+"?"+q.Encode(), body, "Content-Type", "application/json")
		if !allowed[r.status] {
			t.Fatalf("status %d for %s as %s: %s", r.status, doc, format, r.body)
		}
		if r.status != 200 {
			var p struct{ Code string }
			if err := json.Unmarshal(r.body, &p); err != nil || p.Code == "" {
				t.Fatalf("status %d without a problem code: %s", r.status, r.body)
			}
		}
	})
}
