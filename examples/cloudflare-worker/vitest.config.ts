import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// The tests run inside workerd with the Worker's own wrangler.jsonc: Miniflare's KV and D1.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(new URL("../../packages/cloudflare/migrations", import.meta.url).pathname);
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
          // The test runner needs Node's modules inside workerd; the Worker itself does not.
          compatibilityFlags: ["nodejs_compat"],
          bindings: { TEST_MIGRATIONS: migrations },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      // test-results.json: the root runner (scripts/test-all.mjs) sums every workspace's counts.
      reporters: ["default", ["json", { outputFile: "test-results.json" }]],
      setupFiles: ["./test/apply-migrations.ts"],
      testTimeout: 20_000,
    },
  };
});
