// Package storetest is the contract every store.Store must keep, as tests: each
// implementation runs Run against an empty database of its own, so that SQLite and
// PostgreSQL are held to the same behaviour — every method, tenant isolation,
// optimistic concurrency under contention, erasure and durability across a reopen.
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gdprdocs/gdprdocs/store"
)

// Opener opens a Store on one database; it may be called again, after Close, to
// reopen the same database.
type Opener func(ctx context.Context) (store.Store, error)

// Run runs the contract against the implementation. fresh returns an Opener of a new,
// empty database for each test, cleaned up when t ends.
func Run(t *testing.T, fresh func(t *testing.T) Opener) {
	tests := []struct {
		name string
		run  func(t *testing.T, open func(t *testing.T) store.Store, reopen Opener)
	}{
		{"Workspaces", testWorkspaces},
		{"Keys", testKeys},
		{"LastOwner", testLastOwner},
		{"Cases", testCases},
		{"CaseList", testCaseList},
		{"Revisions", testRevisions},
		{"Delete", testDelete},
		{"Audit", testAudit},
		{"Isolation", testIsolation},
		{"Malformed", testMalformed},
		{"Conflicts", testConflicts},
		{"ConcurrentWriters", testConcurrentWriters},
		{"ParallelCases", testParallelCases},
		{"Reopen", testReopen},
		{"Restore", testRestore},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opener := fresh(t)
			open := func(t *testing.T) store.Store {
				t.Helper()
				s, err := opener(t.Context())
				if err != nil {
					t.Fatalf("open: %v", err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			tt.run(t, open, opener)
		})
	}
}

var cli = store.Actor{}

// data returns a small valid case JSON that differs with n.
func data(n int) []byte {
	return fmt.Appendf(nil, `{"organisation":{"name":"Org %d"},"note":"Žemaitė – ąčęėįšųūž"}`, n)
}

func workspace(t *testing.T, s store.Store, name string) (store.Workspace, store.Issued) {
	t.Helper()
	ws, owner, err := s.CreateWorkspace(t.Context(), cli, name)
	if err != nil {
		t.Fatalf("CreateWorkspace(%q): %v", name, err)
	}
	return ws, owner
}

// A workspace keeps a valid owner key: its only one cannot be revoked, and of two owners
// revoking each other's keys at the same moment exactly one succeeds, over and over.
func testLastOwner(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, first := workspace(t, s, "Owners")
	by := store.Actor{Key: first.Key.ID}
	_, err := s.RevokeKey(ctx, ws.ID, by, first.Key.ID)
	wantErr(t, "RevokeKey(the only owner key)", err, store.ErrLastOwner)
	for round := range 10 {
		second, err := s.CreateKey(ctx, ws.ID, by, store.Owner, fmt.Sprintf("Owner %d", round))
		if err != nil {
			t.Fatal(err)
		}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, id := range []string{first.Key.ID, second.Key.ID} {
			wg.Go(func() { _, errs[i] = s.RevokeKey(ctx, ws.ID, by, id) })
		}
		wg.Wait()
		ok, last := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, store.ErrLastOwner):
				last++
			default:
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if ok != 1 || last != 1 {
			t.Fatalf("round %d: %d revoked, %d refused as the last owner; want 1 and 1", round, ok, last)
		}
		keys, err := s.Keys(ctx, ws.ID)
		if err != nil {
			t.Fatal(err)
		}
		valid := 0
		for _, k := range keys {
			if k.Role == store.Owner && k.Revoked.IsZero() {
				valid++
				first = store.Issued{Key: k}
				by = store.Actor{Key: k.ID}
			}
		}
		if valid != 1 {
			t.Fatalf("round %d: %d valid owner keys; want 1", round, valid)
		}
	}
}

func newCase(t *testing.T, s store.Store, ws string, name string) store.Case {
	t.Helper()
	c, err := s.CreateCase(t.Context(), ws, cli, store.Draft{Name: name, Data: data(1)})
	if err != nil {
		t.Fatalf("CreateCase(%q): %v", name, err)
	}
	return c
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: error %v, want %v", what, err, want)
	}
}

func testWorkspaces(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	a, owner := workspace(t, s, "Advokatų kontora")
	b, _ := workspace(t, s, "Second")
	if a.ID == b.ID || !strings.HasPrefix(a.ID, "ws_") || a.Created.IsZero() {
		t.Errorf("workspaces %+v and %+v", a, b)
	}
	got, err := s.Workspace(ctx, a.ID)
	if err != nil || got != a {
		t.Errorf("Workspace(%s) = %+v, %v; want %+v", a.ID, got, err, a)
	}
	all, err := s.Workspaces(ctx)
	if err != nil || len(all) != 2 || all[0] != a || all[1] != b {
		t.Errorf("Workspaces = %+v, %v; want [%+v %+v]", all, err, a, b)
	}
	if owner.Key.Role != store.Owner || owner.Key.Workspace != a.ID || owner.Secret == "" ||
		!strings.HasPrefix(owner.Secret, owner.Key.Prefix) || len(owner.Key.Prefix) >= len(owner.Secret)/2 {
		t.Errorf("first key %+v with secret %q", owner.Key, owner.Secret)
	}
	k, err := s.Authenticate(ctx, owner.Secret)
	if err != nil || k != owner.Key {
		t.Errorf("Authenticate(owner) = %+v, %v; want %+v", k, err, owner.Key)
	}
	_, _, err = s.CreateWorkspace(ctx, cli, "Second")
	wantErr(t, "CreateWorkspace of a taken name", err, store.ErrExists)
	_, _, err = s.CreateWorkspace(ctx, cli, " ")
	wantErr(t, "CreateWorkspace of a blank name", err, store.ErrInvalid)
	_, _, err = s.CreateWorkspace(ctx, cli, strings.Repeat("x", 201))
	wantErr(t, "CreateWorkspace of a long name", err, store.ErrInvalid)
	_, err = s.Workspace(ctx, "ws_missing")
	wantErr(t, "Workspace(missing)", err, store.ErrNotFound)
	if all, _ := s.Workspaces(ctx); len(all) != 2 {
		t.Errorf("refused creations left %d workspaces", len(all))
	}
}

func testKeys(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, owner := workspace(t, s, "Keys")
	by := store.Actor{Key: owner.Key.ID, RequestID: "req-1"}
	ed, err := s.CreateKey(ctx, ws.ID, by, store.Editor, "Editor of cases")
	if err != nil {
		t.Fatalf("CreateKey: %v", err)
	}
	vw, err := s.CreateKey(ctx, ws.ID, by, store.Viewer, "Website")
	if err != nil {
		t.Fatalf("CreateKey: %v", err)
	}
	if ed.Secret == vw.Secret || ed.Key.ID == vw.Key.ID || ed.Key.Prefix == vw.Key.Prefix {
		t.Errorf("two keys share a secret, id or prefix: %+v %+v", ed, vw)
	}
	for _, is := range []store.Issued{ed, vw} {
		k, err := s.Authenticate(ctx, is.Secret)
		if err != nil || k != is.Key {
			t.Errorf("Authenticate(%s) = %+v, %v; want %+v", is.Key.Name, k, err, is.Key)
		}
	}
	keys, err := s.Keys(ctx, ws.ID)
	if err != nil || !slices.Equal(keys, []store.APIKey{owner.Key, ed.Key, vw.Key}) {
		t.Errorf("Keys = %+v, %v", keys, err)
	}
	_, err = s.CreateKey(ctx, ws.ID, by, "admin", "x")
	wantErr(t, "CreateKey(role admin)", err, store.ErrInvalid)
	_, err = s.CreateKey(ctx, ws.ID, by, store.Viewer, "")
	wantErr(t, "CreateKey(no name)", err, store.ErrInvalid)
	_, err = s.CreateKey(ctx, "ws_missing", by, store.Viewer, "x")
	wantErr(t, "CreateKey(missing workspace)", err, store.ErrNotFound)

	for _, secret := range []string{"", "gdp_", ed.Secret + "x", strings.ToUpper(ed.Secret), ed.Key.Prefix, "Bearer " + ed.Secret} {
		_, err := s.Authenticate(ctx, secret)
		wantErr(t, fmt.Sprintf("Authenticate(%q)", secret), err, store.ErrNotFound)
	}

	r, err := s.RevokeKey(ctx, ws.ID, by, ed.Key.ID)
	if err != nil || r.Revoked.IsZero() || r.ID != ed.Key.ID {
		t.Fatalf("RevokeKey = %+v, %v", r, err)
	}
	_, err = s.Authenticate(ctx, ed.Secret)
	wantErr(t, "Authenticate(revoked)", err, store.ErrNotFound)
	again, err := s.RevokeKey(ctx, ws.ID, by, ed.Key.ID)
	if err != nil || !again.Revoked.Equal(r.Revoked) {
		t.Errorf("RevokeKey twice = %+v, %v; want the first revocation %v kept", again, err, r.Revoked)
	}
	_, err = s.RevokeKey(ctx, ws.ID, by, "key_missing")
	wantErr(t, "RevokeKey(missing)", err, store.ErrNotFound)
	keys, _ = s.Keys(ctx, ws.ID)
	if len(keys) != 3 || !keys[1].Revoked.Equal(r.Revoked) || !keys[0].Revoked.IsZero() || !keys[2].Revoked.IsZero() {
		t.Errorf("Keys after a revocation = %+v", keys)
	}
	if k, err := s.Authenticate(ctx, vw.Secret); err != nil || k.ID != vw.Key.ID {
		t.Errorf("revoking one key touched another: %+v, %v", k, err)
	}

	log, err := s.Audit(ctx, ws.ID, store.AuditQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log.Items {
		actions = append(actions, e.Action+" "+e.Target+" "+e.Key+" "+e.RequestID)
	}
	want := []string{
		"key.revoke " + ed.Key.ID + " " + owner.Key.ID + " req-1",
		"key.create " + vw.Key.ID + " " + owner.Key.ID + " req-1",
		"key.create " + ed.Key.ID + " " + owner.Key.ID + " req-1",
		"key.create " + owner.Key.ID + "  ",
		"workspace.create   ",
	}
	if !slices.Equal(actions, want) {
		t.Errorf("audit of key actions:\n got %q\nwant %q", actions, want)
	}
}

func testCases(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, owner := workspace(t, s, "Cases")
	by := store.Actor{Key: owner.Key.ID, RequestID: "r"}
	c, err := s.CreateCase(ctx, ws.ID, by, store.Draft{Name: "Pažeidimas 2026-01", Data: data(1)})
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	if c.Revision != 1 || c.Workspace != ws.ID || !strings.HasPrefix(c.ID, "case_") || !c.Created.Equal(c.Updated) || !c.Deleted.IsZero() {
		t.Errorf("created %+v", c)
	}
	got, err := s.Case(ctx, ws.ID, c.ID)
	if err != nil || got != c {
		t.Errorf("Case = %+v, %v; want %+v", got, err, c)
	}
	r, err := s.Revision(ctx, ws.ID, c.ID, store.Current)
	if err != nil || r.N != 1 || !bytes.Equal(r.Data, data(1)) || r.Size != len(data(1)) || r.Key != owner.Key.ID || !r.Created.Equal(c.Created) {
		t.Errorf("Revision(current) = %+v, %v", r, err)
	}

	put, err := s.PutCase(ctx, ws.ID, by, c.ID, 1, store.Draft{Data: data(2)})
	if err != nil || put.Revision != 2 || put.Name != c.Name || !put.Updated.After(c.Updated) && !put.Updated.Equal(c.Updated) || !put.Created.Equal(c.Created) {
		t.Fatalf("PutCase without a name = %+v, %v", put, err)
	}
	renamed, err := s.PutCase(ctx, ws.ID, by, c.ID, store.Any, store.Draft{Name: "Renamed", Data: data(3)})
	if err != nil || renamed.Revision != 3 || renamed.Name != "Renamed" {
		t.Fatalf("PutCase(Any, renamed) = %+v, %v", renamed, err)
	}
	if got, _ := s.Case(ctx, ws.ID, c.ID); got != renamed {
		t.Errorf("Case after puts = %+v, want %+v", got, renamed)
	}
	if r, _ := s.Revision(ctx, ws.ID, c.ID, store.Current); r.N != 3 || !bytes.Equal(r.Data, data(3)) {
		t.Errorf("current revision after puts = %d %s", r.N, r.Data)
	}

	refused := []struct {
		what string
		err  error
		want error
	}{}
	add := func(what string, err, want error) {
		refused = append(refused, struct {
			what string
			err  error
			want error
		}{what, err, want})
	}
	_, err = s.PutCase(ctx, ws.ID, by, c.ID, 2, store.Draft{Data: data(9)})
	add("PutCase(stale)", err, store.ErrConflict)
	_, err = s.PutCase(ctx, ws.ID, by, c.ID, 4, store.Draft{Data: data(9)})
	add("PutCase(future)", err, store.ErrConflict)
	_, err = s.PutCase(ctx, ws.ID, by, c.ID, 0, store.Draft{Data: data(9)})
	add("PutCase(expected 0)", err, store.ErrInvalid)
	_, err = s.PutCase(ctx, ws.ID, by, c.ID, 3, store.Draft{Data: []byte(`{"a":`)})
	add("PutCase(not JSON)", err, store.ErrInvalid)
	_, err = s.PutCase(ctx, ws.ID, by, "case_missing", 1, store.Draft{Data: data(9)})
	add("PutCase(missing)", err, store.ErrNotFound)
	_, err = s.CreateCase(ctx, ws.ID, by, store.Draft{Name: "", Data: data(1)})
	add("CreateCase(no name)", err, store.ErrInvalid)
	_, err = s.CreateCase(ctx, ws.ID, by, store.Draft{Name: "x", Data: nil})
	add("CreateCase(no data)", err, store.ErrInvalid)
	_, err = s.CreateCase(ctx, "ws_missing", by, store.Draft{Name: "x", Data: data(1)})
	add("CreateCase(missing workspace)", err, store.ErrNotFound)
	_, err = s.Case(ctx, ws.ID, "case_missing")
	add("Case(missing)", err, store.ErrNotFound)
	for _, r := range refused {
		wantErr(t, r.what, r.err, r.want)
	}
	if got, _ := s.Case(ctx, ws.ID, c.ID); got != renamed {
		t.Errorf("refused writes changed the case: %+v, want %+v", got, renamed)
	}
	if p, _ := s.Cases(ctx, ws.ID, store.CaseQuery{}); len(p.Items) != 1 {
		t.Errorf("refused creations left %d cases", len(p.Items))
	}
}

func testCaseList(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, _ := workspace(t, s, "List")
	names := []string{"Žemaitijos UAB", "Vilnius", "žemaitė", "Amsterdam BV", "Rotterdam", "ŽEMAIČIŲ", "Kaunas"}
	var made []store.Case
	for _, n := range names {
		made = append(made, newCase(t, s, ws.ID, n))
	}
	slices.Reverse(made)

	var seen []store.Case
	cursor := ""
	for pages := 0; ; pages++ {
		p, err := s.Cases(ctx, ws.ID, store.CaseQuery{Limit: 3, Cursor: cursor})
		if err != nil {
			t.Fatalf("Cases page %d: %v", pages, err)
		}
		if len(p.Items) > 3 || pages > 3 {
			t.Fatalf("page %d has %d items", pages, len(p.Items))
		}
		seen = append(seen, p.Items...)
		if p.Next == "" {
			break
		}
		cursor = p.Next
	}
	if !slices.Equal(seen, made) {
		t.Errorf("pages of 3 gave %v\nwant newest first %v", caseNames(seen), caseNames(made))
	}

	for _, tc := range []struct {
		filter string
		want   []string
	}{
		{"žemai", []string{"ŽEMAIČIŲ", "žemaitė", "Žemaitijos UAB"}},
		{"ŽEMAIT", []string{"žemaitė", "Žemaitijos UAB"}},
		{"dam", []string{"Rotterdam", "Amsterdam BV"}},
		{"%", nil},
		{"_", nil},
		{"nothing", nil},
	} {
		p, err := s.Cases(ctx, ws.ID, store.CaseQuery{Name: tc.filter})
		if err != nil {
			t.Fatalf("Cases(name %q): %v", tc.filter, err)
		}
		if got := caseNames(p.Items); !slices.Equal(got, tc.want) || p.Next != "" {
			t.Errorf("Cases(name %q) = %q next %q, want %q", tc.filter, got, p.Next, tc.want)
		}
	}
	p, err := s.Cases(ctx, ws.ID, store.CaseQuery{Name: "žemai", Limit: 2})
	if err != nil || len(p.Items) != 2 || p.Next == "" {
		t.Fatalf("Cases(name, limit 2) = %+v, %v", p, err)
	}
	p, err = s.Cases(ctx, ws.ID, store.CaseQuery{Name: "žemai", Limit: 2, Cursor: p.Next})
	if got := caseNames(p.Items); err != nil || !slices.Equal(got, []string{"Žemaitijos UAB"}) || p.Next != "" {
		t.Errorf("second filtered page = %q next %q, %v", got, p.Next, err)
	}

	_, err = s.Cases(ctx, ws.ID, store.CaseQuery{Cursor: "not a cursor!"})
	wantErr(t, "Cases(bad cursor)", err, store.ErrInvalid)
	_, err = s.Cases(ctx, ws.ID, store.CaseQuery{Limit: -1})
	wantErr(t, "Cases(limit -1)", err, store.ErrInvalid)
	p, err = s.Cases(ctx, ws.ID, store.CaseQuery{Limit: store.MaxLimit + 1})
	if err != nil || len(p.Items) != len(names) {
		t.Errorf("Cases(limit over max) = %d items, %v", len(p.Items), err)
	}
}

func caseNames(cs []store.Case) []string {
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	return names
}

func testRevisions(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, owner := workspace(t, s, "Revisions")
	c := newCase(t, s, ws.ID, "History")
	ed, _ := s.CreateKey(ctx, ws.ID, cli, store.Editor, "editor")
	for n := 2; n <= 5; n++ {
		by := store.Actor{Key: owner.Key.ID}
		if n%2 == 0 {
			by.Key = ed.Key.ID
		}
		if _, err := s.PutCase(ctx, ws.ID, by, c.ID, n-1, store.Draft{Data: data(n)}); err != nil {
			t.Fatalf("PutCase(%d): %v", n-1, err)
		}
	}
	var ns []int
	cursor := ""
	for {
		p, err := s.Revisions(ctx, ws.ID, c.ID, store.RevisionQuery{Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatalf("Revisions: %v", err)
		}
		for _, r := range p.Items {
			ns = append(ns, r.N)
			if r.Data != nil || r.Size != len(data(r.N)) || r.Case != c.ID || r.Created.IsZero() {
				t.Errorf("listed revision %+v", r)
			}
			wantKey := owner.Key.ID
			if r.N == 1 {
				wantKey = ""
			} else if r.N%2 == 0 {
				wantKey = ed.Key.ID
			}
			if r.Key != wantKey {
				t.Errorf("revision %d written by %q, want %q", r.N, r.Key, wantKey)
			}
		}
		if p.Next == "" {
			break
		}
		cursor = p.Next
	}
	if !slices.Equal(ns, []int{5, 4, 3, 2, 1}) {
		t.Errorf("revisions listed %v, want 5 to 1", ns)
	}
	for n := 1; n <= 5; n++ {
		r, err := s.Revision(ctx, ws.ID, c.ID, n)
		if err != nil || r.N != n || !bytes.Equal(r.Data, data(n)) {
			t.Errorf("Revision(%d) = %d %s, %v", n, r.N, r.Data, err)
		}
	}
	_, err := s.Revision(ctx, ws.ID, c.ID, 6)
	wantErr(t, "Revision(6 of 5)", err, store.ErrNotFound)
	_, err = s.Revision(ctx, ws.ID, c.ID, -1)
	wantErr(t, "Revision(-1)", err, store.ErrInvalid)
	_, err = s.Revisions(ctx, ws.ID, "case_missing", store.RevisionQuery{})
	wantErr(t, "Revisions(missing)", err, store.ErrNotFound)
	_, err = s.Revisions(ctx, ws.ID, c.ID, store.RevisionQuery{Cursor: "%%"})
	wantErr(t, "Revisions(bad cursor)", err, store.ErrInvalid)
}

func testDelete(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, owner := workspace(t, s, "Delete")
	by := store.Actor{Key: owner.Key.ID, RequestID: "del"}
	c := newCase(t, s, ws.ID, "Jonas Jonaitis: request")
	keep := newCase(t, s, ws.ID, "Kept")
	if _, err := s.PutCase(ctx, ws.ID, by, c.ID, 1, store.Draft{Data: data(2)}); err != nil {
		t.Fatal(err)
	}
	_, err := s.DeleteCase(ctx, ws.ID, by, c.ID, 1)
	wantErr(t, "DeleteCase(stale)", err, store.ErrConflict)
	_, err = s.DeleteCase(ctx, ws.ID, by, c.ID, 0)
	wantErr(t, "DeleteCase(expected 0)", err, store.ErrInvalid)
	d, err := s.DeleteCase(ctx, ws.ID, by, c.ID, 2)
	if err != nil || d.Deleted.IsZero() || d.Name != "" || d.Revision != 2 || d.ID != c.ID {
		t.Fatalf("DeleteCase = %+v, %v", d, err)
	}

	got, err := s.Case(ctx, ws.ID, c.ID)
	wantErr(t, "Case(deleted)", err, store.ErrGone)
	if got.ID != c.ID || got.Name != "" || !got.Deleted.Equal(d.Deleted) {
		t.Errorf("Case(deleted) = %+v", got)
	}
	for n := store.Current; n <= 2; n++ {
		r, err := s.Revision(ctx, ws.ID, c.ID, n)
		wantErr(t, fmt.Sprintf("Revision(deleted, %d)", n), err, store.ErrGone)
		if r.Data != nil {
			t.Errorf("Revision(deleted, %d) returned data %s", n, r.Data)
		}
	}
	_, err = s.Revisions(ctx, ws.ID, c.ID, store.RevisionQuery{})
	wantErr(t, "Revisions(deleted)", err, store.ErrGone)
	_, err = s.PutCase(ctx, ws.ID, by, c.ID, store.Any, store.Draft{Data: data(3)})
	wantErr(t, "PutCase(deleted)", err, store.ErrGone)
	_, err = s.DeleteCase(ctx, ws.ID, by, c.ID, store.Any)
	wantErr(t, "DeleteCase(deleted)", err, store.ErrGone)
	p, _ := s.Cases(ctx, ws.ID, store.CaseQuery{})
	if got := caseNames(p.Items); !slices.Equal(got, []string{"Kept"}) {
		t.Errorf("Cases after a delete = %q", got)
	}
	p, _ = s.Cases(ctx, ws.ID, store.CaseQuery{Name: "jonas"})
	if len(p.Items) != 0 {
		t.Errorf("the deleted case's name is still searchable: %+v", p.Items)
	}
	if r, err := s.Revision(ctx, ws.ID, keep.ID, store.Current); err != nil || !bytes.Equal(r.Data, data(1)) {
		t.Errorf("deleting one case touched another: %s, %v", r.Data, err)
	}

	log, err := s.Audit(ctx, ws.ID, store.AuditQuery{Case: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	var got2 []string
	for _, e := range log.Items {
		got2 = append(got2, fmt.Sprintf("%s %d %s", e.Action, e.Revision, e.Result))
	}
	if want := []string{"case.delete 2 ok", "case.put 2 ok", "case.create 1 ok"}; !slices.Equal(got2, want) {
		t.Errorf("audit of a deleted case = %q, want %q", got2, want)
	}
}

func testAudit(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, owner := workspace(t, s, "Audit")
	c := newCase(t, s, ws.ID, "Audited")
	start := time.Now().Add(-time.Second)
	var appended []store.AuditEntry
	for i := range 5 {
		e, err := s.AppendAudit(ctx, ws.ID, store.AuditEntry{
			Key: owner.Key.ID, Action: "document.render", Case: c.ID, Revision: 1,
			RequestID: fmt.Sprintf("req-%d", i), Result: "200", Workspace: "ws_ignored", ID: 99, Time: start,
		})
		if err != nil {
			t.Fatalf("AppendAudit: %v", err)
		}
		if e.Workspace != ws.ID || e.ID == 99 || e.Time.Equal(start) || e.Time.Before(start) {
			t.Errorf("appended %+v: the store sets id, time and workspace", e)
		}
		appended = append(appended, e)
		time.Sleep(2 * time.Millisecond)
	}
	if _, err := s.AppendAudit(ctx, ws.ID, store.AuditEntry{Action: "case.put", Case: "case_other", Result: "conflict"}); err != nil {
		t.Fatal(err)
	}
	_, err := s.AppendAudit(ctx, ws.ID, store.AuditEntry{Result: "ok"})
	wantErr(t, "AppendAudit(no action)", err, store.ErrInvalid)
	_, err = s.AppendAudit(ctx, "ws_missing", store.AuditEntry{Action: "x", Result: "ok"})
	wantErr(t, "AppendAudit(missing workspace)", err, store.ErrNotFound)

	var read []store.AuditEntry
	cursor := ""
	for {
		p, err := s.Audit(ctx, ws.ID, store.AuditQuery{Case: c.ID, Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		read = append(read, p.Items...)
		if p.Next == "" {
			break
		}
		cursor = p.Next
	}
	if len(read) != 6 || read[5].Action != store.ActionCaseCreate {
		t.Fatalf("audit of the case: %d entries %+v", len(read), read)
	}
	newest := slices.Clone(appended)
	slices.Reverse(newest)
	if !slices.Equal(read[:5], newest) {
		t.Errorf("audit read back\n %+v\nwant newest first\n %+v", read[:5], newest)
	}

	p, err := s.Audit(ctx, ws.ID, store.AuditQuery{Since: appended[1].Time, Until: appended[3].Time})
	if err != nil || !slices.Equal(p.Items, []store.AuditEntry{appended[2], appended[1]}) {
		t.Errorf("Audit(since entry 1, until entry 3) = %+v, %v", p.Items, err)
	}
	p, err = s.Audit(ctx, ws.ID, store.AuditQuery{Since: appended[4].Time.Add(time.Microsecond)})
	if err != nil || len(p.Items) != 1 || p.Items[0].Case != "case_other" {
		t.Errorf("Audit(since after the last render) = %+v, %v", p.Items, err)
	}
	p, err = s.Audit(ctx, ws.ID, store.AuditQuery{})
	if err != nil || len(p.Items) != 9 {
		t.Errorf("whole audit log: %d entries (want workspace, key, case, 5 renders, 1 refusal), %v", len(p.Items), err)
	}
	_, err = s.Audit(ctx, ws.ID, store.AuditQuery{Cursor: "bm90IGEgbnVtYmVy"})
	wantErr(t, "Audit(cursor not a number)", err, store.ErrInvalid)
}

// testIsolation calls every method of workspace A with ids of workspace B.
func testIsolation(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	a, aOwner := workspace(t, s, "A")
	b, bOwner := workspace(t, s, "B")
	by := store.Actor{Key: aOwner.Key.ID}
	bCase := newCase(t, s, b.ID, "B's case")
	bGone := newCase(t, s, b.ID, "B's deleted case")
	if _, err := s.DeleteCase(ctx, b.ID, cli, bGone.ID, 1); err != nil {
		t.Fatal(err)
	}
	bKey, _ := s.CreateKey(ctx, b.ID, cli, store.Viewer, "B's viewer")
	newCase(t, s, a.ID, "A's case")

	for _, id := range []string{bCase.ID, bGone.ID} {
		_, err := s.Case(ctx, a.ID, id)
		wantErr(t, "Case", err, store.ErrNotFound)
		_, err = s.PutCase(ctx, a.ID, by, id, store.Any, store.Draft{Data: data(7)})
		wantErr(t, "PutCase", err, store.ErrNotFound)
		_, err = s.DeleteCase(ctx, a.ID, by, id, store.Any)
		wantErr(t, "DeleteCase", err, store.ErrNotFound)
		_, err = s.Revisions(ctx, a.ID, id, store.RevisionQuery{})
		wantErr(t, "Revisions", err, store.ErrNotFound)
		for _, n := range []int{store.Current, 1} {
			_, err = s.Revision(ctx, a.ID, id, n)
			wantErr(t, "Revision", err, store.ErrNotFound)
		}
		p, err := s.Audit(ctx, a.ID, store.AuditQuery{Case: id})
		if err != nil || len(p.Items) != 0 {
			t.Errorf("Audit(A, B's case) = %+v, %v", p.Items, err)
		}
	}
	for _, k := range []store.APIKey{bOwner.Key, bKey.Key} {
		_, err := s.RevokeKey(ctx, a.ID, by, k.ID)
		wantErr(t, "RevokeKey", err, store.ErrNotFound)
	}
	keys, _ := s.Keys(ctx, a.ID)
	if len(keys) != 1 || keys[0].ID != aOwner.Key.ID {
		t.Errorf("Keys(A) = %+v", keys)
	}
	p, _ := s.Cases(ctx, a.ID, store.CaseQuery{})
	if got := caseNames(p.Items); !slices.Equal(got, []string{"A's case"}) {
		t.Errorf("Cases(A) = %q", got)
	}
	p, _ = s.Cases(ctx, a.ID, store.CaseQuery{Name: "B's"})
	if len(p.Items) != 0 {
		t.Errorf("Cases(A, name of B's) = %+v", p.Items)
	}
	log, err := s.Audit(ctx, a.ID, store.AuditQuery{})
	if err != nil || len(log.Items) == 0 {
		t.Fatalf("Audit(A) = %+v, %v; want A's own entries", log.Items, err)
	}
	for _, e := range log.Items {
		if e.Workspace != a.ID || e.Case == bCase.ID || e.Target == bKey.Key.ID {
			t.Errorf("A's audit log shows %+v", e)
		}
	}
	if k, err := s.Authenticate(ctx, bKey.Secret); err != nil || k.Workspace != b.ID {
		t.Errorf("B's key after A's attempts: %+v, %v", k, err)
	}
	if r, err := s.Revision(ctx, b.ID, bCase.ID, store.Current); err != nil || r.N != 1 || !bytes.Equal(r.Data, data(1)) {
		t.Errorf("B's case after A's attempts: %+v, %v", r, err)
	}
}

// testConflicts: of 16 writers that all expect revision 1, exactly one wins.
func testConflicts(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, _ := workspace(t, s, "Conflicts")
	c := newCase(t, s, ws.ID, "Contended")
	const writers = 16
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			_, errs[i] = s.PutCase(ctx, ws.ID, cli, c.ID, 1, store.Draft{Data: data(100 + i)})
		})
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil && won == -1:
			won = i
		case err == nil:
			t.Errorf("writers %d and %d both wrote revision 2", won, i)
		case !errors.Is(err, store.ErrConflict):
			t.Errorf("writer %d: %v, want a conflict", i, err)
		}
	}
	if won == -1 {
		t.Fatal("no writer won")
	}
	r, err := s.Revision(ctx, ws.ID, c.ID, store.Current)
	if err != nil || r.N != 2 || !bytes.Equal(r.Data, data(100+won)) {
		t.Errorf("current revision %d %s, %v; want 2 by writer %d", r.N, r.Data, err, won)
	}
}

// testConcurrentWriters: 16 writers each land 5 writes on one case by re-reading and
// retrying on conflict; every write is one revision, none lost or doubled.
func testConcurrentWriters(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, _ := workspace(t, s, "Writers")
	c := newCase(t, s, ws.ID, "Shared register")
	const writers, each = 16, 5
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := 0; i < each; {
				cur, err := s.Case(ctx, ws.ID, c.ID)
				if err != nil {
					errs <- err
					return
				}
				_, err = s.PutCase(ctx, ws.ID, cli, c.ID, cur.Revision, store.Draft{Data: data(1000 + w*each + i)})
				if errors.Is(err, store.ErrConflict) {
					continue
				}
				if err != nil {
					errs <- err
					return
				}
				i++
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("writer: %v", err)
	}
	got, _ := s.Case(ctx, ws.ID, c.ID)
	if want := 1 + writers*each; got.Revision != want {
		t.Errorf("revision %d after %d writes, want %d", got.Revision, writers*each, want)
	}
	p, err := s.Revisions(ctx, ws.ID, c.ID, store.RevisionQuery{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for i, r := range p.Items {
		if r.N != got.Revision-i {
			t.Fatalf("revision numbers %d then %d", got.Revision-i+1, r.N)
		}
		full, err := s.Revision(ctx, ws.ID, c.ID, r.N)
		if err != nil {
			t.Fatal(err)
		}
		if prev, ok := seen[string(full.Data)]; ok {
			t.Errorf("revisions %d and %d hold the same write", prev, r.N)
		}
		seen[string(full.Data)] = r.N
	}
	for w := range writers * each {
		if _, ok := seen[string(data(1000+w))]; !ok {
			t.Errorf("write %d is lost", w)
		}
	}
}

// testParallelCases: writers on different cases do not conflict, and readers read
// beside them.
func testParallelCases(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, _ := workspace(t, s, "Parallel")
	const writers, each = 16, 10
	var wg sync.WaitGroup
	ids := make([]string, writers)
	errs := make(chan error, 2*writers)
	for w := range writers {
		wg.Go(func() {
			c, err := s.CreateCase(ctx, ws.ID, cli, store.Draft{Name: fmt.Sprintf("case %d", w), Data: data(1)})
			if err != nil {
				errs <- err
				return
			}
			ids[w] = c.ID
			for n := 1; n < each; n++ {
				if _, err := s.PutCase(ctx, ws.ID, cli, c.ID, n, store.Draft{Data: data(n + 1)}); err != nil {
					errs <- fmt.Errorf("case %d revision %d: %w", w, n+1, err)
					return
				}
			}
		})
		wg.Go(func() {
			for range each {
				if _, err := s.Cases(ctx, ws.ID, store.CaseQuery{}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("parallel: %v", err)
	}
	for w, id := range ids {
		r, err := s.Revision(ctx, ws.ID, id, store.Current)
		if err != nil || r.N != each || !bytes.Equal(r.Data, data(each)) {
			t.Errorf("case %d: revision %d %s, %v", w, r.N, r.Data, err)
		}
	}
}

// testReopen: what was written is there after the store is closed and opened again.
func testReopen(t *testing.T, open func(t *testing.T) store.Store, reopen Opener) {
	ctx := t.Context()
	s, err := reopen(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ws, owner := workspace(t, s, "Durable")
	c := newCase(t, s, ws.ID, "Kept")
	if _, err := s.PutCase(ctx, ws.ID, cli, c.ID, 1, store.Draft{Data: data(2)}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Audit(ctx, ws.ID, store.AuditQuery{})
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s = open(t)
	if k, err := s.Authenticate(ctx, owner.Secret); err != nil || k != owner.Key {
		t.Errorf("Authenticate after reopen = %+v, %v", k, err)
	}
	if got, err := s.Case(ctx, ws.ID, c.ID); err != nil || got.Revision != 2 || got.Name != "Kept" || !got.Created.Equal(c.Created) {
		t.Errorf("Case after reopen = %+v, %v", got, err)
	}
	if r, err := s.Revision(ctx, ws.ID, c.ID, 1); err != nil || !bytes.Equal(r.Data, data(1)) {
		t.Errorf("Revision 1 after reopen = %s, %v", r.Data, err)
	}
	after, _ := s.Audit(ctx, ws.ID, store.AuditQuery{})
	if !slices.Equal(before.Items, after.Items) || len(after.Items) != 4 {
		t.Errorf("audit after reopen = %+v\nbefore %+v", after.Items, before.Items)
	}
	c2 := newCase(t, s, ws.ID, "Written after reopen")
	if c2.ID <= c.ID {
		t.Errorf("a later case's id %s sorts before %s", c2.ID, c.ID)
	}
}

// testMalformed: ids, cursors and text that come from a request, made up or mangled,
// are not found or invalid — never a database error.
func testMalformed(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	ws, _ := workspace(t, s, "Malformed")
	c := newCase(t, s, ws.ID, "Real")
	for _, id := range []string{"", "case_\x00", "\xff\xfe", "CASE_X", "' OR 1=1 --", strings.Repeat("a", 10000), c.ID + "%"} {
		_, err := s.Case(ctx, ws.ID, id)
		wantErr(t, fmt.Sprintf("Case(%q)", id), err, store.ErrNotFound)
		_, err = s.Revision(ctx, ws.ID, id, store.Current)
		wantErr(t, fmt.Sprintf("Revision(%q)", id), err, store.ErrNotFound)
		_, err = s.Revisions(ctx, ws.ID, id, store.RevisionQuery{})
		wantErr(t, fmt.Sprintf("Revisions(%q)", id), err, store.ErrNotFound)
		_, err = s.PutCase(ctx, ws.ID, cli, id, store.Any, store.Draft{Data: data(2)})
		wantErr(t, fmt.Sprintf("PutCase(%q)", id), err, store.ErrNotFound)
		_, err = s.DeleteCase(ctx, ws.ID, cli, id, store.Any)
		wantErr(t, fmt.Sprintf("DeleteCase(%q)", id), err, store.ErrNotFound)
		_, err = s.RevokeKey(ctx, ws.ID, cli, id)
		wantErr(t, fmt.Sprintf("RevokeKey(%q)", id), err, store.ErrNotFound)
		_, err = s.Workspace(ctx, id)
		wantErr(t, fmt.Sprintf("Workspace(%q)", id), err, store.ErrNotFound)
		_, err = s.CreateCase(ctx, id, cli, store.Draft{Name: "x", Data: data(1)})
		wantErr(t, fmt.Sprintf("CreateCase(workspace %q)", id), err, store.ErrNotFound)
		_, err = s.AppendAudit(ctx, id, store.AuditEntry{Action: "x", Result: "ok"})
		wantErr(t, fmt.Sprintf("AppendAudit(workspace %q)", id), err, store.ErrNotFound)
		if p, err := s.Cases(ctx, id, store.CaseQuery{}); err != nil || len(p.Items) != 0 {
			t.Errorf("Cases(workspace %q) = %+v, %v", id, p.Items, err)
		}
		if keys, err := s.Keys(ctx, id); err != nil || len(keys) != 0 {
			t.Errorf("Keys(workspace %q) = %+v, %v", id, keys, err)
		}
		if p, err := s.Audit(ctx, ws.ID, store.AuditQuery{Case: id}); id != "" && (err != nil || len(p.Items) != 0) {
			t.Errorf("Audit(case %q) = %+v, %v", id, p.Items, err)
		}
		_, err = s.Authenticate(ctx, "gdp_"+id)
		wantErr(t, fmt.Sprintf("Authenticate(gdp_%q)", id), err, store.ErrNotFound)
	}
	for _, bad := range []string{"\x00", "\xff", strings.Repeat("ž", 201)} {
		_, err := s.Cases(ctx, ws.ID, store.CaseQuery{Name: bad})
		wantErr(t, fmt.Sprintf("Cases(name %q)", bad), err, store.ErrInvalid)
		_, err = s.AppendAudit(ctx, ws.ID, store.AuditEntry{Action: "document.render", RequestID: bad, Result: "200"})
		wantErr(t, fmt.Sprintf("AppendAudit(request id %q)", bad), err, store.ErrInvalid)
		_, err = s.CreateCase(ctx, ws.ID, cli, store.Draft{Name: bad, Data: data(1)})
		wantErr(t, fmt.Sprintf("CreateCase(name %q)", bad), err, store.ErrInvalid)
	}
	for _, cursor := range []string{"AA", "_w", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5"} {
		_, err := s.Cases(ctx, ws.ID, store.CaseQuery{Cursor: cursor})
		if cursor == "OTk5OTk5OTk5OTk5OTk5OTk5OTk5" {
			if err != nil {
				t.Errorf("Cases(cursor %q): %v", cursor, err)
			}
			continue
		}
		wantErr(t, fmt.Sprintf("Cases(cursor %q)", cursor), err, store.ErrInvalid)
	}
	_, err := s.Revisions(ctx, ws.ID, c.ID, store.RevisionQuery{Cursor: "OTk5OTk5OTk5OTk5OTk5OTk5OTk5"})
	wantErr(t, "Revisions(cursor past int64)", err, store.ErrInvalid)
	// The cursor of revision 9999999999, past every revision and every PostgreSQL integer.
	p, err := s.Revisions(ctx, ws.ID, c.ID, store.RevisionQuery{Cursor: "OTk5OTk5OTk5OQ"})
	if err != nil || len(p.Items) != 1 {
		t.Errorf("Revisions(cursor past every revision) = %+v, %v", p.Items, err)
	}
	p2, err := s.Audit(ctx, ws.ID, store.AuditQuery{Cursor: "OTk5OTk5OTk5OQ"})
	if err != nil || len(p2.Items) == 0 {
		t.Errorf("Audit(cursor past every entry) = %d entries, %v", len(p2.Items), err)
	}
	if r, err := s.Revision(ctx, ws.ID, c.ID, store.Current); err != nil || !bytes.Equal(r.Data, data(1)) {
		t.Errorf("the real case after malformed calls: %s, %v", r.Data, err)
	}
}

// archive is a workspace from another database, with times that carry nanoseconds
// and data laid out as someone typed it.
func archive(id, name, caseID string) store.Archive {
	at := time.Date(2024, 3, 1, 9, 30, 0, 123456789, time.FixedZone("CET", 3600))
	return store.Archive{
		Workspace: store.Workspace{ID: id, Name: name, Created: at},
		Keys: []store.APIKey{
			{ID: id + "_key1", Role: store.Owner, Name: "owner", Prefix: "gdp_abcdefgh", Created: at},
			{ID: id + "_key2", Role: store.Editor, Name: "website", Prefix: "gdp_ijklmnop", Created: at.Add(time.Hour), Revoked: at.Add(48 * time.Hour)},
		},
		Cases: []store.ArchivedCase{{
			Case: store.Case{ID: caseID, Name: "Kept register", Revision: 2, Created: at.Add(2 * time.Hour), Updated: at.Add(72 * time.Hour)},
			Revisions: []store.Revision{
				{N: 1, Data: []byte("{ \"organisation\": {\"name\": \"Žalias\"} }\n"), Created: at.Add(2 * time.Hour), Key: id + "_key1"},
				{N: 2, Data: data(2), Created: at.Add(72 * time.Hour), Key: id + "_key2"},
			},
		}},
		Audit: []store.AuditEntry{
			{Time: at, Action: store.ActionWorkspaceCreate, Result: store.ResultOK},
			{Time: at.Add(2 * time.Hour), Key: id + "_key1", Action: store.ActionCaseCreate, Case: caseID, Revision: 1, RequestID: "req-1", Result: store.ResultOK},
			{Time: at.Add(72 * time.Hour), Key: id + "_key2", Action: store.ActionCasePut, Case: caseID, Revision: 2, Result: store.ResultOK},
		},
	}
}

// testRestore: an archived workspace comes back with its ids, times, data and audit
// log; its keys come back revoked, with a new owner key; an archive that clashes or is
// not whole writes nothing.
func testRestore(t *testing.T, open func(t *testing.T) store.Store, _ Opener) {
	s := open(t)
	ctx := t.Context()
	a := archive("ws_restored1", "Restored", "case_restored1")
	ws, owner, err := s.Restore(ctx, cli, a)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	at := a.Workspace.Created.UTC().Truncate(time.Microsecond)
	if ws.ID != "ws_restored1" || ws.Name != "Restored" || !ws.Created.Equal(at) || ws.Created.Location() != time.UTC {
		t.Errorf("Restore = %+v", ws)
	}
	if got, err := s.Workspace(ctx, ws.ID); err != nil || got != ws {
		t.Errorf("Workspace(restored) = %+v, %v; want %+v", got, err, ws)
	}
	if k, err := s.Authenticate(ctx, owner.Secret); err != nil || k.Role != store.Owner || k.Workspace != ws.ID {
		t.Errorf("Authenticate(new owner) = %+v, %v", k, err)
	}
	keys, err := s.Keys(ctx, ws.ID)
	if err != nil || len(keys) != 3 {
		t.Fatalf("Keys = %+v, %v", keys, err)
	}
	byID := map[string]store.APIKey{}
	for _, k := range keys {
		byID[k.ID] = k
	}
	for _, want := range a.Keys {
		k := byID[want.ID]
		if k.Role != want.Role || k.Name != want.Name || k.Prefix != want.Prefix || !k.Created.Equal(want.Created.Truncate(time.Microsecond)) || k.Revoked.IsZero() {
			t.Errorf("restored key %+v; want %+v, revoked", k, want)
		}
	}
	if k := byID[a.Keys[1].ID]; !k.Revoked.Equal(a.Keys[1].Revoked.Truncate(time.Microsecond)) {
		t.Errorf("a key revoked before the archive: revoked %v, want %v", k.Revoked, a.Keys[1].Revoked)
	}
	c, err := s.Case(ctx, ws.ID, "case_restored1")
	want := a.Cases[0].Case
	if err != nil || c.Name != want.Name || c.Revision != 2 || !c.Created.Equal(want.Created.Truncate(time.Microsecond)) || !c.Updated.Equal(want.Updated.Truncate(time.Microsecond)) {
		t.Errorf("Case(restored) = %+v, %v; want %+v", c, err, want)
	}
	for _, w := range a.Cases[0].Revisions {
		r, err := s.Revision(ctx, ws.ID, c.ID, w.N)
		if err != nil || !bytes.Equal(r.Data, w.Data) || r.Key != w.Key || !r.Created.Equal(w.Created.Truncate(time.Microsecond)) || r.Size != len(w.Data) {
			t.Errorf("Revision %d = %+v, %v; want %+v", w.N, r, err, w)
		}
	}
	if p, err := s.Cases(ctx, ws.ID, store.CaseQuery{Name: "register"}); err != nil || len(p.Items) != 1 {
		t.Errorf("Cases(name filter) after restore = %+v, %v", p.Items, err)
	}
	next, err := s.PutCase(ctx, ws.ID, store.Actor{Key: owner.Key.ID}, c.ID, 2, store.Draft{Data: data(3)})
	if err != nil || next.Revision != 3 {
		t.Errorf("PutCase after restore = %+v, %v", next, err)
	}
	log, err := s.Audit(ctx, ws.ID, store.AuditQuery{})
	if err != nil || len(log.Items) != 6 {
		t.Fatalf("Audit = %+v, %v", log.Items, err)
	}
	slices.Reverse(log.Items)
	for i, w := range a.Audit {
		e := log.Items[i]
		if e.Action != w.Action || e.Key != w.Key || e.Case != w.Case || e.Revision != w.Revision || e.RequestID != w.RequestID || !e.Time.Equal(w.Time.Truncate(time.Microsecond)) {
			t.Errorf("audit entry %d = %+v; want %+v", i, e, w)
		}
	}
	if e := log.Items[3]; e.Action != store.ActionWorkspaceRestore {
		t.Errorf("entry after the archived ones = %+v, want %s", e, store.ActionWorkspaceRestore)
	}
	if e := log.Items[4]; e.Action != store.ActionKeyCreate || e.Target != owner.Key.ID {
		t.Errorf("entry of the new owner key = %+v", e)
	}

	other, _ := workspace(t, s, "Other")
	before, _ := s.Workspaces(ctx)
	for name, bad := range map[string]struct {
		a    store.Archive
		want error
	}{
		"same id":      {archive("ws_restored1", "New name", "case_new1"), store.ErrExists},
		"same name":    {archive("ws_restored2", "Other", "case_new2"), store.ErrExists},
		"same case id": {archive("ws_restored3", "Third", "case_restored1"), store.ErrExists},
		"missing revision": {func() store.Archive {
			a := archive("ws_r4", "Fourth", "case_r4")
			a.Cases[0].Case.Revision = 3
			return a
		}(), store.ErrInvalid},
		"not JSON": {func() store.Archive {
			a := archive("ws_r5", "Fifth", "case_r5")
			a.Cases[0].Revisions[1].Data = []byte("{")
			return a
		}(), store.ErrInvalid},
		"deleted case": {func() store.Archive {
			a := archive("ws_r6", "Sixth", "case_r6")
			a.Cases[0].Case.Deleted = time.Now()
			return a
		}(), store.ErrInvalid},
		"id twice": {func() store.Archive {
			a := archive("ws_r7", "Seventh", "case_r7")
			a.Keys[1].ID = a.Keys[0].ID
			return a
		}(), store.ErrInvalid},
	} {
		_, _, err := s.Restore(ctx, cli, bad.a)
		wantErr(t, "Restore("+name+")", err, bad.want)
	}
	after, _ := s.Workspaces(ctx)
	if !slices.Equal(before, after) {
		t.Errorf("refused restores wrote workspaces: %+v, before %+v", after, before)
	}
	if p, _ := s.Cases(ctx, other.ID, store.CaseQuery{}); len(p.Items) != 0 {
		t.Errorf("a refused restore wrote into another workspace: %+v", p.Items)
	}
}
