import type { SessionPatch, SessionStore, StoreCapabilities, StoredSession } from "@edge-session/core";
import { SessionConfigError } from "@edge-session/core";
import type { Sql } from "postgres";
import { fromRow, type RowValue, toRow } from "./layout.ts";
import { changeSet } from "./patch-plan.ts";
import { DEFAULT_TABLE, isTableName } from "./schema.ts";

/**
 * Options of {@link postgresStore}.
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { sql: postgres(process.env.DATABASE_URL!), table: "app_sessions" };
 * ```
 */
export interface PostgresStoreOptions {
  /** A postgres.js client (`postgres(url)`), used as it is: its pool, its timeouts. */
  sql: Sql;
  /** The table, `name` or `schema.name` ["edge_sessions"]; create it with `createTable` or the shipped migration. */
  table?: string;
  /** Clock in epoch ms for the store's own expiry decisions [Date.now]. */
  now?: () => number;
}

/**
 * The store {@link postgresStore} returns: every optional method of the
 * contract, `clearExpired` included (Django's `clearsessions`: PostgreSQL
 * does not expire rows by itself).
 * @example
 * ```ts
 * const store: PostgresSessionStore = postgresStore({ sql });
 * setInterval(() => void store.clearExpired(), 3_600_000);
 * ```
 */
export interface PostgresSessionStore extends SessionStore {
  touch(id: string, expiresAt: number): Promise<boolean>;
  patch(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone">;
  clearExpired(): Promise<number>;
}

const CAPABILITIES: StoreCapabilities = Object.freeze({ atomic: true, consistency: "strong" });

interface Row extends RowValue {
  version: string | number;
  expires_at: string | number;
}

/**
 * Sessions in a PostgreSQL table over postgres.js (Node, Deno, Bun; Workers
 * through Hyperdrive) — Django's database backend. Every operation is one
 * statement, so one round trip:
 * - `create`: `INSERT … ON CONFLICT (id) DO UPDATE … WHERE expires_at <= now`
 *   — never over a live row, but an expired row's id may be taken anew;
 * - `update`: compare-and-set, `UPDATE … WHERE id AND version AND expires_at > now`;
 * - `patch`: one `UPDATE` whose jsonb expressions drop and set this request's
 *   keys (values spliced as JSON text, see layout.ts);
 * - `touch`, `delete`, and `clearExpired` (`DELETE … WHERE expires_at <= now`).
 * Errors of the client propagate unchanged; the engine wraps them in SessionStoreError.
 * @example
 * ```ts
 * import postgres from "postgres";
 * import { createTable, postgresStore } from "@edge-session/postgres";
 *
 * const sql = postgres(process.env.DATABASE_URL!);
 * await createTable(sql);
 * const store = postgresStore({ sql });
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): PostgresSessionStore {
  if (!options || typeof options.sql !== "function") {
    throw new SessionConfigError("postgresStore: options.sql must be a postgres.js client (postgres(url))");
  }
  const { sql } = options;
  const table = options.table ?? DEFAULT_TABLE;
  if (!isTableName(table)) throw new SessionConfigError("postgresStore: table must be name or schema.name ([A-Za-z0-9_])");
  const now = options.now ?? Date.now;
  const t = sql(table);

  return {
    capabilities: CAPABILITIES,

    async get(id: string): Promise<StoredSession | null> {
      const [row] = await sql<Row[]>`
        SELECT data, flash, expiry, opaque, version, expires_at FROM ${t}
        WHERE id = ${id} AND expires_at > ${now()}`;
      if (!row) return null;
      return { value: fromRow(row), version: Number(row.version), expiresAt: Number(row.expires_at) };
    },

    async create(id: string, value: string, expiresAt: number): Promise<boolean> {
      const row = toRow(value);
      const result = await sql`
        INSERT INTO ${t} (id, data, flash, expiry, opaque, version, expires_at)
        VALUES (${id}, ${jsonb(sql, row.data)}, ${jsonb(sql, row.flash)}, ${row.expiry}, ${row.opaque}, 1, ${expiresAt})
        ON CONFLICT (id) DO UPDATE SET
          data = EXCLUDED.data, flash = EXCLUDED.flash, expiry = EXCLUDED.expiry, opaque = EXCLUDED.opaque,
          version = 1, expires_at = EXCLUDED.expires_at
        WHERE ${t}.expires_at <= ${now()}`;
      return result.count === 1;
    },

    async update(id: string, value: string, expiresAt: number, version: number): Promise<"ok" | "gone" | "conflict"> {
      const row = toRow(value);
      const at = now();
      // One statement: the UPDATE, and whether a live row was there at all (the statement's
      // snapshot), which tells "conflict" from "gone" when the UPDATE matched nothing.
      const [result] = await sql<{ ok: boolean; live: boolean }[]>`
        WITH updated AS (
          UPDATE ${t} SET data = ${jsonb(sql, row.data)}, flash = ${jsonb(sql, row.flash)}, expiry = ${row.expiry},
            opaque = ${row.opaque}, version = version + 1, expires_at = ${expiresAt}
          WHERE id = ${id} AND version = ${version} AND expires_at > ${at}
          RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM updated) AS ok,
               EXISTS (SELECT 1 FROM ${t} WHERE id = ${id} AND expires_at > ${at}) AS live`;
      if (result?.ok) return "ok";
      return result?.live ? "conflict" : "gone";
    },

    async patch(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone"> {
      const data = changeSet(changes.data);
      const flash = changeSet(changes.flash);
      const expiryMode = changes.expiry === undefined ? "keep" : changes.expiry === null ? "drop" : "set";
      const result = await sql`
        UPDATE ${t} SET
          data = ${merge(sql, "data", changes.clear, data)},
          flash = ${merge(sql, "flash", changes.clear, flash)},
          expiry = CASE ${expiryMode}::text WHEN 'keep' THEN expiry WHEN 'drop' THEN NULL ELSE ${changes.expiry ?? null}::text END,
          version = version + 1,
          expires_at = ${expiresAt}
        WHERE id = ${id} AND expires_at > ${now()} AND opaque IS NULL`;
      return result.count === 1 ? "ok" : "gone";
    },

    async delete(id: string): Promise<void> {
      await sql`DELETE FROM ${t} WHERE id = ${id}`;
    },

    async touch(id: string, expiresAt: number): Promise<boolean> {
      const result = await sql`UPDATE ${t} SET expires_at = ${expiresAt} WHERE id = ${id} AND expires_at > ${now()}`;
      return result.count === 1;
    },

    async clearExpired(): Promise<number> {
      const result = await sql`DELETE FROM ${t} WHERE expires_at <= ${now()}`;
      return result.count;
    },
  };
}

/**
 * The jsonb expression for one column after a patch: the old entries (none
 * after `clear`) minus the dropped and re-set keys, plus the set keys. A key
 * that was there keeps its position; a new one goes after every existing one,
 * as JavaScript appends a new property.
 */
function merge(sql: Sql, column: "data" | "flash", clear: boolean, plan: ReturnType<typeof changeSet>) {
  const c = sql(column);
  const replaced = [...plan.drop, ...plan.setKeys];
  return sql`(
    SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM (
      SELECT e.key AS k, e.value AS v
        FROM jsonb_each(CASE WHEN ${clear}::boolean THEN '{}'::jsonb ELSE coalesce(${c}, '{}'::jsonb) END) e
        WHERE e.key <> ALL (${replaced}::text[])
      UNION ALL
      SELECT s.k, jsonb_build_array(
          coalesce(
            CASE WHEN ${clear}::boolean THEN NULL ELSE (${c} -> s.k ->> 0)::bigint END,
            (SELECT coalesce(max((e.value ->> 0)::bigint), 0) FROM jsonb_each(coalesce(${c}, '{}'::jsonb)) e) + s.n
          ),
          s.v)
        FROM unnest(${plan.setKeys}::text[], ${plan.setValues}::text[]) WITH ORDINALITY AS s(k, v, n)
    ) m
  )`;
}

/** A jsonb parameter, or SQL NULL for an opaque row (postgres.js's `sql.json` would send the JSON `null`). */
function jsonb(sql: Sql, value: RowValue["data"]) {
  return value === null ? null : sql.json(value);
}
