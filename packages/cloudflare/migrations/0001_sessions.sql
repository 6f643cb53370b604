-- edge-session: the table d1Store() reads and writes (default name "sessions").
-- Apply with: wrangler d1 migrations apply <DATABASE> (add --remote for the deployed database).
-- value: the engine's serialized session, opaque to the store.
-- version: starts at 1, +1 per update; update() is a compare-and-set on it.
-- expires_at: epoch milliseconds; rows past it are absent to readers and removed by clearExpired().
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL,
  version INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

-- clearExpired() deletes by expires_at; without this index it would scan the table.
CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
