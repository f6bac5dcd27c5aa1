// Package archive reads a workspace out of a store and writes it as a JSON file, and
// reads that file back, so that "gdprdocs export" and "gdprdocs import" move a
// workspace between databases, SQLite and PostgreSQL alike. The file holds the
// workspace's cases with every revision, its audit log and its keys' records — never a
// secret or a key hash — and each revision's data exactly as it was written, as a
// JSON string. It is personal data: keep it as carefully as the database.
//
// The package knows the file's format and the store's interface, nothing of a
// database.
package archive

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/gdprdocs/gdprdocs/store"
)

// Format names the file's format and its version; Decode refuses any other.
const Format = "gdprdocs-workspace/1"

// Export reads the workspace with the id from s. A case written during the export is
// read as it was when the export reached it, each case whole: stop the writers for a
// copy of one moment.
func Export(ctx context.Context, s store.Store, id string) (store.Archive, error) {
	ws, err := s.Workspace(ctx, id)
	if err != nil {
		return store.Archive{}, fmt.Errorf("archive: %w", err)
	}
	a := store.Archive{Workspace: ws}
	if a.Keys, err = s.Keys(ctx, id); err != nil {
		return store.Archive{}, fmt.Errorf("archive: %w", err)
	}
	for q := (store.CaseQuery{Limit: store.MaxLimit}); ; {
		p, err := s.Cases(ctx, id, q)
		if err != nil {
			return store.Archive{}, fmt.Errorf("archive: %w", err)
		}
		for _, c := range p.Items {
			ac, err := exportCase(ctx, s, id, c.ID)
			if errors.Is(err, store.ErrGone) {
				continue // deleted since the page was read: its data is erased
			}
			if err != nil {
				return store.Archive{}, err
			}
			a.Cases = append(a.Cases, ac)
		}
		if q.Cursor = p.Next; q.Cursor == "" {
			break
		}
	}
	slices.Reverse(a.Cases) // oldest first, as they were created
	for q := (store.AuditQuery{Limit: store.MaxLimit}); ; {
		p, err := s.Audit(ctx, id, q)
		if err != nil {
			return store.Archive{}, fmt.Errorf("archive: %w", err)
		}
		a.Audit = append(a.Audit, p.Items...)
		if q.Cursor = p.Next; q.Cursor == "" {
			break
		}
	}
	slices.Reverse(a.Audit)
	return a, nil
}

// exportCase reads a case and its revisions 1 to the revision it was at when read.
func exportCase(ctx context.Context, s store.Store, workspace, id string) (store.ArchivedCase, error) {
	c, err := s.Case(ctx, workspace, id)
	if err != nil {
		return store.ArchivedCase{}, fmt.Errorf("archive: %w", err)
	}
	ac := store.ArchivedCase{Case: c}
	for n := 1; n <= c.Revision; n++ {
		r, err := s.Revision(ctx, workspace, id, n)
		if err != nil {
			return store.ArchivedCase{}, fmt.Errorf("archive: %w", err)
		}
		ac.Revisions = append(ac.Revisions, r)
	}
	return ac, nil
}

// file is the JSON file; its field names are the format.
type file struct {
	Format    string      `json:"format"`
	Exported  time.Time   `json:"exported"`
	Workspace workspace   `json:"workspace"`
	Keys      []key       `json:"keys"`
	Cases     []caseEntry `json:"cases"`
	Audit     []entry     `json:"audit"`
}

type workspace struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Created time.Time `json:"created"`
}

type key struct {
	ID      string     `json:"id"`
	Role    store.Role `json:"role"`
	Name    string     `json:"name"`
	Prefix  string     `json:"prefix"`
	Created time.Time  `json:"created"`
	Revoked *time.Time `json:"revoked,omitempty"`
}

type caseEntry struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Revision  int        `json:"revision"`
	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
	Revisions []revision `json:"revisions"`
}

// revision carries its data as a string: the bytes exactly as written, which a
// nested JSON value would lose to re-spacing.
type revision struct {
	N       int       `json:"n"`
	Created time.Time `json:"created"`
	Key     string    `json:"key,omitempty"`
	Data    string    `json:"data"`
}

type entry struct {
	Time      time.Time `json:"time"`
	Key       string    `json:"key,omitempty"`
	Action    string    `json:"action"`
	Case      string    `json:"case,omitempty"`
	Revision  int       `json:"revision,omitempty"`
	Target    string    `json:"target,omitempty"`
	RequestID string    `json:"request_id,omitempty"`
	Result    string    `json:"result"`
}

// Encode writes a as the JSON file, exported at now.
func Encode(w io.Writer, a store.Archive, now time.Time) error {
	f := file{
		Format: Format, Exported: now.UTC(),
		Workspace: workspace{ID: a.Workspace.ID, Name: a.Workspace.Name, Created: a.Workspace.Created},
		Keys:      []key{}, Cases: []caseEntry{}, Audit: []entry{},
	}
	for _, k := range a.Keys {
		var revoked *time.Time
		if !k.Revoked.IsZero() {
			revoked = &k.Revoked
		}
		f.Keys = append(f.Keys, key{ID: k.ID, Role: k.Role, Name: k.Name, Prefix: k.Prefix, Created: k.Created, Revoked: revoked})
	}
	for _, ac := range a.Cases {
		c := caseEntry{ID: ac.Case.ID, Name: ac.Case.Name, Revision: ac.Case.Revision, Created: ac.Case.Created, Updated: ac.Case.Updated, Revisions: []revision{}}
		for _, r := range ac.Revisions {
			if !utf8.Valid(r.Data) {
				return fmt.Errorf("archive: revision %d of case %s is not UTF-8 and would not read back as written", r.N, ac.Case.ID)
			}
			c.Revisions = append(c.Revisions, revision{N: r.N, Created: r.Created, Key: r.Key, Data: string(r.Data)})
		}
		f.Cases = append(f.Cases, c)
	}
	for _, e := range a.Audit {
		f.Audit = append(f.Audit, entry{Time: e.Time, Key: e.Key, Action: e.Action, Case: e.Case, Revision: e.Revision,
			Target: e.Target, RequestID: e.RequestID, Result: e.Result})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return nil
}

// FormatError is a file that is not a workspace archive of this format.
type FormatError struct {
	// Format is the file's format, "" when it names none.
	Format string
}

func (e *FormatError) Error() string {
	if e.Format == "" {
		return "archive: the file is not a gdprdocs workspace export (it names no format)"
	}
	return fmt.Sprintf("archive: the file's format is %q; this gdprdocs reads %q", e.Format, Format)
}

// Decode reads a JSON file that Encode wrote. A file of another format, or with a
// field the format lacks, is refused; whether the workspace in it is whole is for
// store.Store.Restore to say.
func Decode(r io.Reader) (store.Archive, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return store.Archive{}, fmt.Errorf("archive: the file is not a workspace export: %w", err)
	}
	if f.Format != Format {
		return store.Archive{}, &FormatError{Format: f.Format}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return store.Archive{}, errors.New("archive: the file goes on after the workspace export")
	}
	a := store.Archive{Workspace: store.Workspace{ID: f.Workspace.ID, Name: f.Workspace.Name, Created: f.Workspace.Created}}
	for _, k := range f.Keys {
		ak := store.APIKey{ID: k.ID, Workspace: f.Workspace.ID, Role: k.Role, Name: k.Name, Prefix: k.Prefix, Created: k.Created}
		if k.Revoked != nil {
			ak.Revoked = *k.Revoked
		}
		a.Keys = append(a.Keys, ak)
	}
	for _, c := range f.Cases {
		ac := store.ArchivedCase{Case: store.Case{ID: c.ID, Workspace: f.Workspace.ID, Name: c.Name, Revision: c.Revision, Created: c.Created, Updated: c.Updated}}
		for _, r := range c.Revisions {
			ac.Revisions = append(ac.Revisions, store.Revision{Case: c.ID, N: r.N, Data: []byte(r.Data), Size: len(r.Data), Created: r.Created, Key: r.Key})
		}
		a.Cases = append(a.Cases, ac)
	}
	for _, e := range f.Audit {
		a.Audit = append(a.Audit, store.AuditEntry{Time: e.Time, Workspace: f.Workspace.ID, Key: e.Key, Action: e.Action, Case: e.Case,
			Revision: e.Revision, Target: e.Target, RequestID: e.RequestID, Result: e.Result})
	}
	return a, nil
}
