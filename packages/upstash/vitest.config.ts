import { nodeTestConfig } from "../../vitest.shared.ts";

// Node environment: the tests start a real redis-server and the Upstash REST
// test server (node:http) and talk to them with the real @upstash/redis client.
export default nodeTestConfig({
  include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  // The fault tests stop and restart Redis and wait out the client's retries
  // (about 4.3 s when the REST endpoint itself is unreachable): generous, bounded.
  testTimeout: 30_000,
  hookTimeout: 30_000,
  teardownTimeout: 10_000,
});
