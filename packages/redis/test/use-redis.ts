// One redis-server per test file, started before its tests and stopped by PID after them,
// plus one connected client of each kind.
import { afterAll, beforeAll } from "vitest";
import { type ClientName, connectClient, type TestClient } from "./clients.ts";
import { type RedisProcess, startRedis } from "./redis-process.ts";
import { RespClient } from "./resp.ts";

export interface RedisFixture {
  server: () => RedisProcess;
  client: (name: ClientName) => TestClient;
  /** A direct RESP connection, to look at what the store wrote. */
  raw: () => RespClient;
  /** A random key prefix, so tests never see each other's records. */
  prefix: () => string;
}

export function useRedis(): RedisFixture {
  let server: RedisProcess | undefined;
  let raw: RespClient | undefined;
  const clients = new Map<ClientName, TestClient>();
  beforeAll(async () => {
    server = await startRedis();
    for (const name of ["node-redis", "ioredis"] as const) clients.set(name, await connectClient(name, server.port));
  });
  afterAll(async () => {
    for (const c of clients.values()) await c.close();
    raw?.close();
    await server?.stop();
  });
  return {
    server: () => server!,
    client: (name) => clients.get(name)!,
    raw: () => {
      raw ??= new RespClient(server!.port);
      return raw;
    },
    prefix: () => `t${crypto.randomUUID().slice(0, 12)}:`,
  };
}
