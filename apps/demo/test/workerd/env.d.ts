// What the tests see inside workerd beyond worker-configuration.d.ts: the bindings
// vitest.config.ts adds, and the Worker's exports (for `exports.default.fetch`).
declare namespace Cloudflare {
  interface Env {
    UNMIGRATED_DB: D1Database;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
  interface GlobalProps {
    mainModule: typeof import("../../src/index.ts");
  }
}
