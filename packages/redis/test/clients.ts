/**
 * Real clients for the tests, each connected to one redis-server port, with
 * the settings the README recommends: fail a command at once while the
 * connection is down (so the engine answers 503) instead of queueing it
 * until Redis comes back.
 */
import { Redis as IoRedis } from "ioredis";
import { createClient } from "redis";
import type { RedisClientLike } from "../src/index.ts";

export interface TestClient {
  readonly client: RedisClientLike;
  close(): Promise<void>;
}

export type ClientName = "node-redis" | "ioredis";
export const CLIENT_NAMES: readonly ClientName[] = ["node-redis", "ioredis"];

export async function connectClient(name: ClientName, port: number): Promise<TestClient> {
  if (name === "node-redis") {
    const client = createClient({
      url: `redis://127.0.0.1:${port}`,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500) },
    });
    // node-redis emits "error" on every failed reconnect; without a listener it would crash the process.
    client.on("error", () => undefined);
    await client.connect();
    return {
      client,
      close: async () => {
        client.destroy();
      },
    };
  }
  const client = new IoRedis(port, "127.0.0.1", {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 500),
    lazyConnect: true,
  });
  client.on("error", () => undefined);
  await client.connect();
  return {
    client,
    close: async () => {
      client.disconnect();
    },
  };
}
