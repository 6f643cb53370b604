/**
 * What a server store keeps for one session: the engine's opaque value and its version.
 * @example
 * { value: '{"d":{"n":1}}', version: 3, expiresAt: 1767225600000 }
 */
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

/**
 * What a store can promise; the engine and the conformance suite adapt to it.
 * @example
 * { atomic: false, consistency: "eventual", minTtlSeconds: 60 } // Workers KV
 */
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
 * @example
 * const store: SessionStore = { capabilities: { atomic: true, consistency: "strong" }, get, create, update, delete: remove, patch };
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
  /**
   * Applies one request's own changes to the stored record atomically, in one
   * round trip: "gone" when the record is absent or expired (never resurrect a
   * logged-out session), else "ok" with the version advanced by one and
   * `expiresAt` set, so compare-and-set writers see the change. The engine
   * prefers it over compare-and-set + rebase (docs/design.md, "Concurrent writes").
   */
  patch?(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone">;
  /** Deletes every expired record and returns how many (Django's `clearsessions`). */
  clearExpired?(): Promise<number>;
}

/**
 * One request's own changes to a session, as `patch` receives them. Values are
 * JSON text exactly as the engine serialized them: a store splices them into
 * the stored value and never decodes and re-encodes them (a decoder such as
 * Redis' cjson would round numbers to 14 digits and turn `[]` into `{}`).
 *
 * The stored value is the engine's payload serialization
 * `{"d":{…data},"f":{…flash},"x":expiry}` (`f` and `x` omitted when empty or
 * unset); `patch` is the one place where a store looks inside it.
 * `@edge-session/core/kit`'s `applyPatch` does it for stores that run JavaScript.
 * @example
 * { clear: false, data: [["cart", '["apple"]'], ["coupon", null]], flash: [], expiry: "3600" }
 */
export interface SessionPatch {
  /** Start from no data and no flash values (the request called `clear()`), then apply the rest. */
  readonly clear: boolean;
  /** Data keys to set (JSON text of the value) or delete (`null`), in order. */
  readonly data: ReadonlyArray<readonly [key: string, json: string | null]>;
  /** Flash keys to set (JSON text) or delete (`null`), in order. */
  readonly flash: ReadonlyArray<readonly [key: string, json: string | null]>;
  /** The new custom expiry as JSON text, `null` for back to the default, or absent when unchanged. */
  readonly expiry?: string | null;
}

/**
 * The session's content as the engine keeps it, in a server store or a cookie.
 * @example
 * { data: { cart: ["apple"] }, flash: { notice: "Saved" }, expiry: 3600 }
 */
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
 * @example
 * 3600 // an hour after each save; 0: browser session; { at: Date.UTC(2030, 0, 1) }: that instant
 */
export type ExpirySetting = number | { at: number };

/**
 * A cookie that verified and parsed: its payload and the signed time of its last save.
 * @example
 * const decoded = await store.decode(value, context); if (typeof decoded !== "string") decoded.payload.data;
 */
export interface DecodedCookie {
  readonly payload: SessionPayload;
  /** Epoch ms of the save that issued the cookie (its signed timestamp). */
  readonly issuedAt: number;
}

/**
 * Why a cookie store refused a cookie, reported to `onError` (never with the
 * cookie's value): it is not of the store's format, its signature or
 * ciphertext does not verify, or it verified but its content is unusable.
 * An expired cookie is reported by the engine as "expired".
 * @example
 * return verified ? { payload, issuedAt } : "bad-signature";
 */
export type CookieRejection = "malformed" | "bad-signature" | "bad-payload";

/**
 * A store that keeps the whole session in the cookie (no server state). The
 * engine hands it the payload and the secrets; the store owns the cookie format.
 * @example
 * const store: CookieSessionStore = { kind: "cookie", capabilities: { atomic: false, consistency: "strong" }, encode, decode };
 */
export interface CookieSessionStore {
  readonly kind: "cookie";
  readonly capabilities: StoreCapabilities;
  /**
   * How many cookies one session may span (`name`, `name.1`, …) [1]: the engine
   * splits a longer value and joins the chunks before `decode` (docs/design.md, "Cookies").
   */
  readonly maxChunks?: number;
  /** Encodes and signs or encrypts `payload`, stamped with `context.now`. */
  encode(payload: SessionPayload, context: CookieCodecContext): Promise<string>;
  /**
   * Verifies and decodes a cookie value; for anything that does not verify or
   * parse, the reason — never a throw for bad input.
   */
  decode(value: string, context: CookieCodecContext): Promise<DecodedCookie | CookieRejection>;
}

/**
 * What the engine gives a cookie store: the secrets (first signs, all verify) and the clock.
 * @example
 * await store.encode(payload, { secrets: ["current…", "previous…"], now: Date.now() })
 */
export interface CookieCodecContext {
  readonly secrets: readonly string[];
  /** Epoch ms. */
  readonly now: number;
}

/**
 * Any store the engine accepts.
 * @example
 * const store: AnyStore = env.KV ? kvStore(env.KV) : cookieStore();
 */
export type AnyStore = SessionStore | CookieSessionStore;

/**
 * True for stores that keep the session in the cookie.
 * @example
 * if (isCookieStore(store)) await store.decode(value, context);
 */
export function isCookieStore(store: AnyStore): store is CookieSessionStore {
  return (store as CookieSessionStore).kind === "cookie";
}
