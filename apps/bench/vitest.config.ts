import { nodeTestConfig } from "../../vitest.shared.ts";

export default nodeTestConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
