// Package postgres is the store in a PostgreSQL database, through a
// github.com/jackc/pgx/v5 connection pool, used through database/sql with pgx's stdlib
// adapter: for several gdprdocs processes behind a load balancer on one database.
//
// The database URL is pgx's: postgres://user:password@host:port/database?sslmode=…,
// with pool_max_conns and search_path among its parameters. Migrations take an
// advisory lock, so processes that start at once migrate one after another. Writers
// of one case take turns on its row (SELECT … FOR UPDATE); reads that span two queries
// run in one read-only snapshot.
package postgres
