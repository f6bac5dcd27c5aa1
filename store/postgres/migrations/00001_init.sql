-- +goose Up
-- Ids are text made by the store, compared byte by byte (COLLATE "C") so that their
-- order is the time order they encode.
CREATE TABLE workspaces (
	id      text COLLATE "C" PRIMARY KEY,
	name    text NOT NULL UNIQUE,
	created timestamptz NOT NULL
);

CREATE TABLE api_keys (
	id        text COLLATE "C" PRIMARY KEY,
	workspace text COLLATE "C" NOT NULL REFERENCES workspaces (id),
	role      text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
	name      text NOT NULL,
	prefix    text NOT NULL,
	hash      bytea NOT NULL UNIQUE,
	created   timestamptz NOT NULL,
	revoked   timestamptz
);
CREATE INDEX api_keys_workspace ON api_keys (workspace, id);

-- A deleted case keeps its row, without its name, so that its id stays taken and
-- answers "deleted" rather than "not found".
CREATE TABLE cases (
	id        text COLLATE "C" PRIMARY KEY,
	workspace text COLLATE "C" NOT NULL REFERENCES workspaces (id),
	name      text NOT NULL,
	name_fold text NOT NULL,
	revision  integer NOT NULL,
	created   timestamptz NOT NULL,
	updated   timestamptz NOT NULL,
	deleted   timestamptz
);
CREATE INDEX cases_workspace ON cases (workspace, id);

CREATE TABLE revisions (
	case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
	n       integer NOT NULL,
	data    bytea NOT NULL,
	size    integer NOT NULL,
	created timestamptz NOT NULL,
	key_id  text NOT NULL,
	PRIMARY KEY (case_id, n)
);

-- The audit log names cases by id only, with no foreign key: its entries outlive
-- the data of the cases they are about.
CREATE TABLE audit (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	time       timestamptz NOT NULL,
	workspace  text COLLATE "C" NOT NULL REFERENCES workspaces (id),
	key_id     text NOT NULL,
	action     text NOT NULL,
	case_id    text COLLATE "C" NOT NULL,
	revision   integer NOT NULL,
	target     text NOT NULL,
	request_id text NOT NULL,
	result     text NOT NULL
);
CREATE INDEX audit_workspace ON audit (workspace, id);
CREATE INDEX audit_case ON audit (workspace, case_id, id);

-- +goose Down
DROP TABLE audit;
DROP TABLE revisions;
DROP TABLE cases;
DROP TABLE api_keys;
DROP TABLE workspaces;
