import { describeSessionFlow, describeStore } from "@edge-session/core/testing";
import { upstashStore } from "@edge-session/upstash";
import { Redis } from "@upstash/redis";
import { it } from "vitest";
import { bind, testEnv } from "./bind.ts";

// The runner starts one real redis-server and the Upstash REST test server in Node and
// hands their address to every runtime; each test gets its own key prefix.
const url = testEnv("UPSTASH_TEST_URL");
const token = testEnv("UPSTASH_TEST_TOKEN") ?? "";

const store = () => {
  const prefix = `rt${crypto.randomUUID().slice(0, 8)}:`;
  return upstashStore({ redis: new Redis({ url: url!, token, enableTelemetry: false }), prefix });
};

if (url) {
  describeStore("upstashStore", store);
  describeSessionFlow("withSession + upstashStore", { store, bind });
} else {
  // Shown as skipped, never as passed: the runner always sets the address, so this only happens by hand.
  it.skip("upstashStore (UPSTASH_TEST_URL not set: run through scripts/run.ts)", () => {});
}
