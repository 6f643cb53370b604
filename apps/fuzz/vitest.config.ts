import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The fuzz run is one long test per binding and store; the whole package stays under a minute.
    testTimeout: 120_000,
    // One worker per core (vitest's default leaves one core idle): the two binding files run side by side.
    maxWorkers: 2,
    // test-results.json: the root runner (scripts/test-all.mjs) sums every package's counts.
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
