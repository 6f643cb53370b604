import { d1Store, durableObjectStore, kvStore } from "@edge-session/cloudflare";
import { cookieStore } from "@edge-session/cookie";
import type { AnyStore } from "@edge-session/core";
import { cachedStore, SessionConfigError } from "@edge-session/core";
import type { DemoSetup, StoreInfo } from "./app.ts";
import { COOKIE_CHUNKS, demoOptions } from "./app.ts";
import { assertSecretFitsHost } from "./dev-secret.ts";

/** The stores the Worker can run on, chosen by the `SESSION_STORE` var. */
export const STORE_KINDS = ["cookie", "kv", "d1", "kv-over-d1", "do"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

const MIGRATION_HINT =
  "Running locally? Create the table first: npx -y pnpm@10.34.8 --filter @edge-session/demo exec wrangler d1 migrations apply SESSIONS_DB --local";

/** What the page says about each store. To add one: a kind above, a line here, a case in `makeStore`. */
const STORES: Record<StoreKind, Omit<StoreInfo, "kind">> = {
  cookie: { label: "signed cookie — the data lives in the cookie", serverSide: false },
  kv: { label: "Workers KV — eventually consistent, last write wins", serverSide: true },
  d1: { label: "D1 — strongly consistent, compare-and-set", serverSide: true, unavailableHint: MIGRATION_HINT },
  "kv-over-d1": { label: "KV cache over D1 — Django's cached_db", serverSide: true, unavailableHint: MIGRATION_HINT },
  do: { label: "Durable Objects — one object per session, strongly consistent", serverSide: true },
};

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
      return cookieStore({ maxChunks: COOKIE_CHUNKS });
    case "kv":
      return kvStore(env.SESSIONS_KV);
    case "d1":
      return d1Store(env.SESSIONS_DB);
    case "kv-over-d1":
      return cachedStore({ cache: kvStore(env.SESSIONS_KV), store: d1Store(env.SESSIONS_DB) });
    case "do":
      return durableObjectStore(env.SESSIONS_DO);
  }
}

// One setup per env: the engine caches what it derives (imported HMAC keys) per options
// object, so building a new one per request would redo that work every time.
const setupByEnv = new WeakMap<Env, DemoSetup>();

/** The Worker's session options and store line for this env (built once per env) and request URL. */
export function workerSetup(env: Env, url: string): DemoSetup {
  assertSecretFitsHost(env.SESSION_SECRET, url, "set a real one with `wrangler secret put SESSION_SECRET`");
  let setup = setupByEnv.get(env);
  if (!setup) {
    const secret = env.SESSION_SECRET;
    if (!secret) {
      throw new SessionConfigError("SESSION_SECRET is not set: run `wrangler secret put SESSION_SECRET` (32+ characters)");
    }
    const kind = storeKind(env);
    setup = { options: demoOptions(makeStore(kind, env), secret), store: { kind, ...STORES[kind] } };
    setupByEnv.set(env, setup);
  }
  return setup;
}
