package archive_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/archive"
	"github.com/gdprdocs/gdprdocs/store/postgres"
	"github.com/gdprdocs/gdprdocs/store/sqlite"
	"github.com/gdprdocs/gdprdocs/store/storetest"
)

// filled is a SQLite store with a workspace worth moving: cases with several
// revisions, a deleted case, a revoked key, audit entries the caller appended, and a
// second workspace that must not come along.
func filled(t *testing.T) (store.Store, store.Workspace) {
	t.Helper()
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "source.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ws, owner, err := s.CreateWorkspace(ctx, store.Actor{}, "Konsultacijos UAB")
	if err != nil {
		t.Fatal(err)
	}
	other, _, _ := s.CreateWorkspace(ctx, store.Actor{}, "Not moved")
	if _, err := s.CreateCase(ctx, other.ID, store.Actor{}, store.Draft{Name: "Other's", Data: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	editor, err := s.CreateKey(ctx, ws.ID, store.Actor{Key: owner.Key.ID}, store.Editor, "website")
	if err != nil {
		t.Fatal(err)
	}
	by := store.Actor{Key: editor.Key.ID, RequestID: "req-7"}
	register, _ := s.CreateCase(ctx, ws.ID, by, store.Draft{Name: "Register", Data: []byte("{\n  \"organisation\": {\"name\": \"Žalgiris\"}\n}\n")})
	for i := range 3 {
		if _, err := s.PutCase(ctx, ws.ID, by, register.ID, i+1, store.Draft{Data: []byte(`{"breaches":[` + strings.Repeat(`{"reference":"A"},`, i) + `{"reference":"B"}]}`)}); err != nil {
			t.Fatal(err)
		}
	}
	gone, _ := s.CreateCase(ctx, ws.ID, by, store.Draft{Name: "Erased", Data: []byte(`{"secret":"x"}`)})
	if _, err := s.DeleteCase(ctx, ws.ID, by, gone.ID, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateCase(ctx, ws.ID, store.Actor{}, store.Draft{Name: "Notice <b>&</b>", Data: []byte(`{"a":1}`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RevokeKey(ctx, ws.ID, store.Actor{Key: owner.Key.ID}, editor.Key.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AppendAudit(ctx, ws.ID, store.AuditEntry{Action: "document.render", Case: register.ID, Revision: 4, RequestID: "req-8", Result: "200"}); err != nil {
		t.Fatal(err)
	}
	return s, ws
}

// through encodes a workspace of from, decodes the file and restores it into to.
func through(t *testing.T, from, to store.Store, id string) (store.Archive, store.Issued) {
	t.Helper()
	a, err := archive.Export(t.Context(), from, id)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := archive.Encode(&buf, a, time.Now()); err != nil {
		t.Fatal(err)
	}
	back, err := archive.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	_, owner, err := to.Restore(t.Context(), store.Actor{}, back)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	return a, owner
}

// TestRoundTrip moves a workspace from SQLite to PostgreSQL and back to SQLite and
// finds it as it was: every case, revision byte, time, key record and audit entry,
// plus each restore's own entries and keys.
func TestRoundTrip(t *testing.T) {
	src, ws := filled(t)
	ctx := t.Context()
	pg, err := postgres.Open(ctx, storetest.FreshSchema(t, storetest.PostgreSQL(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	dst, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "back.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()

	orig, _ := through(t, src, pg, ws.ID)
	_, owner := through(t, pg, dst, ws.ID)
	final, err := archive.Export(ctx, dst, ws.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(orig.Cases) != 2 || len(orig.Cases[0].Revisions) != 4 || orig.Cases[1].Case.Name != "Notice <b>&</b>" {
		t.Fatalf("exported cases %+v", orig.Cases)
	}
	if !reflect.DeepEqual(final.Workspace, orig.Workspace) || !reflect.DeepEqual(final.Cases, orig.Cases) {
		t.Errorf("after SQLite → PostgreSQL → SQLite:\n%+v\nwant\n%+v", final.Cases, orig.Cases)
	}
	// Each restore appended its own entry and issued an owner key; the rest is the same.
	if n := len(orig.Audit); len(final.Audit) != n+4 || !reflect.DeepEqual(withoutIDs(final.Audit[:n]), withoutIDs(orig.Audit)) {
		t.Errorf("audit after the round trip:\n%+v\nwant the original's\n%+v", final.Audit, orig.Audit)
	}
	for i, k := range orig.Keys {
		got := final.Keys[i]
		if got.ID != k.ID || got.Role != k.Role || got.Name != k.Name || got.Revoked.IsZero() {
			t.Errorf("key %d after the round trip = %+v, want %+v revoked", i, got, k)
		}
	}
	if k, err := dst.Authenticate(ctx, owner.Secret); err != nil || k.Workspace != ws.ID {
		t.Errorf("the last restore's owner key: %+v, %v", k, err)
	}
	if all, _ := dst.Workspaces(ctx); len(all) != 1 {
		t.Errorf("workspaces after the move: %+v, want only the one moved", all)
	}
	if _, _, err := pg.Restore(ctx, store.Actor{}, orig); !errors.Is(err, store.ErrExists) {
		t.Errorf("restoring twice: %v, want ErrExists", err)
	}
}

func withoutIDs(entries []store.AuditEntry) []store.AuditEntry {
	out := make([]store.AuditEntry, len(entries))
	for i, e := range entries {
		e.ID = 0
		out[i] = e
	}
	return out
}

// TestDecodeRefuses: a file of another format or with foreign fields is not read.
func TestDecodeRefuses(t *testing.T) {
	for _, tc := range []struct{ name, file string }{
		{"not JSON", "PK\x03\x04"},
		{"no format", `{"workspace":{}}`},
		{"another format", `{"format":"gdprdocs-workspace/9"}`},
		{"unknown field", `{"format":"gdprdocs-workspace/1","secret":"gdp_x"}`},
		{"trailing data", `{"format":"gdprdocs-workspace/1"} {}`},
	} {
		if _, err := archive.Decode(strings.NewReader(tc.file)); err == nil {
			t.Errorf("%s: Decode accepted %q", tc.name, tc.file)
		}
	}
	var fe *archive.FormatError
	if _, err := archive.Decode(strings.NewReader(`{"format":"gdprdocs-workspace/9"}`)); !errors.As(err, &fe) || fe.Format != "gdprdocs-workspace/9" {
		t.Errorf("another format: %v, want a FormatError naming it", err)
	}
}

// TestEncodeRefusesNonUTF8: data that a JSON string would not carry byte for byte is
// refused rather than changed.
func TestEncodeRefusesNonUTF8(t *testing.T) {
	a := store.Archive{Cases: []store.ArchivedCase{{Case: store.Case{ID: "case_x", Revision: 1}, Revisions: []store.Revision{{N: 1, Data: []byte("{\"a\":\"\xff\"}")}}}}}
	if err := archive.Encode(&bytes.Buffer{}, a, time.Now()); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("Encode of non-UTF-8 data: %v", err)
	}
}
