package server

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
)

// isolationCall is a request to a route that takes a key, aimed at workspace a's case
// and key: the route's path with its parameters filled in, and a body it takes.
func isolationCall(t *testing.T, r route, method string, caseID, keyID string) (target string, body []byte, headers []string) {
	t.Helper()
	target = strings.NewReplacer(":case", caseID, ":doc", "breach-register", ":n", "1", ":key", keyID).Replace(r.path)
	if strings.Contains(target, ":") {
		t.Fatalf("%s: a path parameter the test does not fill", r.path)
	}
	headers = []string{"If-Match", `"1"`}
	switch {
	case method == http.MethodPatch:
		body = []byte(`[{"op":"replace","path":"/organisation/name","value":"Patched"}]`)
		headers = append(headers, "Content-Type", "application/json-patch+json")
	case r.doc.takesCase:
		body = sample(t, "lt")
		target += "?name=Copy"
	case r.doc.takesJSON != nil:
		body = []byte(`{"name":"k","role":"viewer"}`)
	}
	if strings.Contains(target, "/documents/") {
		target += "?format=csv"
	}
	return target, body, headers
}

// Every route that takes a key, found in the route table, refuses a request without
// one, refuses a key of too low a role with 403, and answers a key of another
// workspace, of any role, with 404 — or, on a route that names no case or key, with
// nothing of the other workspace — and never changes the other workspace's data
// (OWASP API1, API5). A key of a role high enough is served.
func TestIsolation(t *testing.T) {
	probe, _ := newServer(t, Config{})
	routes := 0
	for _, r := range probe.routes {
		if r.doc.auth == "" {
			continue
		}
		for _, method := range r.methods {
			routes++
			t.Run(method+" "+r.path, func(t *testing.T) {
				for _, role := range []store.Role{store.Viewer, store.Editor, store.Owner} {
					isolate(t, r, method, role)
				}
			})
		}
	}
	if routes < 13 {
		t.Errorf("only %d routes take a key", routes)
	}
}

// isolate calls the route with b's keys, with none, and with a's key of role.
func isolate(t *testing.T, r route, method string, role store.Role) {
	s, _, a, b := storeServer(t, Config{})
	info := createCase(t, s, a, "Secret")
	before := do(t, s, http.MethodGet, "/v1/cases/"+info.ID, nil, a.bearer(store.Viewer)...)
	target, body, headers := isolationCall(t, r, method, info.ID, a.keys[store.Viewer].Key.ID)
	names := strings.Contains(r.path, ":case") || strings.Contains(r.path, ":key")
	secrets := []string{info.ID, "Secret", a.ws.ID, a.keys[store.Viewer].Key.ID, a.keys[store.Owner].Key.ID,
		a.keys[store.Editor].Key.ID}

	res := do(t, s, method, target, body, headers...)
	if res.status != http.StatusUnauthorized {
		t.Errorf("no key: %d", res.status)
	}
	for _, other := range []store.Role{store.Viewer, store.Editor, store.Owner} {
		res := do(t, s, method, target, body, append(headers, b.bearer(other)...)...)
		switch {
		case rank[other] < rank[r.doc.auth]:
			if res.status != http.StatusForbidden {
				t.Errorf("b's %s: %d, want 403", other, res.status)
			}
		case names:
			if res.status != http.StatusNotFound {
				t.Errorf("b's %s: %d, want 404: %s", other, res.status, res.body)
			}
		case res.status >= 300:
			t.Errorf("b's %s: %d %s", other, res.status, res.body)
		}
		for _, secret := range secrets {
			if bytes.Contains(res.body, []byte(secret)) {
				t.Errorf("b's %s sees %q: %s", other, secret, res.body)
			}
		}
	}
	after := do(t, s, http.MethodGet, "/v1/cases/"+info.ID, nil, a.bearer(store.Viewer)...)
	if after.status != 200 || !bytes.Equal(after.body, before.body) || after.header.Get("ETag") != `"1"` {
		t.Errorf("a's case changed: %d %s", after.status, after.header.Get("ETag"))
	}
	if res := do(t, s, http.MethodGet, "/v1/cases", nil, a.bearer(store.Viewer)...); res.status != 200 {
		t.Errorf("a's viewer key was touched: %d", res.status)
	}

	res = do(t, s, method, target, body, append(headers, a.bearer(role)...)...)
	if rank[role] < rank[r.doc.auth] {
		if res.status != http.StatusForbidden {
			t.Errorf("a's %s: %d, want 403", role, res.status)
		}
	} else if res.status >= 300 {
		t.Errorf("a's %s: %d %s", role, res.status, res.body)
	}
}
