import { defineConfig } from "vitest/config";

// The runner's own tests (result parsing, the table); the runtime runs use the other configs.
export default defineConfig({ test: { include: ["scripts/*.test.ts"] } });
