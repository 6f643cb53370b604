// The store conformance suite from core, run with the real @upstash/redis client
// (defaults: auto-pipelining, base64 responses) against the REST test server and a real redis-server.
import { describeStore } from "@edge-session/core/testing";
import { afterAll, beforeAll } from "vitest";
import { upstashStore } from "../src/index.ts";
import { type Fixture, startFixture } from "./fixture.ts";

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx?.stop();
});

describeStore("upstashStore", () => upstashStore({ redis: fx.client(), prefix: fx.prefix() }));
