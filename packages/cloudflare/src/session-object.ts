import { DurableObject } from "cloudflare:workers";
import type { SessionPatch, StoredSession } from "@edge-session/core";
import { applyPatch } from "@edge-session/core/kit";

/** The one key this object's storage holds: an object is one session (docs/design.md, "Durable Objects"). */
const KEY = "session";

/**
 * The Durable Object that keeps one session. `durableObjectStore` addresses
 * it by `idFromName(sessionId)` and calls one RPC method per store call.
 *
 * Storage is the SQLite-backed backend's synchronous key-value API
 * (`ctx.storage.kv`; declare the class under `new_sqlite_classes`): every
 * method reads and writes without an `await` in between, so each one is
 * atomic by the object's single-threaded execution alone, with no reliance on
 * input gates, and its write is durable before the answer leaves (output
 * gates). Every write also sets the alarm to the record's expiry; the alarm
 * deletes the record, so expired sessions need no clean-up job.
 *
 * The `now` each method takes is the calling store's clock (its `now`
 * option), so the store's own expiry decisions follow it; the alarm runs on
 * Cloudflare's clock.
 * @example
 * ```ts
 * // src/index.ts of the Worker, with the binding and migration in wrangler.jsonc
 * export { SessionObject } from "@edge-session/cloudflare/durable-object";
 * ```
 */
export class SessionObject extends DurableObject<unknown> {
  /** The record, or null when absent or expired at `now`. */
  get(now: number): StoredSession | null {
    return this.#live(now) ?? null;
  }

  /** Creates the record at version 1; false when a live one exists (an expired one is replaced). */
  async create(value: string, expiresAt: number, now: number): Promise<boolean> {
    if (this.#live(now)) return false;
    await this.#save({ value, version: 1, expiresAt });
    return true;
  }

  /** Compare-and-set on `version`. */
  async update(value: string, expiresAt: number, version: number, now: number): Promise<"ok" | "gone" | "conflict"> {
    const record = this.#live(now);
    if (!record) return "gone";
    if (record.version !== version) return "conflict";
    await this.#save({ value, version: version + 1, expiresAt });
    return "ok";
  }

  /**
   * Applies one request's changes to the stored value (core's `applyPatch`,
   * which splices the engine's JSON text without re-encoding it elsewhere).
   * A value that is not the engine's payload reads as absent to the engine,
   * so it is "gone" here too, never overwritten.
   */
  async patch(changes: SessionPatch, expiresAt: number, now: number): Promise<"ok" | "gone"> {
    const record = this.#live(now);
    if (!record) return "gone";
    const value = applyPatch(record.value, changes);
    if (value === null) return "gone";
    await this.#save({ value, version: record.version + 1, expiresAt });
    return "ok";
  }

  /** Moves the expiry (and the alarm) without rewriting the value; false when absent. */
  async touch(expiresAt: number, now: number): Promise<boolean> {
    const record = this.#live(now);
    if (!record) return false;
    await this.#save({ ...record, expiresAt });
    return true;
  }

  /** Removes the record and the alarm; idempotent. */
  async delete(): Promise<void> {
    await this.#clear();
  }

  /** At the record's expiry: delete it, or re-arm if a later write moved the expiry on. */
  override async alarm(): Promise<void> {
    const record = this.ctx.storage.kv.get<StoredSession>(KEY);
    if (record && record.expiresAt > Date.now()) {
      await this.ctx.storage.setAlarm(record.expiresAt);
      return;
    }
    await this.#clear();
  }

  #live(now: number): StoredSession | undefined {
    const record = this.ctx.storage.kv.get<StoredSession>(KEY);
    return record && record.expiresAt > now ? record : undefined;
  }

  #save(record: StoredSession): Promise<void> {
    this.ctx.storage.kv.put(KEY, record);
    return this.ctx.storage.setAlarm(record.expiresAt);
  }

  async #clear(): Promise<void> {
    // The key goes first, synchronously, so a call that follows sees no record; deleteAll then
    // frees the object's storage entirely (an object with no stored data is not billed for
    // storage), and the alarm goes too, since deleteAll does not remove it on every compatibility date.
    this.ctx.storage.kv.delete(KEY);
    await Promise.all([this.ctx.storage.deleteAlarm(), this.ctx.storage.deleteAll()]);
  }
}
