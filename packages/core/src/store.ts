/** What a server store keeps for one session: the engine's opaque value and its version. */
export interface StoredSession {
  /** Serialized by the engine; opaque to the store. */
  value: string;
  /** Starts at 1 on create, increases by one on every successful update. */
  version: number;
  /**
   * The `expiresAt` (epoch ms) last given to create, update or touch. The engine
   * checks it against its own clock, so a store whose TTL is coarser (KV's 60 s
   * floor) or whose clock differs never hands back an expired session.
   */
  expiresAt: number;
}

/** What a store can promise; the engine and the conformance suite adapt to it. */
export interface StoreCapabilities {
  /** `update` is a compare-and-set on version. Without it, concurrent writes are last-write-wins. */
  atomic: boolean;
  /** "eventual": a write may take a while to be seen elsewhere (Workers KV: ~60 s). */
  consistency: "strong" | "eventual";
  /** The backend refuses shorter TTLs; the store clamps up to it and the engine enforces the exact expiry. */
  minTtlSeconds?: number;
}

/**
 * The server store contract. Stores stay small: the engine owns ids,
 * serialization, the expiry check and the merge of concurrent changes.
 * All times are epoch milliseconds.
 */
export interface SessionStore {
  readonly capabilities: StoreCapabilities;
  /** The record, or null when absent or expired. */
  get(id: string): Promise<StoredSession | null>;
  /** Creates the record at version 1; false (and nothing written) if the id is taken. */
  create(id: string, value: string, expiresAt: number): Promise<boolean>;
  /** Compare-and-set on `version` where atomic: "gone" if absent, "conflict" if the version moved on. */
  update(id: string, value: string, expiresAt: number, version: number): Promise<"ok" | "gone" | "conflict">;
  /** Removes the record; idempotent. */
  delete(id: string): Promise<void>;
  /** Extends the record's life without rewriting its data; false if absent. */
  touch?(id: string, expiresAt: number): Promise<boolean>;
  /** Deletes every expired record and returns how many (Django's `clearsessions`). */
  clearExpired?(): Promise<number>;
}

/** The session's content as the engine keeps it, in a server store or a cookie. */
export interface SessionPayload {
  /** The session's keys and values. */
  data: Record<string, unknown>;
  /** Flash values: read once, then gone. Never among `data`'s keys. */
  flash: Record<string, unknown>;
  /** The custom expiry set by `setExpiry`, or undefined for the default. */
  expiry: ExpirySetting | undefined;
}

/**
 * A custom expiry as Django keeps it: seconds after the last save (a number),
 * an absolute instant, or 0 for "until the browser closes".
 */
export type ExpirySetting = number | { at: number };

/**
 * A store that keeps the whole session in the cookie (no server state). The
 * engine hands it the payload and the secrets; the store owns the cookie format.
 */
export interface CookieSessionStore {
  readonly kind: "cookie";
  readonly capabilities: StoreCapabilities;
  /** Encodes and signs or encrypts `payload`, stamped with `issuedAt` (epoch ms). */
  encode(payload: SessionPayload, context: CookieCodecContext): Promise<string>;
  /**
   * Verifies and decodes a cookie value. Returns null for anything that does
   * not verify or parse — never throws for bad input. `issuedAt` is the signed
   * time of the last save, in epoch ms.
   */
  decode(value: string, context: CookieCodecContext): Promise<{ payload: SessionPayload; issuedAt: number } | null>;
}

/** What the engine gives a cookie store: the secrets (first signs, all verify) and the clock. */
export interface CookieCodecContext {
  readonly secrets: readonly string[];
  /** Epoch ms. */
  readonly now: number;
}

/** Any store the engine accepts. */
export type AnyStore = SessionStore | CookieSessionStore;

/** True for stores that keep the session in the cookie. */
export function isCookieStore(store: AnyStore): store is CookieSessionStore {
  return (store as CookieSessionStore).kind === "cookie";
}
