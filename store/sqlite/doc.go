// Package sqlite is the store in an embedded SQLite file, through modernc.org/sqlite
// (pure Go, no cgo): the default, which needs nothing installed.
//
// The file is in WAL mode, so readers never wait for the writer, with synchronous=FULL,
// so that a write is on disk before it is acknowledged, and foreign keys on. A Store
// holds one writer connection, whose transactions begin IMMEDIATE, and a pool of
// read-only connections: writes of one process queue in Go instead of meeting
// "database is locked", and busy_timeout lets a second process — the command line
// beside a running server — wait its turn. Deleted data is overwritten in the file
// (secure_delete).
//
// One file serves one machine; several servers share a PostgreSQL database instead.
package sqlite
