package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/gdprdocs/gdprdocs/store"
	"github.com/gdprdocs/gdprdocs/store/internal/backend"
)

// Restore writes an archived workspace in one transaction.
func (s *Store) Restore(ctx context.Context, by store.Actor, a store.Archive) (store.Workspace, store.Issued, error) {
	a, err := backend.CheckArchive(a)
	if err != nil {
		return store.Workspace{}, store.Issued{}, err
	}
	ws := a.Workspace
	var issued store.Issued
	err = s.inWrite(ctx, func(tx *sql.Tx) error {
		if err := taken(ctx, tx, "workspace", "SELECT 1 FROM workspaces WHERE id = ? OR name = ?", ws.ID, ws.Name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO workspaces (id, name, created) VALUES (?, ?, ?)",
			ws.ID, ws.Name, micros(ws.Created)); err != nil {
			return wrap("restore workspace", err)
		}
		now := backend.Now()
		for _, k := range a.Keys {
			if err := taken(ctx, tx, "key", "SELECT 1 FROM api_keys WHERE id = ?", k.ID); err != nil {
				return err
			}
			if k.Revoked.IsZero() {
				k.Revoked = now
			}
			_, _, hash := backend.NewSecret() // of a secret nobody has: the key opens nothing
			if _, err := tx.ExecContext(ctx, `INSERT INTO api_keys (id, workspace, role, name, prefix, hash, created, revoked)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, k.ID, ws.ID, string(k.Role), k.Name, k.Prefix, hash, micros(k.Created), micros(k.Revoked)); err != nil {
				return wrap("restore key", err)
			}
		}
		for _, ac := range a.Cases {
			c := ac.Case
			if err := taken(ctx, tx, "case", "SELECT 1 FROM cases WHERE id = ?", c.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO cases (id, workspace, name, name_fold, revision, created, updated)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, ws.ID, c.Name, backend.Fold(c.Name), c.Revision, micros(c.Created), micros(c.Updated)); err != nil {
				return wrap("restore case", err)
			}
			for _, r := range ac.Revisions {
				if err := insertRevision(ctx, tx, c.ID, r.N, r.Data, store.Actor{Key: r.Key}, r.Created); err != nil {
					return err
				}
			}
		}
		for _, e := range a.Audit {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit (time, workspace, key_id, action, case_id, revision, target, request_id, result)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				micros(e.Time), ws.ID, e.Key, e.Action, e.Case, e.Revision, e.Target, e.RequestID, e.Result); err != nil {
				return wrap("restore audit", err)
			}
		}
		if err := audit(ctx, tx, ws.ID, by, store.ActionWorkspaceRestore, "", 0, "", now); err != nil {
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

// taken returns ErrExists when query, asking for a what by its id or name, finds one.
func taken(ctx context.Context, tx *sql.Tx, what, query string, args ...any) error {
	var one int
	err := tx.QueryRowContext(ctx, query, args...).Scan(&one)
	switch {
	case err == nil:
		return fmt.Errorf("store/sqlite: %s %q: %w", what, args[0], store.ErrExists)
	case errors.Is(err, sql.ErrNoRows):
		return nil
	}
	return wrap(what, err)
}
