package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/internal/backend"
)

// CreateWorkspace creates a workspace and its first owner key.
func (s *Store) CreateWorkspace(ctx context.Context, by store.Actor, name string) (store.Workspace, store.Issued, error) {
	if err := backend.CheckName("workspace", name); err != nil {
		return store.Workspace{}, store.Issued{}, err
	}
	now := backend.Now()
	ws := store.Workspace{ID: backend.NewID(backend.WorkspacePrefix), Name: name, Created: now}
	var issued store.Issued
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM workspaces WHERE name = ?", name).Scan(&one)
		if err == nil {
			return fmt.Errorf("store/sqlite: workspace %q: %w", name, store.ErrExists)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return wrap("workspace", err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO workspaces (id, name, created) VALUES (?, ?, ?)",
			ws.ID, ws.Name, micros(now)); err != nil {
			return wrap("create workspace", err)
		}
		if err := audit(ctx, tx, ws.ID, by, store.ActionWorkspaceCreate, "", 0, "", now); err != nil {
			return err
		}
		issued, err = createKey(ctx, tx, ws.ID, by, store.Owner, "owner", now)
		return err
	})
	if err != nil {
		return store.Workspace{}, store.Issued{}, err
	}
	return ws, issued, nil
}

// Workspace returns a workspace.
func (s *Store) Workspace(ctx context.Context, id string) (store.Workspace, error) {
	if !backend.IsID(id) {
		return store.Workspace{}, backend.NotFound("workspace", id)
	}
	ws := store.Workspace{}
	var created int64
	err := s.read.QueryRowContext(ctx, "SELECT id, name, created FROM workspaces WHERE id = ?", id).
		Scan(&ws.ID, &ws.Name, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Workspace{}, backend.NotFound("workspace", id)
	}
	if err != nil {
		return store.Workspace{}, wrap("workspace", err)
	}
	ws.Created = fromMicros(created)
	return ws, nil
}

// Workspaces returns every workspace, oldest first.
func (s *Store) Workspaces(ctx context.Context) ([]store.Workspace, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT id, name, created FROM workspaces ORDER BY id")
	if err != nil {
		return nil, wrap("workspaces", err)
	}
	defer rows.Close()
	all := []store.Workspace{}
	for rows.Next() {
		var ws store.Workspace
		var created int64
		if err := rows.Scan(&ws.ID, &ws.Name, &created); err != nil {
			return nil, wrap("workspaces", err)
		}
		ws.Created = fromMicros(created)
		all = append(all, ws)
	}
	return all, wrap("workspaces", rows.Err())
}

// CreateKey creates an API key in a workspace.
func (s *Store) CreateKey(ctx context.Context, workspace string, by store.Actor, role store.Role, name string) (store.Issued, error) {
	if !role.Valid() {
		return store.Issued{}, fmt.Errorf("store/sqlite: role %q: %w", role, store.ErrInvalid)
	}
	if err := backend.CheckName("key", name); err != nil {
		return store.Issued{}, err
	}
	if !backend.IsID(workspace) {
		return store.Issued{}, backend.NotFound("workspace", workspace)
	}
	var issued store.Issued
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		if err := workspaceExists(ctx, tx, workspace); err != nil {
			return err
		}
		var err error
		issued, err = createKey(ctx, tx, workspace, by, role, name, backend.Now())
		return err
	})
	return issued, err
}

func createKey(ctx context.Context, tx *sql.Tx, workspace string, by store.Actor, role store.Role, name string, now time.Time) (store.Issued, error) {
	secret, shown, hash := backend.NewSecret()
	k := store.APIKey{ID: backend.NewID(backend.KeyPrefix), Workspace: workspace, Role: role, Name: name, Prefix: shown, Created: now}
	if _, err := tx.ExecContext(ctx, `INSERT INTO api_keys (id, workspace, role, name, prefix, hash, created)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, k.ID, workspace, string(role), name, shown, hash, micros(now)); err != nil {
		return store.Issued{}, wrap("create key", err)
	}
	if err := audit(ctx, tx, workspace, by, store.ActionKeyCreate, "", 0, k.ID, now); err != nil {
		return store.Issued{}, err
	}
	return store.Issued{Key: k, Secret: secret}, nil
}

const keyColumns = "id, workspace, role, name, prefix, created, revoked"

func scanKey(row interface{ Scan(...any) error }) (store.APIKey, error) {
	var k store.APIKey
	var role string
	var created int64
	var revoked sql.NullInt64
	if err := row.Scan(&k.ID, &k.Workspace, &role, &k.Name, &k.Prefix, &created, &revoked); err != nil {
		return store.APIKey{}, err
	}
	k.Role = store.Role(role)
	k.Created = fromMicros(created)
	k.Revoked = fromNull(revoked)
	return k, nil
}

// Keys returns a workspace's keys, oldest first.
func (s *Store) Keys(ctx context.Context, workspace string) ([]store.APIKey, error) {
	if !backend.IsID(workspace) {
		return []store.APIKey{}, nil
	}
	rows, err := s.read.QueryContext(ctx, "SELECT "+keyColumns+" FROM api_keys WHERE workspace = ? ORDER BY id", workspace)
	if err != nil {
		return nil, wrap("keys", err)
	}
	defer rows.Close()
	keys := []store.APIKey{}
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, wrap("keys", err)
		}
		keys = append(keys, k)
	}
	return keys, wrap("keys", rows.Err())
}

// RevokeKey revokes a key.
func (s *Store) RevokeKey(ctx context.Context, workspace string, by store.Actor, id string) (store.APIKey, error) {
	if !backend.IsID(workspace) || !backend.IsID(id) {
		return store.APIKey{}, backend.NotFound("key", id)
	}
	var k store.APIKey
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		var err error
		k, err = scanKey(tx.QueryRowContext(ctx, "SELECT "+keyColumns+" FROM api_keys WHERE workspace = ? AND id = ?", workspace, id))
		if errors.Is(err, sql.ErrNoRows) {
			return backend.NotFound("key", id)
		}
		if err != nil || !k.Revoked.IsZero() {
			return wrap("key", err)
		}
		now := backend.Now()
		if _, err := tx.ExecContext(ctx, "UPDATE api_keys SET revoked = ? WHERE id = ?", micros(now), id); err != nil {
			return wrap("revoke key", err)
		}
		k.Revoked = now
		return audit(ctx, tx, workspace, by, store.ActionKeyRevoke, "", 0, id, now)
	})
	if err != nil {
		return store.APIKey{}, err
	}
	return k, nil
}

// Authenticate returns the valid key whose secret this is.
func (s *Store) Authenticate(ctx context.Context, secret string) (store.APIKey, error) {
	if !strings.HasPrefix(secret, backend.SecretPrefix) {
		return store.APIKey{}, fmt.Errorf("store/sqlite: key: %w", store.ErrNotFound)
	}
	k, err := scanKey(s.read.QueryRowContext(ctx,
		"SELECT "+keyColumns+" FROM api_keys WHERE hash = ? AND revoked IS NULL", backend.Hash(secret)))
	if errors.Is(err, sql.ErrNoRows) {
		return store.APIKey{}, fmt.Errorf("store/sqlite: key: %w", store.ErrNotFound)
	}
	return k, wrap("key", err)
}

const caseColumns = "id, workspace, name, revision, created, updated, deleted"

func scanCase(row interface{ Scan(...any) error }) (store.Case, error) {
	var c store.Case
	var created, updated int64
	var deleted sql.NullInt64
	if err := row.Scan(&c.ID, &c.Workspace, &c.Name, &c.Revision, &created, &updated, &deleted); err != nil {
		return store.Case{}, err
	}
	c.Created = fromMicros(created)
	c.Updated = fromMicros(updated)
	c.Deleted = fromNull(deleted)
	return c, nil
}

// getCase returns a case of the workspace, ErrNotFound or, for a deleted case, the
// case and ErrGone.
func getCase(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, workspace, id string) (store.Case, error) {
	if !backend.IsID(workspace) || !backend.IsID(id) {
		return store.Case{}, backend.NotFound("case", id)
	}
	c, err := scanCase(q.QueryRowContext(ctx, "SELECT "+caseColumns+" FROM cases WHERE workspace = ? AND id = ?", workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return store.Case{}, backend.NotFound("case", id)
	}
	if err != nil {
		return store.Case{}, wrap("case", err)
	}
	if !c.Deleted.IsZero() {
		return c, backend.Gone(id)
	}
	return c, nil
}

// CreateCase creates a case with d as its revision 1.
func (s *Store) CreateCase(ctx context.Context, workspace string, by store.Actor, d store.Draft) (store.Case, error) {
	if err := backend.CheckDraft(d, true); err != nil {
		return store.Case{}, err
	}
	if !backend.IsID(workspace) {
		return store.Case{}, backend.NotFound("workspace", workspace)
	}
	now := backend.Now()
	c := store.Case{ID: backend.NewID(backend.CasePrefix), Workspace: workspace, Name: d.Name, Revision: 1, Created: now, Updated: now}
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		if err := workspaceExists(ctx, tx, workspace); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO cases (id, workspace, name, name_fold, revision, created, updated)
			VALUES (?, ?, ?, ?, 1, ?, ?)`, c.ID, workspace, d.Name, backend.Fold(d.Name), micros(now), micros(now)); err != nil {
			return wrap("create case", err)
		}
		if err := insertRevision(ctx, tx, c.ID, 1, d.Data, by, now); err != nil {
			return err
		}
		return audit(ctx, tx, workspace, by, store.ActionCaseCreate, c.ID, 1, "", now)
	})
	if err != nil {
		return store.Case{}, err
	}
	return c, nil
}

func insertRevision(ctx context.Context, tx *sql.Tx, id string, n int, data []byte, by store.Actor, now time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO revisions (case_id, n, data, size, created, key_id) VALUES (?, ?, ?, ?, ?, ?)",
		id, n, data, len(data), micros(now), by.Key)
	return wrap("revision", err)
}

// Cases returns a page of a workspace's cases that are not deleted, newest first.
func (s *Store) Cases(ctx context.Context, workspace string, q store.CaseQuery) (store.Page[store.Case], error) {
	limit, err := backend.Limit(q.Limit)
	if err != nil {
		return store.Page[store.Case]{}, err
	}
	after, err := backend.ParseCursor(q.Cursor)
	if err != nil {
		return store.Page[store.Case]{}, err
	}
	if err := backend.CheckFilter(q.Name); err != nil {
		return store.Page[store.Case]{}, err
	}
	if !backend.IsID(workspace) {
		return store.Page[store.Case]{Items: []store.Case{}}, nil
	}
	query := "SELECT " + caseColumns + " FROM cases WHERE workspace = ? AND deleted IS NULL"
	args := []any{workspace}
	if q.Name != "" {
		query += " AND instr(name_fold, ?) > 0"
		args = append(args, backend.Fold(q.Name))
	}
	if after != "" {
		query += " AND id < ?"
		args = append(args, after)
	}
	query += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit+1)
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return store.Page[store.Case]{}, wrap("cases", err)
	}
	defer rows.Close()
	var cases []store.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return store.Page[store.Case]{}, wrap("cases", err)
		}
		cases = append(cases, c)
	}
	if err := rows.Err(); err != nil {
		return store.Page[store.Case]{}, wrap("cases", err)
	}
	return backend.Paginate(cases, limit, func(c store.Case) string { return c.ID }), nil
}

// Case returns a case.
func (s *Store) Case(ctx context.Context, workspace, id string) (store.Case, error) {
	return getCase(ctx, s.read, workspace, id)
}

// PutCase writes d as the case's next revision.
func (s *Store) PutCase(ctx context.Context, workspace string, by store.Actor, id string, expected int, d store.Draft) (store.Case, error) {
	if err := backend.CheckExpected(expected); err != nil {
		return store.Case{}, err
	}
	if err := backend.CheckDraft(d, false); err != nil {
		return store.Case{}, err
	}
	var c store.Case
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = getCase(ctx, tx, workspace, id); err != nil {
			return err
		}
		if !backend.Matches(expected, c.Revision) {
			return backend.Conflict(id, expected, c.Revision)
		}
		now := backend.Now()
		c.Revision++
		c.Updated = now
		if d.Name != "" {
			c.Name = d.Name
		}
		if _, err := tx.ExecContext(ctx, "UPDATE cases SET name = ?, name_fold = ?, revision = ?, updated = ? WHERE id = ?",
			c.Name, backend.Fold(c.Name), c.Revision, micros(now), id); err != nil {
			return wrap("put case", err)
		}
		if err := insertRevision(ctx, tx, id, c.Revision, d.Data, by, now); err != nil {
			return err
		}
		return audit(ctx, tx, workspace, by, store.ActionCasePut, id, c.Revision, "", now)
	})
	if err != nil {
		return store.Case{}, err
	}
	return c, nil
}

// DeleteCase erases the case's name and every revision.
func (s *Store) DeleteCase(ctx context.Context, workspace string, by store.Actor, id string, expected int) (store.Case, error) {
	if err := backend.CheckExpected(expected); err != nil {
		return store.Case{}, err
	}
	var c store.Case
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = getCase(ctx, tx, workspace, id); err != nil {
			return err
		}
		if !backend.Matches(expected, c.Revision) {
			return backend.Conflict(id, expected, c.Revision)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM revisions WHERE case_id = ?", id); err != nil {
			return wrap("delete revisions", err)
		}
		now := backend.Now()
		if _, err := tx.ExecContext(ctx, "UPDATE cases SET name = '', name_fold = '', updated = ?, deleted = ? WHERE id = ?",
			micros(now), micros(now), id); err != nil {
			return wrap("delete case", err)
		}
		c.Name, c.Updated, c.Deleted = "", now, now
		return audit(ctx, tx, workspace, by, store.ActionCaseDelete, id, c.Revision, "", now)
	})
	if err != nil {
		return store.Case{}, err
	}
	return c, nil
}

// Revisions returns a page of a case's revisions without their data, newest first.
func (s *Store) Revisions(ctx context.Context, workspace, id string, q store.RevisionQuery) (store.Page[store.Revision], error) {
	limit, err := backend.Limit(q.Limit)
	if err != nil {
		return store.Page[store.Revision]{}, err
	}
	before, more, err := backend.ParseIntCursor(q.Cursor)
	if err != nil {
		return store.Page[store.Revision]{}, err
	}
	if !more {
		before = 1 << 62
	}
	var revs []store.Revision
	err = s.inRead(ctx, func(tx *sql.Tx) error {
		if _, err := getCase(ctx, tx, workspace, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT case_id, n, size, created, key_id FROM revisions
			WHERE case_id = ? AND n < ? ORDER BY n DESC LIMIT ?`, id, before, limit+1)
		if err != nil {
			return wrap("revisions", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r store.Revision
			var created int64
			if err := rows.Scan(&r.Case, &r.N, &r.Size, &created, &r.Key); err != nil {
				return wrap("revisions", err)
			}
			r.Created = fromMicros(created)
			revs = append(revs, r)
		}
		return wrap("revisions", rows.Err())
	})
	if err != nil {
		return store.Page[store.Revision]{}, err
	}
	return backend.Paginate(revs, limit, func(r store.Revision) string { return strconv.Itoa(r.N) }), nil
}

// Revision returns revision n of a case with its data, or the current one.
func (s *Store) Revision(ctx context.Context, workspace, id string, n int) (store.Revision, error) {
	if n < 0 {
		return store.Revision{}, fmt.Errorf("store/sqlite: revision %d: %w", n, store.ErrInvalid)
	}
	var r store.Revision
	err := s.inRead(ctx, func(tx *sql.Tx) error {
		c, err := getCase(ctx, tx, workspace, id)
		if err != nil {
			return err
		}
		if n == store.Current {
			n = c.Revision
		}
		var created int64
		err = tx.QueryRowContext(ctx, "SELECT case_id, n, data, size, created, key_id FROM revisions WHERE case_id = ? AND n = ?", id, n).
			Scan(&r.Case, &r.N, &r.Data, &r.Size, &created, &r.Key)
		if errors.Is(err, sql.ErrNoRows) {
			return backend.NotFound("revision", fmt.Sprintf("%s/%d", id, n))
		}
		r.Created = fromMicros(created)
		return wrap("revision", err)
	})
	if err != nil {
		return store.Revision{}, err
	}
	return r, nil
}

// AppendAudit adds an entry to a workspace's audit log.
func (s *Store) AppendAudit(ctx context.Context, workspace string, e store.AuditEntry) (store.AuditEntry, error) {
	if err := backend.CheckEntry(e); err != nil {
		return store.AuditEntry{}, err
	}
	if !backend.IsID(workspace) {
		return store.AuditEntry{}, backend.NotFound("workspace", workspace)
	}
	e.Workspace = workspace
	e.Time = backend.Now()
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		if err := workspaceExists(ctx, tx, workspace); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO audit (time, workspace, key_id, action, case_id, revision, target, request_id, result)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			micros(e.Time), workspace, e.Key, e.Action, e.Case, e.Revision, e.Target, e.RequestID, e.Result).Scan(&e.ID)
		return wrap("audit", err)
	})
	if err != nil {
		return store.AuditEntry{}, err
	}
	return e, nil
}

// Audit returns a page of a workspace's audit log, newest first.
func (s *Store) Audit(ctx context.Context, workspace string, q store.AuditQuery) (store.Page[store.AuditEntry], error) {
	limit, err := backend.Limit(q.Limit)
	if err != nil {
		return store.Page[store.AuditEntry]{}, err
	}
	before, more, err := backend.ParseIntCursor(q.Cursor)
	if err != nil {
		return store.Page[store.AuditEntry]{}, err
	}
	if !backend.IsID(workspace) || q.Case != "" && !backend.IsID(q.Case) {
		return store.Page[store.AuditEntry]{Items: []store.AuditEntry{}}, nil
	}
	query := `SELECT id, time, workspace, key_id, action, case_id, revision, target, request_id, result
		FROM audit WHERE workspace = ?`
	args := []any{workspace}
	if q.Case != "" {
		query += " AND case_id = ?"
		args = append(args, q.Case)
	}
	if !q.Since.IsZero() {
		query += " AND time >= ?"
		args = append(args, micros(q.Since))
	}
	if !q.Until.IsZero() {
		query += " AND time < ?"
		args = append(args, micros(q.Until))
	}
	if more {
		query += " AND id < ?"
		args = append(args, before)
	}
	query += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit+1)
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return store.Page[store.AuditEntry]{}, wrap("audit", err)
	}
	defer rows.Close()
	var entries []store.AuditEntry
	for rows.Next() {
		var e store.AuditEntry
		var t int64
		if err := rows.Scan(&e.ID, &t, &e.Workspace, &e.Key, &e.Action, &e.Case, &e.Revision, &e.Target, &e.RequestID, &e.Result); err != nil {
			return store.Page[store.AuditEntry]{}, wrap("audit", err)
		}
		e.Time = fromMicros(t)
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return store.Page[store.AuditEntry]{}, wrap("audit", err)
	}
	return backend.Paginate(entries, limit, func(e store.AuditEntry) string { return strconv.FormatInt(e.ID, 10) }), nil
}
