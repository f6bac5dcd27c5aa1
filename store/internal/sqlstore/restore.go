package sqlstore

import (
	"context"
	"database/sql"
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
		// The unique constraints decide, also against a restore running beside this one.
		exists := func(what, id string, err error) error {
			if s.dialect.IsUnique(err) {
				return fmt.Errorf("%s: %s %q: %w", s.dialect.Name, what, id, store.ErrExists)
			}
			return s.wrap("restore "+what, err)
		}
		_, err := tx.ExecContext(ctx, s.bind("INSERT INTO workspaces (id, name, created) VALUES (?, ?, ?)"), ws.ID, ws.Name, s.timeValue(ws.Created))
		if s.dialect.IsUnique(err) {
			return fmt.Errorf("%s: workspace %s or %q: %w", s.dialect.Name, ws.ID, ws.Name, store.ErrExists)
		}
		if err != nil {
			return s.wrap("restore workspace", err)
		}
		now := backend.Now()
		for _, k := range a.Keys {
			if k.Revoked.IsZero() {
				k.Revoked = now
			}
			_, _, hash := backend.NewSecret() // of a secret nobody has: the key opens nothing
			if _, err := tx.ExecContext(ctx, s.bind(`INSERT INTO api_keys (id, workspace, role, name, prefix, hash, created, revoked)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), k.ID, ws.ID, string(k.Role), k.Name, k.Prefix, hash, s.timeValue(k.Created), s.timeValue(k.Revoked)); err != nil {
				return exists("key", k.ID, err)
			}
		}
		for _, ac := range a.Cases {
			c := ac.Case
			if _, err := tx.ExecContext(ctx, s.bind(`INSERT INTO cases (id, workspace, name, name_fold, revision, created, updated)
				VALUES (?, ?, ?, ?, ?, ?, ?)`), c.ID, ws.ID, c.Name, backend.Fold(c.Name), c.Revision, s.timeValue(c.Created), s.timeValue(c.Updated)); err != nil {
				return exists("case", c.ID, err)
			}
			for _, r := range ac.Revisions {
				if err := s.insertRevision(ctx, tx, c.ID, r.N, r.Data, store.Actor{Key: r.Key}, r.Created); err != nil {
					return err
				}
			}
		}
		for _, e := range a.Audit {
			if _, err := tx.ExecContext(ctx, s.bind(`INSERT INTO audit (time, workspace, key_id, action, case_id, revision, target, request_id, result)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
				s.timeValue(e.Time), ws.ID, e.Key, e.Action, e.Case, e.Revision, e.Target, e.RequestID, e.Result); err != nil {
				return s.wrap("restore audit", err)
			}
		}
		issued, err = s.founded(ctx, tx, ws.ID, by, store.ActionWorkspaceRestore, now)
		return err
	})
	if err != nil {
		return store.Workspace{}, store.Issued{}, err
	}
	return ws, issued, nil
}
