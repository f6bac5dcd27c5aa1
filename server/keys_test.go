package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/gdprdocs/gdprdocs/store"
)

func TestKeys(t *testing.T) {
	s, _, a, _ := storeServer(t, Config{})
	own := a.bearer(store.Owner)
	r := do(t, s, http.MethodPost, "/v1/keys", []byte(`{"name":"CI","role":"viewer"}`), own...)
	var issued issuedKey
	if r.status != 201 || json.Unmarshal(r.body, &issued) != nil || issued.Secret == "" || issued.Key.Role != store.Viewer ||
		!strings.HasPrefix(issued.Secret, issued.Key.Prefix) {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	fresh := []string{"Authorization", "Bearer " + issued.Secret}
	if r := do(t, s, http.MethodGet, "/v1/cases", nil, fresh...); r.status != 200 {
		t.Errorf("the new key: %d", r.status)
	}
	for _, body := range []string{`{"name":"x","role":"admin"}`, `{"role":"viewer"}`, `{"name":"x","role":"viewer","extra":1}`, `[]`} {
		if p := decodeProblem(t, do(t, s, http.MethodPost, "/v1/keys", []byte(body), own...)); p.Code != "invalid_key_request" {
			t.Errorf("%s: %+v", body, p)
		}
	}
	r = do(t, s, http.MethodGet, "/v1/keys", nil, own...)
	var list keyList
	if json.Unmarshal(r.body, &list) != nil || len(list.Keys) != 4 || strings.Contains(string(r.body), issued.Secret) {
		t.Fatalf("list: %s", r.body)
	}
	if r := do(t, s, http.MethodDelete, "/v1/keys/"+issued.Key.ID, nil, own...); r.status != 200 || !strings.Contains(string(r.body), `"revoked"`) {
		t.Errorf("revoke: %d %s", r.status, r.body)
	}
	if r := do(t, s, http.MethodGet, "/v1/cases", nil, fresh...); r.status != 401 {
		t.Errorf("the revoked key: %d", r.status)
	}
	if p := decodeProblem(t, do(t, s, http.MethodDelete, "/v1/keys/"+a.keys[store.Owner].Key.ID, nil, own...)); p.Code != "last_owner_key" || p.Status != 409 {
		t.Errorf("the last owner key: %+v", p)
	}
	if p := decodeProblem(t, do(t, s, http.MethodDelete, "/v1/keys/nosuch", nil, own...)); p.Code != "key_not_found" {
		t.Errorf("made-up id: %+v", p)
	}
	r = do(t, s, http.MethodGet, "/v1/audit", nil, own...)
	if !strings.Contains(string(r.body), store.ActionKeyRevoke) || !strings.Contains(string(r.body), store.ActionKeyCreate) {
		t.Errorf("audit: %s", r.body)
	}
}
