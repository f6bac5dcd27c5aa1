// Package sqlstore is the one implementation of store.Store over database/sql, for
// SQLite and PostgreSQL alike. What the two databases do differently is a Dialect:
// placeholders, how a time is stored, a substring test, locking the row a write reads,
// the options of a read transaction and the errors of broken constraints.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Dialect is what an implementation tells the store about its database.
type Dialect struct {
	// Name starts the store's error messages, as "store/sqlite".
	Name string
	// Numbered is whether placeholders are $1, $2, …; the queries are written with ?.
	Numbered bool
	// Time is the value of a time as a query's argument. Times read back from
	// integers, taken as microseconds since 1970, or from time.Time.
	Time func(time.Time) any
	// Contains is a condition that the column name_fold contains the argument ?.
	Contains string
	// ForUpdate ends a query that reads a row a write transaction then changes, so
	// that the writers of one row take turns; "" where every write takes turns anyway.
	ForUpdate string
	// Snapshot are the options of a read transaction whose queries see one snapshot.
	Snapshot *sql.TxOptions
	// IsUnique reports whether err broke a primary key or unique constraint;
	// IsForeignKey whether it broke a foreign key.
	IsUnique, IsForeignKey func(err error) bool
}

// Store is a store.Store over database/sql but for Close: the implementation that
// opened its pools closes them.
type Store struct {
	dialect Dialect
	// write runs write transactions, read the rest; they may be the same pool.
	write, read *sql.DB
}

// New returns a store of dialect d that writes with write and reads with read.
func New(d Dialect, write, read *sql.DB) *Store {
	return &Store{dialect: d, write: write, read: read}
}

// Ping reports whether the database answers a query on the connections that write
// and on those that read: a server whose writer is stuck is not ready.
func (s *Store) Ping(ctx context.Context) error {
	for _, db := range []*sql.DB{s.write, s.read} {
		var one int
		if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
			return fmt.Errorf("%s: ping: %w", s.dialect.Name, err)
		}
	}
	return nil
}

// bind returns query, written with ?, in the dialect's placeholders. A ? inside a
// quoted string literal is the literal's own.
func (s *Store) bind(query string) string {
	if !s.dialect.Numbered {
		return query
	}
	var b strings.Builder
	n, quoted := 0, false
	for _, r := range query {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == '?' && !quoted:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// timeValue is a time as a query's argument.
func (s *Store) timeValue(v time.Time) any { return s.dialect.Time(v) }

// inWrite runs fn in a write transaction and commits it when fn returns nil.
func (s *Store) inWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("begin", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return s.wrap("commit", tx.Commit())
}

// inRead runs fn in a read transaction whose queries see one snapshot.
func (s *Store) inRead(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.read.BeginTx(ctx, s.dialect.Snapshot)
	if err != nil {
		return s.wrap("begin", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

func (s *Store) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %s: %w", s.dialect.Name, what, err)
}

// scanTime scans a time stored as microseconds since 1970 or as a time, NULL as the
// zero time, into *t in UTC.
type scanTime struct{ t *time.Time }

func (st scanTime) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*st.t = time.Time{}
	case int64:
		*st.t = time.UnixMicro(v).UTC()
	case time.Time:
		*st.t = v.UTC()
	default:
		return fmt.Errorf("a time stored as %T", v)
	}
	return nil
}

// collect scans every row with scan; it returns an empty slice, not nil, for none.
func collect[T any](rows *sql.Rows, err error, scan func(row *sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	all := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		all = append(all, v)
	}
	return all, rows.Err()
}
