import { cookieStore } from "@edge-session/cookie";
import { encryptedCookieStore } from "@edge-session/cookie/encrypted";
import type { AnyStore } from "@edge-session/core";
import { memoryStore, SessionConfigError } from "@edge-session/core";
import { fileStore } from "@edge-session/fs";
import type { DemoAppOptions, DemoSetup, StoreInfo } from "../app.ts";
import { COOKIE_CHUNKS, demoOptions } from "../app.ts";
import { assertSecretFitsHost, DEV_SECRET } from "../dev-secret.ts";

/** The stores the Deno, Bun and Node servers can run on, chosen by `SESSION_STORE`. */
export const SERVER_STORE_KINDS = ["memory", "cookie", "cookie-encrypted", "file"] as const;
export type ServerStoreKind = (typeof SERVER_STORE_KINDS)[number];

const STORES: Record<ServerStoreKind, Omit<StoreInfo, "kind">> = {
  memory: { label: "memoryStore — in this process; logout revokes the old cookie at once", serverSide: true },
  cookie: { label: "signed cookie — the data lives in the cookie (Django's format)", serverSide: false },
  "cookie-encrypted": { label: "encrypted cookie — JWE, the browser cannot read it", serverSide: false },
  file: { label: "fileStore — one file per session, survives a restart", serverSide: true },
};

/** Reads one environment variable: `Deno.env.get` or `process.env[name]`. */
export type ReadEnv = (name: string) => string | undefined;

/** What a server entry needs: the app's setup, and whether it runs on the public development secret. */
export interface ServerSettings {
  setup: DemoAppOptions<object>["setup"];
  store: StoreInfo;
  /** True when no SESSION_SECRET was given and the public development secret is in use. */
  devSecret: boolean;
}

function makeStore(kind: ServerStoreKind, env: ReadEnv): AnyStore {
  switch (kind) {
    case "memory":
      return memoryStore();
    case "cookie":
      return cookieStore({ maxChunks: COOKIE_CHUNKS });
    case "cookie-encrypted":
      return encryptedCookieStore({ maxChunks: COOKIE_CHUNKS });
    case "file":
      return fileStore({ dir: env("SESSION_DIR") || ".sessions" });
  }
}

/**
 * Reads `SESSION_STORE` [memory], `SESSION_DIR` [.sessions] and `SESSION_SECRET` once, at
 * start-up. memoryStore is the default because it shows server-side revocation: after
 * logout the old cookie is refused.
 */
export function serverSettings(env: ReadEnv): ServerSettings {
  const kind = env("SESSION_STORE") || "memory";
  if (!(SERVER_STORE_KINDS as readonly string[]).includes(kind)) {
    throw new SessionConfigError(`SESSION_STORE must be one of ${SERVER_STORE_KINDS.join(", ")}; got ${JSON.stringify(kind)}`);
  }
  const secret = env("SESSION_SECRET") || DEV_SECRET;
  const store = { kind, ...STORES[kind as ServerStoreKind] };
  // One options object for the process: the engine caches the keys it derives per options object.
  const setup: DemoSetup = { options: demoOptions(makeStore(kind as ServerStoreKind, env), secret), store };
  return {
    setup: (_env, url) => {
      assertSecretFitsHost(secret, url, "set SESSION_SECRET (32+ characters)");
      return setup;
    },
    store,
    devSecret: secret === DEV_SECRET,
  };
}
