-- +goose Up
-- Times are microseconds since 1970 UTC; ids are text made by the store.
CREATE TABLE workspaces (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	created INTEGER NOT NULL
);

CREATE TABLE api_keys (
	id        TEXT PRIMARY KEY,
	workspace TEXT NOT NULL REFERENCES workspaces (id),
	role      TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
	name      TEXT NOT NULL,
	prefix    TEXT NOT NULL,
	hash      BLOB NOT NULL UNIQUE,
	created   INTEGER NOT NULL,
	revoked   INTEGER
);
CREATE INDEX api_keys_workspace ON api_keys (workspace, id);

-- A deleted case keeps its row, without its name, so that its id stays taken and
-- answers "deleted" rather than "not found".
CREATE TABLE cases (
	id        TEXT PRIMARY KEY,
	workspace TEXT NOT NULL REFERENCES workspaces (id),
	name      TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	revision  INTEGER NOT NULL,
	created   INTEGER NOT NULL,
	updated   INTEGER NOT NULL,
	deleted   INTEGER
);
CREATE INDEX cases_workspace ON cases (workspace, id);

CREATE TABLE revisions (
	case_id TEXT NOT NULL REFERENCES cases (id),
	n       INTEGER NOT NULL,
	data    BLOB NOT NULL,
	size    INTEGER NOT NULL,
	created INTEGER NOT NULL,
	key_id  TEXT NOT NULL,
	PRIMARY KEY (case_id, n)
);

-- The audit log names cases by id only, with no foreign key: its entries outlive
-- the data of the cases they are about.
CREATE TABLE audit (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	time       INTEGER NOT NULL,
	workspace  TEXT NOT NULL REFERENCES workspaces (id),
	key_id     TEXT NOT NULL,
	action     TEXT NOT NULL,
	case_id    TEXT NOT NULL,
	revision   INTEGER NOT NULL,
	target     TEXT NOT NULL,
	request_id TEXT NOT NULL,
	result     TEXT NOT NULL
);
CREATE INDEX audit_workspace ON audit (workspace, id);
CREATE INDEX audit_case ON audit (workspace, case_id, id);

-- +goose Down
DROP TABLE audit;
DROP TABLE revisions;
DROP TABLE cases;
DROP TABLE api_keys;
DROP TABLE workspaces;
