import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Three projects: the Worker's app in Node on the cookie store (fast, no runtime); the same
// flows inside workerd against every store, with Miniflare's KV and D1 from wrangler.jsonc;
// and the Deno, Bun and Node servers, in process and as real processes over HTTP.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(new URL("../../packages/cloudflare/migrations", import.meta.url).pathname);
  return {
    test: {
      reporters: ["default", ["json", { outputFile: "test-results.json" }]],
      projects: [
        {
          test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node" },
        },
        {
          // Each real-server file starts its runtime (Deno and Bun from npm) on a free port.
          test: { name: "servers", include: ["test/servers/**/*.test.ts"], environment: "node", testTimeout: 30_000, hookTimeout: 60_000 },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.jsonc" },
              miniflare: {
                // The test runner needs Node's modules inside workerd; the Worker itself does not.
                compatibilityFlags: ["nodejs_compat"],
                // test/workerd/apply-migrations.ts applies the shipped SQL through this binding.
                bindings: { TEST_MIGRATIONS: migrations },
                // A D1 database left without the migration: what `SESSION_STORE=d1` meets locally
                // before `wrangler d1 migrations apply` (the page must say so).
                d1Databases: { UNMIGRATED_DB: "unmigrated" },
              },
            }),
          ],
          test: {
            name: "workerd",
            include: ["test/workerd/**/*.test.ts"],
            setupFiles: ["./test/workerd/apply-migrations.ts"],
            testTimeout: 20_000,
          },
        },
      ],
    },
  };
});
