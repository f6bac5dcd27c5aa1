package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

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
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO workspaces (id, name, created) VALUES ($1, $2, $3)", ws.ID, ws.Name, now)
		if isCode(err, uniqueViolation) {
			return fmt.Errorf("store/postgres: workspace %q: %w", name, store.ErrExists)
		}
		if err != nil {
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

func scanWorkspace(row pgx.Row) (store.Workspace, error) {
	var ws store.Workspace
	if err := row.Scan(&ws.ID, &ws.Name, &ws.Created); err != nil {
		return store.Workspace{}, err
	}
	ws.Created = ws.Created.UTC()
	return ws, nil
}

// Workspace returns a workspace.
func (s *Store) Workspace(ctx context.Context, id string) (store.Workspace, error) {
	if !backend.IsID(id) {
		return store.Workspace{}, backend.NotFound("workspace", id)
	}
	ws, err := scanWorkspace(s.pool.QueryRow(ctx, "SELECT id, name, created FROM workspaces WHERE id = $1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Workspace{}, backend.NotFound("workspace", id)
	}
	return ws, wrap("workspace", err)
}

// Workspaces returns every workspace, oldest first.
func (s *Store) Workspaces(ctx context.Context) ([]store.Workspace, error) {
	rows, err := s.pool.Query(ctx, "SELECT id, name, created FROM workspaces ORDER BY id")
	if err != nil {
		return nil, wrap("workspaces", err)
	}
	all, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Workspace, error) { return scanWorkspace(r) })
	if err != nil {
		return nil, wrap("workspaces", err)
	}
	return all, nil
}

// CreateKey creates an API key in a workspace.
func (s *Store) CreateKey(ctx context.Context, workspace string, by store.Actor, role store.Role, name string) (store.Issued, error) {
	if !role.Valid() {
		return store.Issued{}, fmt.Errorf("store/postgres: role %q: %w", role, store.ErrInvalid)
	}
	if err := backend.CheckName("key", name); err != nil {
		return store.Issued{}, err
	}
	if !backend.IsID(workspace) {
		return store.Issued{}, backend.NotFound("workspace", workspace)
	}
	var issued store.Issued
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		issued, err = createKey(ctx, tx, workspace, by, role, name, backend.Now())
		return err
	})
	return issued, err
}

func createKey(ctx context.Context, tx pgx.Tx, workspace string, by store.Actor, role store.Role, name string, now time.Time) (store.Issued, error) {
	secret, shown, hash := backend.NewSecret()
	k := store.APIKey{ID: backend.NewID(backend.KeyPrefix), Workspace: workspace, Role: role, Name: name, Prefix: shown, Created: now}
	_, err := tx.Exec(ctx, `INSERT INTO api_keys (id, workspace, role, name, prefix, hash, created)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, k.ID, workspace, string(role), name, shown, hash, now)
	if isCode(err, foreignKeyViolation) {
		return store.Issued{}, backend.NotFound("workspace", workspace)
	}
	if err != nil {
		return store.Issued{}, wrap("create key", err)
	}
	if err := audit(ctx, tx, workspace, by, store.ActionKeyCreate, "", 0, k.ID, now); err != nil {
		return store.Issued{}, err
	}
	return store.Issued{Key: k, Secret: secret}, nil
}

const keyColumns = "id, workspace, role, name, prefix, created, revoked"

func scanKey(row pgx.Row) (store.APIKey, error) {
	var k store.APIKey
	var role string
	var revoked *time.Time
	if err := row.Scan(&k.ID, &k.Workspace, &role, &k.Name, &k.Prefix, &k.Created, &revoked); err != nil {
		return store.APIKey{}, err
	}
	k.Role = store.Role(role)
	k.Created = k.Created.UTC()
	k.Revoked = orZero(revoked)
	return k, nil
}

// Keys returns a workspace's keys, oldest first.
func (s *Store) Keys(ctx context.Context, workspace string) ([]store.APIKey, error) {
	if !backend.IsID(workspace) {
		return []store.APIKey{}, nil
	}
	rows, err := s.pool.Query(ctx, "SELECT "+keyColumns+" FROM api_keys WHERE workspace = $1 ORDER BY id", workspace)
	if err != nil {
		return nil, wrap("keys", err)
	}
	keys, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.APIKey, error) { return scanKey(r) })
	if err != nil {
		return nil, wrap("keys", err)
	}
	return keys, nil
}

// RevokeKey revokes a key.
func (s *Store) RevokeKey(ctx context.Context, workspace string, by store.Actor, id string) (store.APIKey, error) {
	if !backend.IsID(workspace) || !backend.IsID(id) {
		return store.APIKey{}, backend.NotFound("key", id)
	}
	var k store.APIKey
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		k, err = scanKey(tx.QueryRow(ctx, "SELECT "+keyColumns+" FROM api_keys WHERE workspace = $1 AND id = $2 FOR UPDATE", workspace, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return backend.NotFound("key", id)
		}
		if err != nil || !k.Revoked.IsZero() {
			return wrap("key", err)
		}
		now := backend.Now()
		if _, err := tx.Exec(ctx, "UPDATE api_keys SET revoked = $1 WHERE id = $2", now, id); err != nil {
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
		return store.APIKey{}, fmt.Errorf("store/postgres: key: %w", store.ErrNotFound)
	}
	k, err := scanKey(s.pool.QueryRow(ctx,
		"SELECT "+keyColumns+" FROM api_keys WHERE hash = $1 AND revoked IS NULL", backend.Hash(secret)))
	if errors.Is(err, pgx.ErrNoRows) {
		return store.APIKey{}, fmt.Errorf("store/postgres: key: %w", store.ErrNotFound)
	}
	return k, wrap("key", err)
}

const caseColumns = "id, workspace, name, revision, created, updated, deleted"

func scanCase(row pgx.Row) (store.Case, error) {
	var c store.Case
	var deleted *time.Time
	if err := row.Scan(&c.ID, &c.Workspace, &c.Name, &c.Revision, &c.Created, &c.Updated, &deleted); err != nil {
		return store.Case{}, err
	}
	c.Created = c.Created.UTC()
	c.Updated = c.Updated.UTC()
	c.Deleted = orZero(deleted)
	return c, nil
}

// getCase returns a case of the workspace, ErrNotFound or, for a deleted case, the
// case and ErrGone. lock adds FOR UPDATE: the writers of one case take turns.
func getCase(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, workspace, id string, lock bool) (store.Case, error) {
	if !backend.IsID(workspace) || !backend.IsID(id) {
		return store.Case{}, backend.NotFound("case", id)
	}
	query := "SELECT " + caseColumns + " FROM cases WHERE workspace = $1 AND id = $2"
	if lock {
		query += " FOR UPDATE"
	}
	c, err := scanCase(q.QueryRow(ctx, query, workspace, id))
	if errors.Is(err, pgx.ErrNoRows) {
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
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO cases (id, workspace, name, name_fold, revision, created, updated)
			VALUES ($1, $2, $3, $4, 1, $5, $5)`, c.ID, workspace, d.Name, backend.Fold(d.Name), now)
		if isCode(err, foreignKeyViolation) {
			return backend.NotFound("workspace", workspace)
		}
		if err != nil {
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

func insertRevision(ctx context.Context, tx pgx.Tx, id string, n int, data []byte, by store.Actor, now time.Time) error {
	_, err := tx.Exec(ctx, "INSERT INTO revisions (case_id, n, data, size, created, key_id) VALUES ($1, $2, $3, $4, $5, $6)",
		id, n, data, len(data), now, by.Key)
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
	query := "SELECT " + caseColumns + " FROM cases WHERE workspace = $1 AND deleted IS NULL"
	args := []any{workspace}
	if q.Name != "" {
		args = append(args, backend.Fold(q.Name))
		query += fmt.Sprintf(" AND strpos(name_fold, $%d) > 0", len(args))
	}
	if after != "" {
		args = append(args, after)
		query += fmt.Sprintf(" AND id < $%d", len(args))
	}
	args = append(args, limit+1)
	query += fmt.Sprintf(" ORDER BY id DESC LIMIT $%d", len(args))
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return store.Page[store.Case]{}, wrap("cases", err)
	}
	cases, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Case, error) { return scanCase(r) })
	if err != nil {
		return store.Page[store.Case]{}, wrap("cases", err)
	}
	return backend.Paginate(cases, limit, func(c store.Case) string { return c.ID }), nil
}

// Case returns a case.
func (s *Store) Case(ctx context.Context, workspace, id string) (store.Case, error) {
	return getCase(ctx, s.pool, workspace, id, false)
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
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if c, err = getCase(ctx, tx, workspace, id, true); err != nil {
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
		if _, err := tx.Exec(ctx, "UPDATE cases SET name = $1, name_fold = $2, revision = $3, updated = $4 WHERE id = $5",
			c.Name, backend.Fold(c.Name), c.Revision, now, id); err != nil {
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
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if c, err = getCase(ctx, tx, workspace, id, true); err != nil {
			return err
		}
		if !backend.Matches(expected, c.Revision) {
			return backend.Conflict(id, expected, c.Revision)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM revisions WHERE case_id = $1", id); err != nil {
			return wrap("delete revisions", err)
		}
		now := backend.Now()
		if _, err := tx.Exec(ctx, "UPDATE cases SET name = '', name_fold = '', updated = $1, deleted = $1 WHERE id = $2", now, id); err != nil {
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
	if !more || before > math.MaxInt32 {
		before = math.MaxInt32
	}
	var revs []store.Revision
	err = s.inSnapshot(ctx, func(tx pgx.Tx) error {
		if _, err := getCase(ctx, tx, workspace, id, false); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT case_id, n, size, created, key_id FROM revisions
			WHERE case_id = $1 AND n < $2 ORDER BY n DESC LIMIT $3`, id, before, limit+1)
		if err != nil {
			return wrap("revisions", err)
		}
		revs, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Revision, error) {
			var rev store.Revision
			err := r.Scan(&rev.Case, &rev.N, &rev.Size, &rev.Created, &rev.Key)
			rev.Created = rev.Created.UTC()
			return rev, err
		})
		return wrap("revisions", err)
	})
	if err != nil {
		return store.Page[store.Revision]{}, err
	}
	return backend.Paginate(revs, limit, func(r store.Revision) string { return strconv.Itoa(r.N) }), nil
}

// Revision returns revision n of a case with its data, or the current one.
func (s *Store) Revision(ctx context.Context, workspace, id string, n int) (store.Revision, error) {
	if n < 0 {
		return store.Revision{}, fmt.Errorf("store/postgres: revision %d: %w", n, store.ErrInvalid)
	}
	var r store.Revision
	err := s.inSnapshot(ctx, func(tx pgx.Tx) error {
		c, err := getCase(ctx, tx, workspace, id, false)
		if err != nil {
			return err
		}
		if n == store.Current {
			n = c.Revision
		}
		err = tx.QueryRow(ctx, "SELECT case_id, n, data, size, created, key_id FROM revisions WHERE case_id = $1 AND n = $2", id, n).
			Scan(&r.Case, &r.N, &r.Data, &r.Size, &r.Created, &r.Key)
		if errors.Is(err, pgx.ErrNoRows) {
			return backend.NotFound("revision", fmt.Sprintf("%s/%d", id, n))
		}
		r.Created = r.Created.UTC()
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
	err := s.pool.QueryRow(ctx, `INSERT INTO audit (time, workspace, key_id, action, case_id, revision, target, request_id, result)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		e.Time, workspace, e.Key, e.Action, e.Case, e.Revision, e.Target, e.RequestID, e.Result).Scan(&e.ID)
	if isCode(err, foreignKeyViolation) {
		return store.AuditEntry{}, backend.NotFound("workspace", workspace)
	}
	if err != nil {
		return store.AuditEntry{}, wrap("audit", err)
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
		FROM audit WHERE workspace = $1`
	args := []any{workspace}
	add := func(cond string, v any) {
		args = append(args, v)
		query += fmt.Sprintf(cond, len(args))
	}
	if q.Case != "" {
		add(" AND case_id = $%d", q.Case)
	}
	if !q.Since.IsZero() {
		add(" AND time >= $%d", q.Since)
	}
	if !q.Until.IsZero() {
		add(" AND time < $%d", q.Until)
	}
	if more {
		add(" AND id < $%d", before)
	}
	add(" ORDER BY id DESC LIMIT $%d", limit+1)
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return store.Page[store.AuditEntry]{}, wrap("audit", err)
	}
	entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.AuditEntry, error) {
		var e store.AuditEntry
		err := r.Scan(&e.ID, &e.Time, &e.Workspace, &e.Key, &e.Action, &e.Case, &e.Revision, &e.Target, &e.RequestID, &e.Result)
		e.Time = e.Time.UTC()
		return e, err
	})
	if err != nil {
		return store.Page[store.AuditEntry]{}, wrap("audit", err)
	}
	return backend.Paginate(entries, limit, func(e store.AuditEntry) string { return strconv.FormatInt(e.ID, 10) }), nil
}
