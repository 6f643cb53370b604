// The bindings declared in test/wrangler.jsonc and vitest.config.ts, as `env` from "cloudflare:workers" sees them.
declare namespace Cloudflare {
  interface Env {
    SESSIONS: KVNamespace;
    DB: D1Database;
    EMPTY_DB: D1Database;
    SESSION_OBJECTS: DurableObjectNamespace<import("../src/session-object.ts").SessionObject>;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
