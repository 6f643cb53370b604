import { nodeTestConfig } from "../../vitest.shared.ts";

// Node environment: the tests start a real redis-server and talk to it with the
// real node-redis and ioredis clients.
export default nodeTestConfig({
  include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  // The fault tests stop and restart redis-server under one app: generous, bounded.
  testTimeout: 30_000,
  hookTimeout: 30_000,
  teardownTimeout: 10_000,
});
