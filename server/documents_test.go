package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
)

// A stored case renders as the same case posted renders, with the same errors; its
// ETag follows the revision and the parameters, and If-None-Match spares the render.
func TestStoredDocument(t *testing.T) {
	s, _, a, _ := storeServer(t, Config{})
	vw := a.bearer(store.Viewer)
	info := createCase(t, s, a, "Acme")
	const q = "?lang=nl&format=md&now=2026-11-21T10:00:00Z"
	path := "/v1/cases/" + info.ID + "/documents/breach-authority-notice"
	posted := do(t, s, http.MethodPost, "/v1/documents/breach-authority-notice"+q, sample(t, "lt"))
	r := do(t, s, http.MethodGet, path+q, nil, vw...)
	if r.status != 200 || string(r.body) != string(posted.body) || r.header.Get("Content-Disposition") != posted.header.Get("Content-Disposition") {
		t.Fatalf("%d %s", r.status, r.body)
	}
	tag := r.header.Get("ETag")
	if again := do(t, s, http.MethodGet, path+q, nil, append([]string{"If-None-Match", tag}, vw...)...); again.status != 304 || len(again.body) != 0 {
		t.Errorf("If-None-Match: %d", again.status)
	}
	other := do(t, s, http.MethodGet, path+"?lang=en&format=md&now=2026-11-21T10:00:00Z", nil, append([]string{"If-None-Match", tag}, vw...)...)
	if other.status != 200 || other.header.Get("ETag") == tag {
		t.Errorf("another language: %d %q", other.status, other.header.Get("ETag"))
	}
	// A new revision makes a new tag; ?revision=1 still renders the first.
	if w := do(t, s, http.MethodPut, "/v1/cases/"+info.ID, sample(t, "nl"), append([]string{"If-Match", `"1"`}, a.bearer(store.Editor)...)...); w.status != 200 {
		t.Fatalf("put: %d %s", w.status, w.body)
	}
	if r := do(t, s, http.MethodGet, path+q, nil, append([]string{"If-None-Match", tag}, vw...)...); r.status != 200 {
		t.Errorf("after a write: %d", r.status)
	}
	if r := do(t, s, http.MethodGet, path+q+"&revision=1", nil, vw...); r.status != 200 || string(r.body) != string(posted.body) || r.header.Get("ETag") != tag {
		t.Errorf("revision 1: %d %q", r.status, r.header.Get("ETag"))
	}
	// The errors of a render.
	for target, code := range map[string]string{
		"/v1/cases/" + info.ID + "/documents/nope":   "unknown_document",
		path + "?format=docx":                        "unknown_format",
		path + "?lang=xx":                            "unknown_language",
		path + "?revision=0":                         "invalid_revision",
		path + "?revision=7":                         "revision_not_found",
		path + "?breach=NOPE":                        "invalid_case",
		"/v1/cases/nosuch/documents/breach-register": "case_not_found",
	} {
		if p := decodeProblem(t, do(t, s, http.MethodGet, target, nil, vw...)); p.Code != code {
			t.Errorf("%s: %s, want %s", target, p.Code, code)
		}
	}
}

// The audit log holds an entry per accepted write and per render from a stored case,
// with the key and request id, and no case data; only owners read it.
func TestAudit(t *testing.T) {
	s, _, a, _ := storeServer(t, Config{})
	info := createCase(t, s, a, "Acme")
	r := do(t, s, http.MethodGet, "/v1/cases/"+info.ID+"/documents/breach-register?format=csv", nil, a.bearer(store.Viewer)...)
	if r.status != 200 {
		t.Fatalf("render: %d", r.status)
	}
	renderID := r.header.Get("X-Request-Id")
	do(t, s, http.MethodGet, "/v1/cases/"+info.ID+"/documents/breach-authority-notice?breach=NOPE", nil, a.bearer(store.Viewer)...)
	if r := do(t, s, http.MethodGet, "/v1/audit", nil, a.bearer(store.Editor)...); r.status != 403 {
		t.Errorf("editor: %d", r.status)
	}
	r = do(t, s, http.MethodGet, "/v1/audit?case="+info.ID, nil, a.bearer(store.Owner)...)
	var log auditList
	if r.status != 200 || json.Unmarshal(r.body, &log) != nil || len(log.Entries) != 3 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	failed, rendered, created := log.Entries[0], log.Entries[1], log.Entries[2]
	if created.Action != store.ActionCaseCreate || created.Key != a.keys[store.Editor].Key.ID || created.Revision != 1 || created.RequestID == "" {
		t.Errorf("create: %+v", created)
	}
	if rendered.Action != ActionRender || rendered.Key != a.keys[store.Viewer].Key.ID || rendered.RequestID != renderID ||
		rendered.Result != "ok" || rendered.Case != info.ID {
		t.Errorf("render: %+v", rendered)
	}
	if failed.Result != "422" {
		t.Errorf("failed render: %+v", failed)
	}
	if strings.Contains(string(r.body), "Acme") {
		t.Errorf("the audit log holds case data: %s", r.body)
	}
	for _, q := range []string{"from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z", "case=nosuch"} {
		r := do(t, s, http.MethodGet, "/v1/audit?"+q, nil, a.bearer(store.Owner)...)
		if json.Unmarshal(r.body, &log) != nil || len(log.Entries) != 0 {
			t.Errorf("%s: %s", q, r.body)
		}
	}
	if p := decodeProblem(t, do(t, s, http.MethodGet, "/v1/audit?from=yesterday", nil, a.bearer(store.Owner)...)); p.Code != "invalid_time" {
		t.Errorf("bad time: %+v", p)
	}
}
