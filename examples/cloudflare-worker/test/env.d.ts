// `env` from "cloudflare:workers" in the tests: the bindings of wrangler.jsonc plus the migrations vitest.config.ts adds.
declare namespace Cloudflare {
  interface Env {
    SESSIONS: KVNamespace;
    DB: D1Database;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
