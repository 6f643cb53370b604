import { d1Store, kvStore } from "@edge-session/cloudflare";
import { cookieStore } from "@edge-session/cookie";
import type { AnyStore, SessionOptions } from "@edge-session/core";
import { cachedStore, SessionConfigError } from "@edge-session/core";

/** The stores the demo can run on, chosen by the `SESSION_STORE` var. */
export const STORE_KINDS = ["cookie", "kv", "d1", "kv-over-d1"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** What the page says about each store. */
export const STORE_LABELS: Record<StoreKind, string> = {
  cookie: "signed cookie — the data lives in the cookie",
  kv: "Workers KV — eventually consistent, last write wins",
  d1: "D1 — strongly consistent, compare-and-set",
  "kv-over-d1": "KV cache over D1 — Django's cached_db",
};

/** The development secret in wrangler.jsonc; public, so it only works on a local host. */
export const DEV_SECRET = "dev-only-edge-session-demo-secret-not-for-production";

/** Remember me: 30 days (Max-Age=2592000); otherwise the cookie ends with the browser. */
export const REMEMBER_SECONDS = 30 * 24 * 60 * 60;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The store named by `env.SESSION_STORE` ["cookie"]; a typo is a configuration error, not a silent fallback. */
export function storeKind(env: Env): StoreKind {
  const kind = env.SESSION_STORE || "cookie";
  if ((STORE_KINDS as readonly string[]).includes(kind)) return kind as StoreKind;
  throw new SessionConfigError(`SESSION_STORE must be one of ${STORE_KINDS.join(", ")}; got ${JSON.stringify(kind)}`);
}

/** Whether the store keeps its records in D1 (so the cron cleanup has work to do). */
export function usesD1(kind: StoreKind): boolean {
  return kind === "d1" || kind === "kv-over-d1";
}

function makeStore(kind: StoreKind, env: Env): AnyStore {
  switch (kind) {
    case "cookie":
      return cookieStore();
    case "kv":
      return kvStore(env.SESSIONS_KV);
    case "d1":
      return d1Store(env.SESSIONS_DB);
    case "kv-over-d1":
      return cachedStore({ cache: kvStore(env.SESSIONS_KV), store: d1Store(env.SESSIONS_DB) });
  }
}

// One options object per env: the engine caches what it derives (imported HMAC keys) per
// options object, so building a new one per request would redo that work every time.
const optionsByEnv = new WeakMap<Env, SessionOptions>();

/** The session options for this Worker's env, built once per env object. */
export function sessionOptions(env: Env): SessionOptions {
  let options = optionsByEnv.get(env);
  if (!options) {
    const secret = env.SESSION_SECRET;
    if (!secret) {
      throw new SessionConfigError("SESSION_SECRET is not set: run `wrangler secret put SESSION_SECRET` (32+ characters)");
    }
    options = { store: makeStore(storeKind(env), env), secret };
    optionsByEnv.set(env, options);
  }
  return options;
}

/**
 * The development secret is in git, so anyone could forge sessions with it:
 * refuse it everywhere but on the developer's own machine.
 */
export function assertSecretFitsHost(env: Env, url: string): void {
  if (env.SESSION_SECRET !== DEV_SECRET) return;
  if (LOCAL_HOSTS.has(new URL(url).hostname)) return;
  throw new SessionConfigError(
    "the development SESSION_SECRET from wrangler.jsonc only works on localhost; set a real one with `wrangler secret put SESSION_SECRET`",
  );
}
