package store

import (
	"context"
	"errors"
	"time"
)

// The errors a Store returns, wrapped with context; test for them with errors.Is.
var (
	// ErrNotFound: no such workspace, key or case in this workspace, or no such
	// revision. A case of another workspace is not found, never forbidden.
	ErrNotFound = errors.New("not found")
	// ErrGone: the case was deleted; its data and revisions are erased.
	ErrGone = errors.New("deleted")
	// ErrConflict: the expected revision is not the case's current revision.
	ErrConflict = errors.New("revision conflict")
	// ErrExists: a workspace of that name exists.
	ErrExists = errors.New("already exists")
	// ErrLastOwner: the key is the workspace's last valid owner key, without which
	// nobody could manage its keys; RevokeKey refuses it.
	ErrLastOwner = errors.New("last owner key")
	// ErrInvalid: an argument the store cannot accept, such as an empty name, an
	// unknown role, data that is not JSON or a cursor the store did not make.
	ErrInvalid = errors.New("invalid argument")
)

// Current asks Store.Revision for a case's current revision.
const Current = 0

// Any is an expected revision that matches whatever the current revision is, for a
// write whose caller has deliberately not read the case first.
const Any = -1

// Page sizes of the List methods: a zero limit means DefaultLimit, and a limit above
// MaxLimit is lowered to it.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// MaxNameLen is the longest name, in characters, of a workspace, key or case.
const MaxNameLen = 200

// WorkspacePrefix starts every workspace's id.
const WorkspacePrefix = "ws_"

// Role is what an API key may do in its workspace.
type Role string

// The roles, from most to least allowed.
const (
	// Owner may do everything, including manage keys and read the audit log.
	Owner Role = "owner"
	// Editor may read and write cases and render documents.
	Editor Role = "editor"
	// Viewer may read cases and render documents.
	Viewer Role = "viewer"
)

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	return r == Owner || r == Editor || r == Viewer
}

// Workspace is a consultancy or an organisation: the unit that owns keys, cases and
// an audit log, and beyond which nothing is visible.
type Workspace struct {
	ID      string
	Name    string
	Created time.Time
}

// APIKey is a key's record. The secret is never stored, only its SHA-256 hash;
// Prefix is its first characters, enough for a person to tell keys apart.
type APIKey struct {
	ID        string
	Workspace string
	Role      Role
	Name      string
	Prefix    string
	Created   time.Time
	// Revoked is the zero time while the key is valid.
	Revoked time.Time
}

// Issued is a new key with its secret, which exists only in this value: show it
// once, then forget it.
type Issued struct {
	Key    APIKey
	Secret string
}

// Case is a case's record. Its data is in its revisions.
type Case struct {
	ID        string
	Workspace string
	Name      string
	// Revision is the number of the current revision: 1 after creation, one more for
	// every write.
	Revision int
	Created  time.Time
	Updated  time.Time
	// Deleted is the zero time while the case exists. A deleted case keeps its id,
	// times and last revision number; its name and revisions are erased.
	Deleted time.Time
}

// Revision is one immutable version of a case's data.
type Revision struct {
	Case string
	N    int
	// Data is the case JSON exactly as written. The List methods leave it nil.
	Data []byte
	// Size is len(Data), also when Data is left out.
	Size    int
	Created time.Time
	// Key is the id of the API key that wrote the revision, "" for the command line.
	Key string
}

// Draft is what a write brings: the case's name and its data. A Put with an empty
// Name keeps the case's name.
type Draft struct {
	Name string
	Data []byte
}

// Actor says who asked for a write, for the audit entry the store records with it.
type Actor struct {
	// Key is the id of the API key, "" for the command line.
	Key string
	// RequestID is the HTTP request id, "" outside a request.
	RequestID string
}

// Audit actions the store records itself, in the transaction of the write.
const (
	ActionWorkspaceCreate = "workspace.create"
	ActionKeyCreate       = "key.create"
	ActionKeyRevoke       = "key.revoke"
	ActionCaseCreate      = "case.create"
	ActionCasePut         = "case.put"
	ActionCaseDelete      = "case.delete"
	// ActionWorkspaceRestore is a workspace written whole from an Archive.
	ActionWorkspaceRestore = "workspace.restore"
)

// ResultOK is the result of every entry the store records itself.
const ResultOK = "ok"

// AuditEntry is one line of a workspace's audit log: who did what to which case, and
// how it ended — never any case data. Entries are never changed and survive the
// deletion of their case.
type AuditEntry struct {
	// ID orders entries: a later entry has a greater id. Set by the store.
	ID int64
	// Time is set by the store.
	Time      time.Time
	Workspace string
	Key       string
	Action    string
	Case      string
	Revision  int
	// Target is the id of the key that a key action is about.
	Target    string
	RequestID string
	// Result is how the action ended: "ok", or a short code such as "conflict" or an
	// HTTP status.
	Result string
}

// CaseQuery selects a page of a workspace's cases, newest first.
type CaseQuery struct {
	// Name keeps the cases whose name contains it, ignoring case.
	Name   string
	Cursor string
	Limit  int
}

// RevisionQuery selects a page of a case's revisions, newest first.
type RevisionQuery struct {
	Cursor string
	Limit  int
}

// AuditQuery selects a page of a workspace's audit log, newest first.
type AuditQuery struct {
	// Case keeps the entries about one case.
	Case string
	// Since and Until keep the entries with Since <= Time < Until; a zero time does
	// not bound.
	Since, Until time.Time
	Cursor       string
	Limit        int
}

// Page is one page of a list. Next is the cursor of the following page, "" on the
// last. A cursor is opaque: pass it back unchanged with the same query.
type Page[T any] struct {
	Items []T
	Next  string
}

// Archive is a whole workspace, to move it from one database to another: its cases
// with every revision and their data, its audit log and its keys' records. It holds
// no secret and no key hash, so it can open nothing: a key's secret is shown once and
// its hash stays in the database it was made in.
type Archive struct {
	Workspace Workspace
	// Keys are the records of the workspace's keys, revoked ones included, oldest
	// first. Restored, they are revoked, so that the key ids that revisions and the
	// audit log name still name a key.
	Keys []APIKey
	// Cases are the cases that are not deleted, each with its revisions.
	Cases []ArchivedCase
	// Audit is the audit log, oldest first. Restored entries get new ids, in the
	// same order, and keep their times.
	Audit []AuditEntry
}

// ArchivedCase is a case with its revisions 1 to Case.Revision, oldest first, each
// with its data.
type ArchivedCase struct {
	Case      Case
	Revisions []Revision
}

// Store keeps workspaces, API keys, cases with their revisions, and the audit log.
//
// Every method that names a workspace looks only inside it: an id that belongs to
// another workspace is ErrNotFound, and a list shows nothing of another workspace.
// Every write is one transaction; the writes that take an Actor record their audit
// entry in that same transaction, so no acknowledged write lacks one. A Store is safe
// for concurrent use, by many goroutines and, for PostgreSQL, many processes.
type Store interface {
	// CreateWorkspace creates a workspace and its first owner key. A workspace of
	// the same name is ErrExists.
	CreateWorkspace(ctx context.Context, by Actor, name string) (Workspace, Issued, error)
	// Workspace returns a workspace.
	Workspace(ctx context.Context, id string) (Workspace, error)
	// Workspaces returns every workspace, oldest first.
	Workspaces(ctx context.Context) ([]Workspace, error)

	// CreateKey creates an API key in a workspace.
	CreateKey(ctx context.Context, workspace string, by Actor, role Role, name string) (Issued, error)
	// Keys returns a workspace's keys, revoked ones included, oldest first.
	Keys(ctx context.Context, workspace string) ([]APIKey, error)
	// RevokeKey revokes a key; revoking a revoked key changes nothing. The workspace's
	// last valid owner key is refused with ErrLastOwner, decided in the revocation's own
	// transaction, so two owners revoking each other's keys at once cannot both succeed.
	RevokeKey(ctx context.Context, workspace string, by Actor, id string) (APIKey, error)
	// Authenticate returns the valid key whose secret this is; an unknown or revoked
	// secret is ErrNotFound.
	Authenticate(ctx context.Context, secret string) (APIKey, error)

	// CreateCase creates a case with d as its revision 1. d.Name must not be empty
	// and d.Data must be JSON.
	CreateCase(ctx context.Context, workspace string, by Actor, d Draft) (Case, error)
	// Cases returns a page of a workspace's cases that are not deleted.
	Cases(ctx context.Context, workspace string, q CaseQuery) (Page[Case], error)
	// Case returns a case; a deleted one is returned with ErrGone.
	Case(ctx context.Context, workspace, id string) (Case, error)
	// PutCase writes d as the case's next revision if its current revision is
	// expected (or expected is Any), else ErrConflict; a deleted case is ErrGone.
	PutCase(ctx context.Context, workspace string, by Actor, id string, expected int, d Draft) (Case, error)
	// DeleteCase erases the case's name and every revision if its current revision
	// is expected (or expected is Any). The audit log keeps its entries.
	DeleteCase(ctx context.Context, workspace string, by Actor, id string, expected int) (Case, error)
	// Revisions returns a page of a case's revisions without their data.
	Revisions(ctx context.Context, workspace, id string, q RevisionQuery) (Page[Revision], error)
	// Revision returns revision n of a case with its data, or the current one for
	// n == Current.
	Revision(ctx context.Context, workspace, id string, n int) (Revision, error)

	// AppendAudit adds an entry to a workspace's audit log, for what the store does
	// not record itself: refused writes and rendered documents. ID, Time and
	// Workspace are set by the store.
	AppendAudit(ctx context.Context, workspace string, e AuditEntry) (AuditEntry, error)
	// Audit returns a page of a workspace's audit log.
	Audit(ctx context.Context, workspace string, q AuditQuery) (Page[AuditEntry], error)

	// Restore writes an archived workspace in one transaction, with the ids, names,
	// times and data it was archived with, revokes the archived keys, issues a new
	// owner key and records ActionWorkspaceRestore. A workspace of the same id or
	// name, or a key or case of the same id, is ErrExists; an archive that is not
	// whole — a deleted case, revisions that do not run from 1 to the case's
	// revision, data that is not JSON, a bad name or id — is ErrInvalid. Either way
	// nothing is written.
	Restore(ctx context.Context, by Actor, a Archive) (Workspace, Issued, error)

	// Ping reports whether the database answers, for a readiness check.
	Ping(ctx context.Context) error
	// Close closes the database; the Store cannot be used after.
	Close() error
}

// Migration is what migrating a database did: its schema version before and after.
// From == To when it was up to date.
type Migration struct {
	From, To int64
}
