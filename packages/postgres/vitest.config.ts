import { nodeTestConfig } from "../../vitest.shared.ts";

// Node environment: the tests start their own PostgreSQL cluster (initdb + postgres
// on a free port) and talk to it with the real postgres.js client.
export default nodeTestConfig({
  include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  // The fault tests kill and restart the server under one app: generous, bounded.
  testTimeout: 30_000,
  hookTimeout: 30_000,
  teardownTimeout: 10_000,
});
