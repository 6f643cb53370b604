import type { SessionPatch, SessionStore, StoreCapabilities, StoredSession } from "@edge-session/core";
import type { SessionObject } from "./session-object.ts";

/** Options for {@link durableObjectStore}. */
export interface DurableObjectStoreOptions {
  /**
   * Clock for the store's own expiry decisions, in epoch ms [Date.now]
   * (docs/design.md, "Policies: errors, clocks, expiry"). It is sent with each
   * call, so the object judges expiry by it; the alarm that deletes an expired
   * record runs on Cloudflare's clock.
   */
  now?: () => number;
}

/** A Durable Object store: the full contract, with `touch` and `patch` always present. */
export interface DurableObjectSessionStore extends SessionStore {
  touch(id: string, expiresAt: number): Promise<boolean>;
  patch(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone">;
}

const capabilities: StoreCapabilities = Object.freeze({
  // Each call runs start to finish inside the session's own object, one call at a time.
  atomic: true,
  // One object per session, in one place: every read sees the last write, from any location.
  consistency: "strong",
});

/**
 * A session store on Durable Objects: one `SessionObject` per session id
 * (`idFromName(id)`), strongly consistent and atomic, each store call one RPC
 * call (one subrequest). Export `SessionObject` from the Worker and bind it.
 *
 * There is no `clearExpired`: each object's alarm deletes its record at expiry.
 */
export function durableObjectStore(
  namespace: DurableObjectNamespace<SessionObject>,
  options: DurableObjectStoreOptions = {},
): DurableObjectSessionStore {
  const now = options.now ?? Date.now;
  // Getting a stub is local (no subrequest): the object is reached by the call made on it.
  // Errors from the stub (the object reset, overloaded, unreachable) propagate as they are:
  // the engine is the one place that wraps store failures.
  const object = (id: string) => namespace.get(namespace.idFromName(id));

  return {
    capabilities,
    async get(id): Promise<StoredSession | null> {
      return await object(id).get(now());
    },
    async create(id, value, expiresAt) {
      return await object(id).create(value, expiresAt, now());
    },
    async update(id, value, expiresAt, version) {
      return await object(id).update(value, expiresAt, version, now());
    },
    async patch(id, changes, expiresAt) {
      return await object(id).patch(changes, expiresAt, now());
    },
    async touch(id, expiresAt) {
      return await object(id).touch(expiresAt, now());
    },
    async delete(id) {
      await object(id).delete();
    },
  };
}
