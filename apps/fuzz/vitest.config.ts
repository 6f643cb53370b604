import { nodeTestConfig } from "../../vitest.shared.ts";

export default nodeTestConfig({
  // The fuzz run is one long test per binding and store; the whole package stays under a minute.
  testTimeout: 120_000,
  // One worker per core (vitest's default leaves one core idle): the two binding files run side by side.
  maxWorkers: 2,
});
