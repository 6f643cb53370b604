import { defineConfig } from "vitest/config";

// Node: the suite files, the shim's self-test and fileStore's own tests (which also run on Deno and Bun).
export default defineConfig({
  test: {
    include: ["shim/shim.test.ts", "suites/*.test.ts", "../../packages/fs/src/*.test.ts"],
    testTimeout: 20_000,
  },
});
