// One fixture per test file: started before its tests, stopped (by PID) after them.
// Kept apart from fixture.ts, which apps/runtime-tests imports outside vitest.
import { afterAll, beforeAll } from "vitest";
import { RespClient } from "../../redis/test/resp.ts";
import { type Fixture, startFixture } from "./fixture.ts";

/** The file's fixture, for use inside tests; with `raw`, also a direct RESP client to its redis-server. */
export function useFixture(): { fixture: () => Fixture; raw: () => RespClient } {
  let fx: Fixture | undefined;
  let raw: RespClient | undefined;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => {
    raw?.close();
    await fx?.stop();
  });
  return {
    fixture: () => fx!,
    raw: () => {
      raw ??= new RespClient(fx!.redisProcess.port);
      return raw;
    },
  };
}
