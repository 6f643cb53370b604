import { cookieStore } from "@edge-session/cookie";
import type { AnyStore } from "@edge-session/core";
import { memoryStore, SessionConfigError } from "@edge-session/core";
import { fileStore } from "@edge-session/fs";

/** The stores the Deno and Bun demos can run on, chosen by `SESSION_STORE`. */
export const STORE_KINDS = ["memory", "cookie", "cookie-encrypted", "file"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

const STORE_LABELS: Record<StoreKind, string> = {
  memory: "memoryStore — in this process; logout revokes the old cookie at once",
  cookie: "signed cookie — the data lives in the cookie (Django's format)",
  "cookie-encrypted": "encrypted cookie — JWE, the browser cannot read it",
  file: "fileStore — one file per session, survives a restart",
};

/** Public, in git: accepted only when the request's host is this machine. */
export const DEV_SECRET = "dev-only-edge-session-demo-secret-not-for-production";

/** What the demo needs to start: the store, the secret and a line saying which store it is. */
export interface DemoSettings {
  store: AnyStore;
  secret: string;
  storeLabel: string;
  /** True when no SESSION_SECRET was given and the public development secret is in use. */
  devSecret: boolean;
}

/**
 * Reads `SESSION_STORE` [memory], `SESSION_DIR` [.sessions] and `SESSION_SECRET`
 * through `env` (Deno.env.get or process.env). memoryStore is the default because
 * it shows server-side revocation: after logout the old cookie is refused.
 */
export function settingsFromEnv(env: (name: string) => string | undefined): DemoSettings {
  const kind = env("SESSION_STORE") || "memory";
  if (!(STORE_KINDS as readonly string[]).includes(kind)) {
    throw new SessionConfigError(`SESSION_STORE must be one of ${STORE_KINDS.join(", ")}; got ${JSON.stringify(kind)}`);
  }
  const secret = env("SESSION_SECRET");
  return {
    store: makeStore(kind as StoreKind, env),
    secret: secret || DEV_SECRET,
    storeLabel: STORE_LABELS[kind as StoreKind],
    devSecret: !secret,
  };
}

function makeStore(kind: StoreKind, env: (name: string) => string | undefined): AnyStore {
  switch (kind) {
    case "memory":
      return memoryStore();
    case "cookie":
      return cookieStore();
    case "cookie-encrypted":
      return cookieStore({ encrypt: true });
    case "file":
      return fileStore({ dir: env("SESSION_DIR") || ".sessions" });
  }
}
