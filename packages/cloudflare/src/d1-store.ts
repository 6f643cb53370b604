import type { SessionPatch, SessionStore, StoreCapabilities, StoredSession } from "@edge-session/core";
import { SessionConfigError } from "@edge-session/core";
import { patchParameters, patchSql } from "./d1-patch.ts";

/** Options for {@link d1Store}. */
export interface D1StoreOptions {
  /**
   * The table [`"sessions"`, as created by `migrations/0001_sessions.sql`]. It is
   * interpolated into SQL (identifiers cannot be bound), so it must be a plain
   * identifier: letters, digits and `_`, not starting with a digit.
   */
  table?: string;
  /**
   * Clock for the store's own expiry decisions (which rows are live, which
   * `clearExpired` removes), in epoch ms [Date.now] (docs/design.md,
   * "Policies: errors, clocks, expiry").
   */
  now?: () => number;
}

/** A D1 store: the full contract, with `touch`, `patch` and `clearExpired` always present. */
export interface D1SessionStore extends SessionStore {
  touch(id: string, expiresAt: number): Promise<boolean>;
  patch(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone">;
  clearExpired(): Promise<number>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const capabilities: StoreCapabilities = Object.freeze({
  // update is a compare-and-set on version inside one SQLite statement.
  atomic: true,
  // Queries go to the primary unless the app opts into read replicas through the Sessions API.
  consistency: "strong",
});

interface Row {
  value: string;
  version: number;
  expires_at: number;
}

/**
 * A session store on Cloudflare D1 (SQLite): strongly consistent, with
 * compare-and-set updates, `patch` in one statement, `touch` and
 * `clearExpired`. Create its table with the shipped migration
 * (`wrangler d1 migrations apply`). D1's errors propagate as they are: the
 * engine is the one place that wraps store failures (docs/design.md,
 * "Policies: errors, clocks, expiry").
 */
export function d1Store(db: D1Database, options: D1StoreOptions = {}): D1SessionStore {
  const table = options.table ?? "sessions";
  if (!IDENTIFIER.test(table)) {
    throw new SessionConfigError(`d1Store: table name ${JSON.stringify(table)} is not a plain SQL identifier`);
  }
  const now = options.now ?? Date.now;
  const t = `"${table}"`;
  const sql = {
    get: `SELECT value, version, expires_at FROM ${t} WHERE id = ?1 AND expires_at > ?2`,
    // A row that has expired but is not yet cleared is absent by contract, so create may
    // replace it; a live row is never overwritten (the upsert's WHERE leaves it alone).
    create: `INSERT INTO ${t} (id, value, version, expires_at) VALUES (?1, ?2, 1, ?3)
      ON CONFLICT (id) DO UPDATE SET value = excluded.value, version = 1, expires_at = excluded.expires_at
      WHERE ${t}.expires_at <= ?4`,
    update: `UPDATE ${t} SET value = ?1, version = version + 1, expires_at = ?2
      WHERE id = ?3 AND version = ?4 AND expires_at > ?5`,
    live: `SELECT version FROM ${t} WHERE id = ?1 AND expires_at > ?2`,
    patch: patchSql(t),
    touch: `UPDATE ${t} SET expires_at = ?1 WHERE id = ?2 AND expires_at > ?3`,
    delete: `DELETE FROM ${t} WHERE id = ?1`,
    clearExpired: `DELETE FROM ${t} WHERE expires_at <= ?1`,
  };

  return {
    capabilities,
    async get(id): Promise<StoredSession | null> {
      const row = await db.prepare(sql.get).bind(id, now()).first<Row>();
      return row === null ? null : { value: row.value, version: row.version, expiresAt: row.expires_at };
    },
    async create(id, value, expiresAt) {
      const result = await db.prepare(sql.create).bind(id, value, expiresAt, now()).run();
      return result.meta.changes === 1;
    },
    async update(id, value, expiresAt, version) {
      const at = now();
      // One round trip: D1 runs a batch as one transaction, so the SELECT sees the
      // row exactly as the UPDATE left it, and tells "conflict" from "gone" when
      // the compare-and-set matched nothing.
      const [updated, live] = await db.batch<{ version: number }>([
        db.prepare(sql.update).bind(value, expiresAt, id, version, at),
        db.prepare(sql.live).bind(id, at),
      ]);
      if (updated?.meta.changes === 1) return "ok";
      return live !== undefined && live.results.length > 0 ? "conflict" : "gone";
    },
    async patch(id, changes, expiresAt) {
      // One statement, so one round trip and atomic; no live row changes nothing ("gone").
      const result = await db
        .prepare(sql.patch)
        .bind(...patchParameters(changes), expiresAt, id, now())
        .run();
      return result.meta.changes === 1 ? "ok" : "gone";
    },
    async delete(id) {
      await db.prepare(sql.delete).bind(id).run();
    },
    async touch(id, expiresAt) {
      const result = await db.prepare(sql.touch).bind(expiresAt, id, now()).run();
      return result.meta.changes === 1;
    },
    async clearExpired() {
      const result = await db.prepare(sql.clearExpired).bind(now()).run();
      return result.meta.changes;
    },
  };
}
