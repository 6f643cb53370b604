import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The type tests (*.test-d.ts) run through tsc and count in test-results.json like the others.
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    reporters: ["default", ["json", { outputFile: "test-results.json" }]],
  },
});
