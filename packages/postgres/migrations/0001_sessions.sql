-- edge-session: the sessions table (docs/design.md, "Stores"); the same SQL as createTable(sql).
CREATE TABLE IF NOT EXISTS "edge_sessions" (
  id text PRIMARY KEY,
  -- {"<key as JSON>": [position, "<value as JSON text>"]}: values stay JSON text, exact
  data jsonb,
  flash jsonb,
  -- the session's custom expiry as JSON text, NULL for the default
  expiry text,
  -- a value that is not the engine's payload, as a JSON string (then data/flash are NULL)
  opaque text,
  -- 1 on create, + 1 on every update and patch (compare-and-set)
  version bigint NOT NULL,
  -- epoch milliseconds, by the store's clock
  expires_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS "edge_sessions_expires_at_idx" ON "edge_sessions" (expires_at);
