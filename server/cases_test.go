package server

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/database"
)

// tenant is a workspace of a test store with a key of every role.
type tenant struct {
	ws   store.Workspace
	keys map[store.Role]store.Issued
}

// bearer is the Authorization header of the tenant's key of role r.
func (tn tenant) bearer(r store.Role) []string {
	return []string{"Authorization", "Bearer " + tn.keys[r].Secret}
}

// storeServer is a server over a new SQLite store with two workspaces, a and b.
func storeServer(t *testing.T, cfg Config) (s *Server, st store.Store, a, b tenant) {
	t.Helper()
	st, err := database.Open(t.Context(), filepath.Join(t.TempDir(), "gdprdocs.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	mk := func(name string) tenant {
		ws, owner, err := st.CreateWorkspace(t.Context(), store.Actor{}, name)
		if err != nil {
			t.Fatal(err)
		}
		tn := tenant{ws: ws, keys: map[store.Role]store.Issued{store.Owner: owner}}
		for _, r := range []store.Role{store.Editor, store.Viewer} {
			if tn.keys[r], err = st.CreateKey(t.Context(), ws.ID, store.Actor{}, r, string(r)); err != nil {
				t.Fatal(err)
			}
		}
		return tn
	}
	a, b = mk("A"), mk("B")
	cfg.Store = st
	s, _ = newServer(t, cfg)
	return s, st, a, b
}

// createCase stores a sample case in tn's workspace and returns its record.
func createCase(t *testing.T, s *Server, tn tenant, name string) caseInfo {
	t.Helper()
	r := do(t, s, http.MethodPost, "/v1/cases?name="+name, sample(t, "lt"), tn.bearer(store.Editor)...)
	var info caseInfo
	if r.status != http.StatusCreated || json.Unmarshal(r.body, &info) != nil || info.Revision != 1 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	if r.header.Get("ETag") != `"1"` || r.header.Get("Location") != "/v1/cases/"+info.ID {
		t.Errorf("create: ETag %q, Location %q", r.header.Get("ETag"), r.header.Get("Location"))
	}
	return info
}

func TestAuthentication(t *testing.T) {
	s, st, a, _ := storeServer(t, Config{})
	r := do(t, s, http.MethodGet, "/v1/cases?lang=nl", nil)
	if p := decodeProblem(t, r); r.status != 401 || p.Code != "key_required" || r.header.Get("WWW-Authenticate") == "" ||
		r.header.Get("Content-Language") != "nl" {
		t.Errorf("no key: %d %+v %q", r.status, p, r.header.Get("WWW-Authenticate"))
	}
	r = do(t, s, http.MethodGet, "/v1/cases", nil, "Authorization", "Bearer gdp_nonsense")
	if p := decodeProblem(t, r); r.status != 401 || p.Code != "key_invalid" ||
		!strings.Contains(r.header.Get("WWW-Authenticate"), "invalid_token") {
		t.Errorf("bad key: %d %+v", r.status, p)
	}
	r = do(t, s, http.MethodGet, "/v1/cases", nil, "Authorization", "Basic "+a.keys[store.Owner].Secret)
	if p := decodeProblem(t, r); r.status != 400 || p.Code != "bearer_only" {
		t.Errorf("basic: %d %+v", r.status, p)
	}
	if r := do(t, s, http.MethodGet, "/v1/cases", nil, a.bearer(store.Viewer)...); r.status != 200 {
		t.Errorf("viewer: %d %s", r.status, r.body)
	}
	r = do(t, s, http.MethodPost, "/v1/cases?name=x", sample(t, "lt"), a.bearer(store.Viewer)...)
	if p := decodeProblem(t, r); r.status != 403 || p.Code != "role_forbidden" {
		t.Errorf("viewer writes: %d %+v", r.status, p)
	}
	if _, err := st.RevokeKey(t.Context(), a.ws.ID, store.Actor{}, a.keys[store.Viewer].Key.ID); err != nil {
		t.Fatal(err)
	}
	if r := do(t, s, http.MethodGet, "/v1/cases", nil, a.bearer(store.Viewer)...); r.status != 401 {
		t.Errorf("revoked: %d %s", r.status, r.body)
	}
}

// The stateless routes take no key unless RequireKey; then any role's.
func TestRequireKey(t *testing.T) {
	s, _, a, _ := storeServer(t, Config{RequireKey: true})
	const path = "/v1/documents/breach-authority-notice?format=md"
	if r := do(t, s, http.MethodPost, path, sample(t, "lt")); r.status != 401 {
		t.Errorf("without a key: %d", r.status)
	}
	if r := do(t, s, http.MethodPost, path, sample(t, "lt"), a.bearer(store.Viewer)...); r.status != 200 {
		t.Errorf("viewer: %d %s", r.status, r.body)
	}
	open, _ := newServer(t, Config{})
	if r := do(t, open, http.MethodPost, path, sample(t, "lt")); r.status != 200 {
		t.Errorf("open: %d", r.status)
	}
}

// Without a store the stateless routes work and the stored ones answer 503.
func TestNoStore(t *testing.T) {
	s, _ := newServer(t, Config{})
	r := do(t, s, http.MethodGet, "/v1/cases", nil, "Authorization", "Bearer x")
	if p := decodeProblem(t, r); r.status != 503 || p.Code != "no_store" || r.header.Get("Retry-After") != "" {
		t.Errorf("%d %+v", r.status, p)
	}
}

func TestCaseLifecycle(t *testing.T) {
	s, _, a, _ := storeServer(t, Config{})
	ed := a.bearer(store.Editor)
	info := createCase(t, s, a, "Acme")
	path := "/v1/cases/" + info.ID

	r := do(t, s, http.MethodGet, path, nil, a.bearer(store.Viewer)...)
	if r.status != 200 || r.header.Get("ETag") != `"1"` || string(r.body) != string(sample(t, "lt")) {
		t.Fatalf("get: %d %q", r.status, r.header.Get("ETag"))
	}
	// A write without If-Match, and one over a stale revision, are refused.
	if p := decodeProblem(t, do(t, s, http.MethodPut, path, sample(t, "nl"), ed...)); p.Status != 428 || p.Code != "if_match_required" {
		t.Errorf("no If-Match: %+v", p)
	}
	put := append([]string{"If-Match", `"1"`}, ed...)
	r = do(t, s, http.MethodPut, path+"?name=Acme+BV", sample(t, "nl"), put...)
	if r.status != 200 || r.header.Get("ETag") != `"2"` || !strings.Contains(string(r.body), `"name":"Acme BV"`) {
		t.Fatalf("put: %d %s", r.status, r.body)
	}
	if p := decodeProblem(t, do(t, s, http.MethodPut, path, sample(t, "nl"), put...)); p.Status != 412 || p.Code != "stale_revision" {
		t.Errorf("stale: %+v", p)
	}
	// An invalid case is refused as a render refuses it, at its path.
	r = do(t, s, http.MethodPut, path, []byte(`{"organisation":{"name":""},"breaches":[{}]}`), "If-Match", `"2"`, ed[0], ed[1])
	if p := decodeProblem(t, r); r.status != 422 || p.Code != "invalid_case" || len(p.Errors) == 0 {
		t.Errorf("invalid: %d %s", r.status, r.body)
	}
	r = do(t, s, http.MethodPost, "/v1/cases?name=x", []byte(`{"breaches":[{"risk":"severe"}]}`), ed...)
	if p := decodeProblem(t, r); r.status != 422 || !strings.Contains(string(r.body), "/breaches/0/risk") {
		t.Errorf("invalid create: %d %+v", r.status, p)
	}
	if p := decodeProblem(t, do(t, s, http.MethodPost, "/v1/cases", sample(t, "lt"), ed...)); p.Code != "name_required" {
		t.Errorf("no name: %+v", p)
	}

	// Revisions: both kept, the first as it was.
	r = do(t, s, http.MethodGet, path+"/revisions", nil, ed...)
	var revs revisionList
	if json.Unmarshal(r.body, &revs) != nil || len(revs.Revisions) != 2 || revs.Revisions[0].Revision != 2 ||
		revs.Revisions[1].Key != a.keys[store.Editor].Key.ID {
		t.Errorf("revisions: %d %s", r.status, r.body)
	}
	r = do(t, s, http.MethodGet, path+"/revisions/1", nil, ed...)
	if r.status != 200 || r.header.Get("ETag") != `"1"` || string(r.body) != string(sample(t, "lt")) {
		t.Errorf("revision 1: %d", r.status)
	}
	if p := decodeProblem(t, do(t, s, http.MethodGet, path+"/revisions/9", nil, ed...)); p.Code != "revision_not_found" {
		t.Errorf("revision 9: %+v", p)
	}

	// The list, filtered by name and paged.
	createCase(t, s, a, "Other")
	r = do(t, s, http.MethodGet, "/v1/cases?name=acme&limit=1", nil, ed...)
	var list caseList
	if json.Unmarshal(r.body, &list) != nil || len(list.Cases) != 1 || list.Cases[0].ID != info.ID {
		t.Errorf("list: %d %s", r.status, r.body)
	}
	r = do(t, s, http.MethodGet, "/v1/cases?limit=1", nil, ed...)
	if json.Unmarshal(r.body, &list) != nil || len(list.Cases) != 1 || list.Next == "" {
		t.Fatalf("page 1: %s", r.body)
	}
	r = do(t, s, http.MethodGet, "/v1/cases?limit=1&cursor="+list.Next, nil, ed...)
	if json.Unmarshal(r.body, &list) != nil || len(list.Cases) != 1 || list.Cases[0].ID != info.ID {
		t.Errorf("page 2: %s", r.body)
	}
	for _, q := range []string{"limit=0", "limit=x", "cursor=forged"} {
		if r := do(t, s, http.MethodGet, "/v1/cases?"+q, nil, ed...); r.status != 400 {
			t.Errorf("%s: %d %s", q, r.status, r.body)
		}
	}

	// Delete erases: the case is gone, with its revisions.
	if p := decodeProblem(t, do(t, s, http.MethodDelete, path, nil, ed...)); p.Status != 428 {
		t.Errorf("delete without If-Match: %+v", p)
	}
	if r := do(t, s, http.MethodDelete, path, nil, append([]string{"If-Match", `"2"`}, ed...)...); r.status != 200 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	for _, p := range []string{path, path + "/revisions", path + "/revisions/1"} {
		if r := do(t, s, http.MethodGet, p, nil, ed...); r.status != 410 || decodeProblem(t, r).Code != "case_gone" {
			t.Errorf("%s after delete: %d", p, r.status)
		}
	}
	if r := do(t, s, http.MethodGet, "/v1/cases/nosuchcase", nil, ed...); r.status != 404 {
		t.Errorf("made-up id: %d", r.status)
	}
}

func TestPatchCase(t *testing.T) {
	s, _, a, _ := storeServer(t, Config{})
	ed := a.bearer(store.Editor)
	info := createCase(t, s, a, "Acme")
	path := "/v1/cases/" + info.ID
	patch := func(body, ifMatch, ct string) response {
		h := append([]string{"Content-Type", ct}, ed...)
		if ifMatch != "" {
			h = append(h, "If-Match", ifMatch)
		}
		return do(t, s, http.MethodPatch, path, []byte(body), h...)
	}
	const jp = "application/json-patch+json"
	var before map[string]any
	json.Unmarshal(sample(t, "lt"), &before)
	breaches := before["breaches"].([]any)
	added, _ := json.Marshal(map[string]any{"op": "add", "path": "/breaches/-", "value": breaches[0]})

	if r := patch("["+string(added)+"]", `"1"`, "application/json"); r.status != 415 {
		t.Errorf("as JSON: %d", r.status)
	}
	if r := patch("["+string(added)+"]", "", jp); r.status != 428 {
		t.Errorf("no If-Match: %d", r.status)
	}
	if r := patch(`{"op":"add"}`, `"1"`, jp); r.status != 400 || decodeProblem(t, r).Code != "invalid_patch" {
		t.Errorf("not a patch: %d %s", r.status, r.body)
	}
	if r := patch(`[{"op":"remove","path":"/nothing"}]`, `"1"`, jp); r.status != 409 {
		t.Errorf("missing path: %d %s", r.status, r.body)
	}
	if r := patch(`[{"op":"test","path":"/organisation/name","value":"not it"}]`, `"1"`, jp); r.status != 409 {
		t.Errorf("failed test: %d %s", r.status, r.body)
	}
	if r := patch(`[{"op":"replace","path":"/breaches/0/risk","value":"severe"}]`, `"1"`, jp); r.status != 422 ||
		!strings.Contains(string(r.body), "/breaches/0/risk") {
		t.Errorf("invalid result: %d %s", r.status, r.body)
	}
	r := patch("["+string(added)+"]", `"1"`, jp)
	if r.status != 200 || r.header.Get("ETag") != `"2"` {
		t.Fatalf("append: %d %s", r.status, r.body)
	}
	if r := patch("["+string(added)+"]", `"1"`, jp); r.status != 412 {
		t.Errorf("stale: %d", r.status)
	}
	var after map[string]any
	json.Unmarshal(do(t, s, http.MethodGet, path, nil, ed...).body, &after)
	if got := len(after["breaches"].([]any)); got != len(breaches)+1 {
		t.Errorf("%d breaches after appending to %d", got, len(breaches))
	}
}

// With a store, GET /readyz checks that it answers.
func TestReadyChecksStore(t *testing.T) {
	s, st, _, _ := storeServer(t, Config{})
	if r := do(t, s, http.MethodGet, "/readyz", nil); r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	st.Close()
	if r := do(t, s, http.MethodGet, "/readyz", nil); r.status != 503 || !strings.Contains(string(r.body), `"store"`) {
		t.Errorf("closed store: %d %s", r.status, r.body)
	}
}
