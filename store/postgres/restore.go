package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

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
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		// The unique constraints decide, also against a restore running beside this one.
		exists := func(what, id string, err error) error {
			if isCode(err, uniqueViolation) {
				return fmt.Errorf("store/postgres: %s %q: %w", what, id, store.ErrExists)
			}
			return wrap("restore "+what, err)
		}
		_, err := tx.Exec(ctx, "INSERT INTO workspaces (id, name, created) VALUES ($1, $2, $3)", ws.ID, ws.Name, ws.Created)
		if isCode(err, uniqueViolation) {
			return fmt.Errorf("store/postgres: workspace %s or %q: %w", ws.ID, ws.Name, store.ErrExists)
		}
		if err != nil {
			return wrap("restore workspace", err)
		}
		now := backend.Now()
		for _, k := range a.Keys {
			if k.Revoked.IsZero() {
				k.Revoked = now
			}
			_, _, hash := backend.NewSecret() // of a secret nobody has: the key opens nothing
			if _, err := tx.Exec(ctx, `INSERT INTO api_keys (id, workspace, role, name, prefix, hash, created, revoked)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, k.ID, ws.ID, string(k.Role), k.Name, k.Prefix, hash, k.Created, k.Revoked); err != nil {
				return exists("key", k.ID, err)
			}
		}
		for _, ac := range a.Cases {
			c := ac.Case
			if _, err := tx.Exec(ctx, `INSERT INTO cases (id, workspace, name, name_fold, revision, created, updated)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.ID, ws.ID, c.Name, backend.Fold(c.Name), c.Revision, c.Created, c.Updated); err != nil {
				return exists("case", c.ID, err)
			}
			for _, r := range ac.Revisions {
				if err := insertRevision(ctx, tx, c.ID, r.N, r.Data, store.Actor{Key: r.Key}, r.Created); err != nil {
					return err
				}
			}
		}
		for _, e := range a.Audit {
			if _, err := tx.Exec(ctx, `INSERT INTO audit (time, workspace, key_id, action, case_id, revision, target, request_id, result)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				e.Time, ws.ID, e.Key, e.Action, e.Case, e.Revision, e.Target, e.RequestID, e.Result); err != nil {
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
