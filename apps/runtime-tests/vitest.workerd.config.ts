import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// The same suite files as every other runtime, inside workerd. fileStore (node:fs) is not a
// Workers store, so suites/file.test.ts is left out here.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./workerd/wrangler.jsonc" },
      miniflare: {
        bindings: {
          UPSTASH_TEST_URL: process.env.UPSTASH_TEST_URL ?? "",
          UPSTASH_TEST_TOKEN: process.env.UPSTASH_TEST_TOKEN ?? "",
        },
      },
    }),
  ],
  test: {
    include: ["shim/shim.test.ts", "suites/*.test.ts"],
    // redisStore and postgresStore need TCP clients (node-redis/ioredis, postgres.js without Hyperdrive).
    exclude: ["suites/file.test.ts", "suites/redis.test.ts", "suites/postgres.test.ts"],
    testTimeout: 20_000,
  },
});
