import { defineConfig } from "vitest/config";

// Node environment: the tests start their own PostgreSQL cluster (initdb + postgres
// on a free port) and talk to it with the real postgres.js client.
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The root test runner sums every package's test-results.json.
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
    // The fault tests kill and restart the server under one app: generous, bounded.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 10_000,
  },
});
