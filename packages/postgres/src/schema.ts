/**
 * The table, as SQL for a given table name. `migrations/0001_sessions.sql` is
 * this text for the default name (a test keeps the two equal).
 * - `expires_at` is epoch milliseconds by the store's clock (`now`), not the
 *   database's, so one clock decides expiry everywhere (docs/design.md,
 *   "Policies: errors, clocks, expiry"); its index serves `clearExpired`.
 * - `data`/`flash`/`expiry`/`opaque` hold the value as `layout.ts` describes.
 * @example
 * ```ts
 * await sql.unsafe(schemaSql("app_sessions"));
 * ```
 */
export function schemaSql(table: string): string {
  const name = quoteIdentifier(table);
  const index = quoteIdentifier(`${table.split(".").at(-1)}_expires_at_idx`);
  return `CREATE TABLE IF NOT EXISTS ${name} (
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
CREATE INDEX IF NOT EXISTS ${index} ON ${name} (expires_at);
`;
}

/** The default table name. */
export const DEFAULT_TABLE = "edge_sessions";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * True for `name` or `schema.name` made of letters, digits and underscores.
 * @example
 * ```ts
 * isTableName("public.sessions"); // true
 * ```
 */
export function isTableName(table: string): boolean {
  return typeof table === "string" && IDENTIFIER.test(table);
}

function quoteIdentifier(table: string): string {
  return table
    .split(".")
    .map((part) => `"${part}"`)
    .join(".");
}
