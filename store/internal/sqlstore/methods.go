package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
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
		_, err := tx.ExecContext(ctx, s.bind("INSERT INTO workspaces (id, name, created) VALUES (?, ?, ?)"), ws.ID, ws.Name, s.timeValue(now))
		if s.dialect.IsUnique(err) {
			return fmt.Errorf("%s: workspace %q: %w", s.dialect.Name, name, store.ErrExists)
		}
		if err != nil {
			return s.wrap("create workspace", err)
		}
		issued, err = s.founded(ctx, tx, ws.ID, by, store.ActionWorkspaceCreate, now)
		return err
	})
	if err != nil {
		return store.Workspace{}, store.Issued{}, err
	}
	return ws, issued, nil
}

// founded records that by made a workspace, with action, and issues its owner key.
func (s *Store) founded(ctx context.Context, tx *sql.Tx, workspace string, by store.Actor, action string, now time.Time) (store.Issued, error) {
	if err := s.audit(ctx, tx, workspace, by, action, "", 0, "", now); err != nil {
		return store.Issued{}, err
	}
	return s.createKey(ctx, tx, workspace, by, store.Owner, "owner", now)
}

func scanWorkspace(row interface{ Scan(...any) error }) (store.Workspace, error) {
	var ws store.Workspace
	err := row.Scan(&ws.ID, &ws.Name, scanTime{&ws.Created})
	return ws, err
}

// Workspace returns a workspace.
func (s *Store) Workspace(ctx context.Context, id string) (store.Workspace, error) {
	if !backend.IsID(id) {
		return store.Workspace{}, backend.NotFound("workspace", id)
	}
	ws, err := scanWorkspace(s.read.QueryRowContext(ctx, s.bind("SELECT id, name, created FROM workspaces WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return store.Workspace{}, backend.NotFound("workspace", id)
	}
	if err != nil {
		return store.Workspace{}, s.wrap("workspace", err)
	}
	return ws, nil
}

// Workspaces returns every workspace, oldest first.
func (s *Store) Workspaces(ctx context.Context) ([]store.Workspace, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT id, name, created FROM workspaces ORDER BY id")
	all, err := collect(rows, err, func(r *sql.Rows) (store.Workspace, error) { return scanWorkspace(r) })
	if err != nil {
		return nil, s.wrap("workspaces", err)
	}
	return all, nil
}

// CreateKey creates an API key in a workspace.
func (s *Store) CreateKey(ctx context.Context, workspace string, by store.Actor, role store.Role, name string) (store.Issued, error) {
	if !role.Valid() {
		return store.Issued{}, fmt.Errorf("%s: role %q: %w", s.dialect.Name, role, store.ErrInvalid)
	}
	if err := backend.CheckName("key", name); err != nil {
		return store.Issued{}, err
	}
	if !backend.IsID(workspace) {
		return store.Issued{}, backend.NotFound("workspace", workspace)
	}
	var issued store.Issued
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		var err error
		issued, err = s.createKey(ctx, tx, workspace, by, role, name, backend.Now())
		return err
	})
	return issued, err
}

func (s *Store) createKey(ctx context.Context, tx *sql.Tx, workspace string, by store.Actor, role store.Role, name string, now time.Time) (store.Issued, error) {
	secret, shown, hash := backend.NewSecret()
	k := store.APIKey{ID: backend.NewID(backend.KeyPrefix), Workspace: workspace, Role: role, Name: name, Prefix: shown, Created: now}
	_, err := tx.ExecContext(ctx, s.bind(`INSERT INTO api_keys (id, workspace, role, name, prefix, hash, created)
		VALUES (?, ?, ?, ?, ?, ?, ?)`), k.ID, workspace, string(role), name, shown, hash, s.timeValue(now))
	if s.dialect.IsForeignKey(err) {
		return store.Issued{}, backend.NotFound("workspace", workspace)
	}
	if err != nil {
		return store.Issued{}, s.wrap("create key", err)
	}
	if err := s.audit(ctx, tx, workspace, by, store.ActionKeyCreate, "", 0, k.ID, now); err != nil {
		return store.Issued{}, err
	}
	return store.Issued{Key: k, Secret: secret}, nil
}

const keyColumns = "id, workspace, role, name, prefix, created, revoked"

func scanKey(row interface{ Scan(...any) error }) (store.APIKey, error) {
	var k store.APIKey
	var role string
	if err := row.Scan(&k.ID, &k.Workspace, &role, &k.Name, &k.Prefix, scanTime{&k.Created}, scanTime{&k.Revoked}); err != nil {
		return store.APIKey{}, err
	}
	k.Role = store.Role(role)
	return k, nil
}

// Keys returns a workspace's keys, oldest first.
func (s *Store) Keys(ctx context.Context, workspace string) ([]store.APIKey, error) {
	if !backend.IsID(workspace) {
		return []store.APIKey{}, nil
	}
	rows, err := s.read.QueryContext(ctx, s.bind("SELECT "+keyColumns+" FROM api_keys WHERE workspace = ? ORDER BY id"), workspace)
	keys, err := collect(rows, err, func(r *sql.Rows) (store.APIKey, error) { return scanKey(r) })
	if err != nil {
		return nil, s.wrap("keys", err)
	}
	return keys, nil
}

// RevokeKey revokes a key.
func (s *Store) RevokeKey(ctx context.Context, workspace string, by store.Actor, id string) (store.APIKey, error) {
	if !backend.IsID(workspace) || !backend.IsID(id) {
		return store.APIKey{}, backend.NotFound("key", id)
	}
	var k store.APIKey
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		// Revocations in one workspace take turns on its row, so that the count of
		// owner keys below cannot go stale before the update.
		var locked string
		err := tx.QueryRowContext(ctx, s.bind("SELECT id FROM workspaces WHERE id = ?"+s.dialect.ForUpdate), workspace).Scan(&locked)
		if errors.Is(err, sql.ErrNoRows) {
			return backend.NotFound("key", id)
		}
		if err != nil {
			return s.wrap("workspace", err)
		}
		k, err = scanKey(tx.QueryRowContext(ctx, s.bind("SELECT "+keyColumns+" FROM api_keys WHERE workspace = ? AND id = ?"+s.dialect.ForUpdate), workspace, id))
		if errors.Is(err, sql.ErrNoRows) {
			return backend.NotFound("key", id)
		}
		if err != nil {
			return s.wrap("key", err)
		}
		if !k.Revoked.IsZero() {
			return nil // already revoked: nothing changes, nothing is audited
		}
		if k.Role == store.Owner {
			var owners int
			err := tx.QueryRowContext(ctx, s.bind("SELECT count(*) FROM api_keys WHERE workspace = ? AND role = ? AND revoked IS NULL"),
				workspace, string(store.Owner)).Scan(&owners)
			if err != nil {
				return s.wrap("count owner keys", err)
			}
			if owners == 1 {
				return fmt.Errorf("%s: key %s: %w", s.dialect.Name, id, store.ErrLastOwner)
			}
		}
		now := backend.Now()
		if _, err := tx.ExecContext(ctx, s.bind("UPDATE api_keys SET revoked = ? WHERE id = ?"), s.timeValue(now), id); err != nil {
			return s.wrap("revoke key", err)
		}
		k.Revoked = now
		return s.audit(ctx, tx, workspace, by, store.ActionKeyRevoke, "", 0, id, now)
	})
	if err != nil {
		return store.APIKey{}, err
	}
	return k, nil
}

// Authenticate returns the valid key whose secret this is.
func (s *Store) Authenticate(ctx context.Context, secret string) (store.APIKey, error) {
	if !strings.HasPrefix(secret, backend.SecretPrefix) {
		return store.APIKey{}, fmt.Errorf("%s: key: %w", s.dialect.Name, store.ErrNotFound)
	}
	k, err := scanKey(s.read.QueryRowContext(ctx,
		s.bind("SELECT "+keyColumns+" FROM api_keys WHERE hash = ? AND revoked IS NULL"), backend.Hash(secret)))
	if errors.Is(err, sql.ErrNoRows) {
		return store.APIKey{}, fmt.Errorf("%s: key: %w", s.dialect.Name, store.ErrNotFound)
	}
	return k, s.wrap("key", err)
}

const caseColumns = "id, workspace, name, revision, created, updated, deleted"

func scanCase(row interface{ Scan(...any) error }) (store.Case, error) {
	var c store.Case
	err := row.Scan(&c.ID, &c.Workspace, &c.Name, &c.Revision, scanTime{&c.Created}, scanTime{&c.Updated}, scanTime{&c.Deleted})
	return c, err
}

// getCase returns a case of the workspace, ErrNotFound or, for a deleted case, the
// case and ErrGone. lock is for a write transaction that goes on to change the case.
func (s *Store) getCase(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, workspace, id string, lock bool) (store.Case, error) {
	if !backend.IsID(workspace) || !backend.IsID(id) {
		return store.Case{}, backend.NotFound("case", id)
	}
	query := "SELECT " + caseColumns + " FROM cases WHERE workspace = ? AND id = ?"
	if lock {
		query += s.dialect.ForUpdate
	}
	c, err := scanCase(q.QueryRowContext(ctx, s.bind(query), workspace, id))
	if errors.Is(err, sql.ErrNoRows) {
		return store.Case{}, backend.NotFound("case", id)
	}
	if err != nil {
		return store.Case{}, s.wrap("case", err)
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
		_, err := tx.ExecContext(ctx, s.bind(`INSERT INTO cases (id, workspace, name, name_fold, revision, created, updated)
			VALUES (?, ?, ?, ?, 1, ?, ?)`), c.ID, workspace, d.Name, backend.Fold(d.Name), s.timeValue(now), s.timeValue(now))
		if s.dialect.IsForeignKey(err) {
			return backend.NotFound("workspace", workspace)
		}
		if err != nil {
			return s.wrap("create case", err)
		}
		if err := s.insertRevision(ctx, tx, c.ID, 1, d.Data, by, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, workspace, by, store.ActionCaseCreate, c.ID, 1, "", now)
	})
	if err != nil {
		return store.Case{}, err
	}
	return c, nil
}

func (s *Store) insertRevision(ctx context.Context, tx *sql.Tx, id string, n int, data []byte, by store.Actor, now time.Time) error {
	_, err := tx.ExecContext(ctx, s.bind("INSERT INTO revisions (case_id, n, data, size, created, key_id) VALUES (?, ?, ?, ?, ?, ?)"),
		id, n, data, len(data), s.timeValue(now), by.Key)
	return s.wrap("revision", err)
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
		query += " AND " + s.dialect.Contains
		args = append(args, backend.Fold(q.Name))
	}
	if after != "" {
		query += " AND id < ?"
		args = append(args, after)
	}
	query += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit+1)
	rows, err := s.read.QueryContext(ctx, s.bind(query), args...)
	cases, err := collect(rows, err, func(r *sql.Rows) (store.Case, error) { return scanCase(r) })
	if err != nil {
		return store.Page[store.Case]{}, s.wrap("cases", err)
	}
	return backend.Paginate(cases, limit, func(c store.Case) string { return c.ID }), nil
}

// Case returns a case.
func (s *Store) Case(ctx context.Context, workspace, id string) (store.Case, error) {
	return s.getCase(ctx, s.read, workspace, id, false)
}

// PutCase writes d as the case's next revision.
func (s *Store) PutCase(ctx context.Context, workspace string, by store.Actor, id string, expected int, d store.Draft) (store.Case, error) {
	if err := backend.CheckExpected(expected); err != nil {
		return store.Case{}, err
	}
	if err := backend.CheckDraft(d, false); err != nil {
		return store.Case{}, err
	}
	return s.writeCase(ctx, workspace, id, expected, func(tx *sql.Tx, c *store.Case) error {
		now := backend.Now()
		c.Revision++
		c.Updated = now
		if d.Name != "" {
			c.Name = d.Name
		}
		if _, err := tx.ExecContext(ctx, s.bind("UPDATE cases SET name = ?, name_fold = ?, revision = ?, updated = ? WHERE id = ?"),
			c.Name, backend.Fold(c.Name), c.Revision, s.timeValue(now), id); err != nil {
			return s.wrap("put case", err)
		}
		if err := s.insertRevision(ctx, tx, id, c.Revision, d.Data, by, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, workspace, by, store.ActionCasePut, id, c.Revision, "", now)
	})
}

// DeleteCase erases the case's name and every revision.
func (s *Store) DeleteCase(ctx context.Context, workspace string, by store.Actor, id string, expected int) (store.Case, error) {
	if err := backend.CheckExpected(expected); err != nil {
		return store.Case{}, err
	}
	return s.writeCase(ctx, workspace, id, expected, func(tx *sql.Tx, c *store.Case) error {
		if _, err := tx.ExecContext(ctx, s.bind("DELETE FROM revisions WHERE case_id = ?"), id); err != nil {
			return s.wrap("delete revisions", err)
		}
		now := backend.Now()
		if _, err := tx.ExecContext(ctx, s.bind("UPDATE cases SET name = '', name_fold = '', updated = ?, deleted = ? WHERE id = ?"),
			s.timeValue(now), s.timeValue(now), id); err != nil {
			return s.wrap("delete case", err)
		}
		c.Name, c.Updated, c.Deleted = "", now, now
		return s.audit(ctx, tx, workspace, by, store.ActionCaseDelete, id, c.Revision, "", now)
	})
}

// writeCase runs change in a write transaction on the case, locked and at the
// expected revision, and returns the case as change leaves it; a case at another
// revision is ErrConflict.
func (s *Store) writeCase(ctx context.Context, workspace, id string, expected int, change func(tx *sql.Tx, c *store.Case) error) (store.Case, error) {
	var c store.Case
	err := s.inWrite(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = s.getCase(ctx, tx, workspace, id, true); err != nil {
			return err
		}
		if !backend.Matches(expected, c.Revision) {
			return backend.Conflict(id, expected, c.Revision)
		}
		return change(tx, &c)
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
	// Revision numbers are 32-bit integers in PostgreSQL: a larger cursor is past them all.
	if !more || before > math.MaxInt32 {
		before = math.MaxInt32
	}
	var revs []store.Revision
	err = s.inRead(ctx, func(tx *sql.Tx) error {
		if _, err := s.getCase(ctx, tx, workspace, id, false); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, s.bind(`SELECT case_id, n, size, created, key_id FROM revisions
			WHERE case_id = ? AND n < ? ORDER BY n DESC LIMIT ?`), id, before, limit+1)
		revs, err = collect(rows, err, func(r *sql.Rows) (store.Revision, error) {
			var rev store.Revision
			err := r.Scan(&rev.Case, &rev.N, &rev.Size, scanTime{&rev.Created}, &rev.Key)
			return rev, err
		})
		return s.wrap("revisions", err)
	})
	if err != nil {
		return store.Page[store.Revision]{}, err
	}
	return backend.Paginate(revs, limit, func(r store.Revision) string { return strconv.Itoa(r.N) }), nil
}

// Revision returns revision n of a case with its data, or the current one.
func (s *Store) Revision(ctx context.Context, workspace, id string, n int) (store.Revision, error) {
	if n < 0 {
		return store.Revision{}, fmt.Errorf("%s: revision %d: %w", s.dialect.Name, n, store.ErrInvalid)
	}
	var r store.Revision
	err := s.inRead(ctx, func(tx *sql.Tx) error {
		c, err := s.getCase(ctx, tx, workspace, id, false)
		if err != nil {
			return err
		}
		if n == store.Current {
			n = c.Revision
		}
		err = tx.QueryRowContext(ctx, s.bind("SELECT case_id, n, data, size, created, key_id FROM revisions WHERE case_id = ? AND n = ?"), id, n).
			Scan(&r.Case, &r.N, &r.Data, &r.Size, scanTime{&r.Created}, &r.Key)
		if errors.Is(err, sql.ErrNoRows) {
			return backend.NotFound("revision", fmt.Sprintf("%s/%d", id, n))
		}
		return s.wrap("revision", err)
	})
	if err != nil {
		return store.Revision{}, err
	}
	return r, nil
}

// audit records an entry in tx.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, workspace string, by store.Actor, action, caseID string, revision int, target string, now time.Time) error {
	_, err := tx.ExecContext(ctx, s.bind(`INSERT INTO audit (time, workspace, key_id, action, case_id, revision, target, request_id, result)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		s.timeValue(now), workspace, by.Key, action, caseID, revision, target, by.RequestID, store.ResultOK)
	return s.wrap("audit", err)
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
	err := s.write.QueryRowContext(ctx, s.bind(`INSERT INTO audit (time, workspace, key_id, action, case_id, revision, target, request_id, result)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		s.timeValue(e.Time), workspace, e.Key, e.Action, e.Case, e.Revision, e.Target, e.RequestID, e.Result).Scan(&e.ID)
	if s.dialect.IsForeignKey(err) {
		return store.AuditEntry{}, backend.NotFound("workspace", workspace)
	}
	if err != nil {
		return store.AuditEntry{}, s.wrap("audit", err)
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
		args = append(args, s.timeValue(q.Since))
	}
	if !q.Until.IsZero() {
		query += " AND time < ?"
		args = append(args, s.timeValue(q.Until))
	}
	if more {
		query += " AND id < ?"
		args = append(args, before)
	}
	query += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit+1)
	rows, err := s.read.QueryContext(ctx, s.bind(query), args...)
	entries, err := collect(rows, err, func(r *sql.Rows) (store.AuditEntry, error) {
		var e store.AuditEntry
		err := r.Scan(&e.ID, scanTime{&e.Time}, &e.Workspace, &e.Key, &e.Action, &e.Case, &e.Revision, &e.Target, &e.RequestID, &e.Result)
		return e, err
	})
	if err != nil {
		return store.Page[store.AuditEntry]{}, s.wrap("audit", err)
	}
	return backend.Paginate(entries, limit, func(e store.AuditEntry) string { return strconv.FormatInt(e.ID, 10) }), nil
}
