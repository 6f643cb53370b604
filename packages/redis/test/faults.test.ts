/**
 * Faults, once per client (node-redis, ioredis), through serveSession: the
 * redis-server killed (SIGKILL) mid-load and restarted under one app
 * instance, and writes running across the kill. Redis keeps an append-only
 * file fsynced on every write, so "an acknowledged write is never lost" is
 * about this store and the engine, not about a Redis that drops data.
 *
 * Set PRINT_FAULT_TABLE=1 to print the outcome table.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { redisStore } from "../src/index.ts";
import { makeApp, SECRET, type TestApp } from "./app.ts";
import { CLIENT_NAMES, connectClient, type TestClient } from "./clients.ts";
import { FaultTable, killMidLoad, writesAcrossOutage, writesNote } from "./fault-kit.ts";
import { type RedisProcess, startRedis } from "./redis-process.ts";

const tables: FaultTable[] = [];
afterAll(() => {
  for (const table of tables) table.print();
});

for (const name of CLIENT_NAMES) {
  describe(`redisStore (${name}) when redis-server dies`, () => {
    const table = new FaultTable(`${name}: `);
    tables.push(table);
    let redis: RedisProcess;
    let dir: string;
    let app: TestApp;
    let client: TestClient;
    const seen: unknown[] = [];

    afterAll(async () => {
      await client?.close();
      await redis?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("killed mid-load: 503s via SessionStoreError; restarted: the same app recovers with every acknowledged write", async () => {
      dir = await mkdtemp(join(tmpdir(), "edge-session-redis-aof-"));
      redis = await startRedis({ persistDir: dir });
      client = await connectClient(name, redis.port);
      const store = redisStore({ client: client.client, prefix: "faults:" });
      app = makeApp({ store, secret: SECRET, onError: (error) => void seen.push(error) });
      await killMidLoad(table, app, {
        backend: "Redis",
        kill: () => redis.kill(),
        start: () => redis.start(),
        notes: {
          read: "GET fails",
          create: "SET NX fails",
          logout: "DEL fails",
          restarted: "the restart (client reconnect)",
          afterWrite: "script cache empty: NOSCRIPT, then EVAL",
        },
        seen,
      });
    });

    it("writes running across a kill and restart: every write answered 200 is there afterwards", async () => {
      const outcome = await writesAcrossOutage(app, async () => {
        await redis.kill();
        await new Promise((r) => setTimeout(r, 300));
        await redis.start();
      });
      table.push(
        "writes across kill/restart",
        `${outcome.acknowledged + outcome.failed} × /set by 6 users`,
        "200 / 503",
        writesNote(outcome),
      );
    });
  });
}
