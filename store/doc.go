// Package store is gdprdocs' memory: workspaces, their API keys, cases with every
// revision of their data, and an audit log. It is one interface, Store, with two
// implementations: store/sqlite, an embedded SQLite file and the default, and
// store/postgres, for several server processes on one database. store/database opens
// the one a setting names; store/storetest is the contract both keep. Both run the
// same code, store/internal/sqlstore over database/sql, and differ only in a small
// dialect: placeholders, how times are kept, row locks and constraint errors.
//
// The store knows nothing of HTTP, documents or what a case means: a revision is the
// bytes of a case JSON exactly as written, checked only to be JSON. Validating a case
// against its documents is the caller's work, done before it writes.
//
// # Tenants
//
// Every method that reads or writes a workspace's data takes the workspace's id and
// looks only inside it, in the query itself: an id of another workspace's case, key
// or revision is ErrNotFound, never ErrGone or a forbidden, so that its existence
// does not leak; a list shows nothing of another workspace.
//
// # Revisions and concurrency
//
// A case's data is never changed in place. Every write adds revision n+1 and names the
// revision it expects to replace; when another write came first, the write is
// ErrConflict and writes nothing (optimistic concurrency: an HTTP If-Match). Writes are
// serialised where they meet: on SQLite by one writer connection per process and
// BEGIN IMMEDIATE between processes, on PostgreSQL by a row lock on the case. No
// revision number is ever lost or given twice.
//
// # Deletion
//
// DeleteCase erases a case's name and every revision: a case holds requesters' and
// employees' personal data, and erasure must be able to reach it. The case's id and
// times stay, so that the id answers ErrGone, and so does the audit log, which never
// holds case data. SQLite overwrites the erased pages (secure_delete); PostgreSQL
// frees them at its next vacuum.
//
// # Keys
//
// An API key's secret is 256 random bits from crypto/rand, written as "gdp_" and 52
// base32 characters, and shown once. The store keeps its SHA-256 and the first 12
// characters for people to tell keys apart. A fast hash is right for a secret of that
// strength: no search of 2^256 is feasible at any hashing speed, while a slow password
// hash would cost every request its time. A key is found by its hash, so no secret is
// ever compared in Go.
//
// # Audit
//
// The writes that take an Actor (workspace, key and case writes) record their audit
// entry in the write's own transaction: an acknowledged write always has one, a
// refused write never does. What the store cannot see — a rendered document, and,
// should a caller want them, refused requests — the caller appends with AppendAudit;
// the server appends every document it renders from a stored case.
//
// # Lists
//
// Ids start with their creation time, so lists are newest first by id and their
// cursors are the last id seen: a page does not shift when cases are added meanwhile.
//
// # Moving a workspace
//
// An Archive is a whole workspace — cases with every revision, the audit log, the
// keys' records — and Restore writes one into another store in one transaction, ids
// and times kept, so that a workspace moves from SQLite to PostgreSQL and back
// unchanged. No secret or key hash travels: the archived keys are restored revoked
// and Restore issues a new owner key. Were hashes carried, a copy restored while the
// source still ran would honour keys that an owner revokes in the source.
//
// # Migrations
//
// Each implementation embeds its SQL migrations and applies them with
// github.com/pressly/goose/v3 when it opens a database, refusing one whose schema is
// newer than it knows; Migrate applies them alone, for "gdprdocs migrate".
package store
