// The one vitest configuration of every package that tests in Node: each package's
// vitest.config.ts is `export default nodeTestConfig({ ...what differs })`.
// Why not one root `projects` config: the root test runner (scripts/test-all.mjs) runs each
// package through turbo and sums each package's own test-results.json (a line per package as
// it finishes, turbo's cache per package); see docs/design.md, "Testing".
import { defineConfig, type ViteUserConfig } from "vitest/config";

type TestOptions = NonNullable<ViteUserConfig["test"]>;

/** Tests beside the code (`src/**\/*.test.ts`), vitest's console output plus the JSON summary the root runner reads. */
export function nodeTestConfig(test: TestOptions = {}) {
  return defineConfig({
    test: {
      environment: "node",
      include: ["src/**/*.test.ts"],
      // TEST_RESULTS_FILE: the root runner's Node 22/24 runs write elsewhere, keeping the Node 20 counts.
      reporters: ["default", ["json", { outputFile: process.env.TEST_RESULTS_FILE ?? "test-results.json" }]],
      ...test,
    },
  });
}
