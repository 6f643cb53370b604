import { nodeTestConfig } from "../../vitest.shared.ts";

// The type tests (*.test-d.ts) run through tsc in vitest's typecheck mode and count in test-results.json.
export default nodeTestConfig({ typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" } });
