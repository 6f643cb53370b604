import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // test-results.json: the root runner (scripts/test-all.mjs) sums every package's counts.
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
