import { describeSessionFlow, describeStore } from "@edge-session/core/testing";
import { type RedisClientLike, redisStore } from "@edge-session/redis";
import { afterAll, describe, it } from "vitest";
import { bind, testEnv } from "./bind.ts";

// The runner starts one real redis-server in Node and hands its address to every runtime.
// The clients: Bun's built-in RedisClient on Bun; node-redis and ioredis on Node and Deno.
// Not part of the workerd run (Workers have no TCP Redis client; use upstashStore there).
const url = testEnv("REDIS_TEST_URL");
const bun = (globalThis as { Bun?: { RedisClient: new (url: string) => RedisClientLike & { close(): void } } }).Bun;

async function connect(): Promise<{ name: string; client: RedisClientLike; close: () => void }[]> {
  if (!url) return [];
  if (bun) {
    const client = new bun.RedisClient(url);
    return [{ name: "Bun.RedisClient", client, close: () => client.close() }];
  }
  const { createClient } = await import("redis");
  const { Redis } = await import("ioredis");
  const node = await createClient({ url, disableOfflineQueue: true }).connect();
  const io = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  return [
    { name: "node-redis", client: node, close: () => node.destroy() },
    { name: "ioredis", client: io, close: () => io.disconnect() },
  ];
}

const clients = await connect();
afterAll(() => {
  for (const c of clients) c.close();
});

for (const { name, client } of clients) {
  describe(name, () => {
    const store = () => redisStore({ client, prefix: `rt${crypto.randomUUID().slice(0, 8)}:` });
    describeStore(`redisStore (${name})`, store);
    describeSessionFlow(`withSession + redisStore (${name})`, { store, bind });
  });
}
if (!url) {
  // Shown as skipped, never as passed: the runner always sets the address, so this only happens by hand.
  it.skip("redisStore (REDIS_TEST_URL not set: run through scripts/run.ts)", () => {});
}
