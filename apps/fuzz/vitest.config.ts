import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The fuzz run is one long test per binding and store; the whole package stays under a minute.
    testTimeout: 60_000,
    // test-results.json: the root runner (scripts/test-all.mjs) sums every package's counts.
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
