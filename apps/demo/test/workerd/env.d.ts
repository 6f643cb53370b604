// The bindings vitest.config.ts adds for the tests inside workerd, as `env` from
// "cloudflare:workers" sees them (worker-configuration.d.ts has the Worker's own).
declare namespace Cloudflare {
  interface Env {
    UNMIGRATED_DB: D1Database;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
