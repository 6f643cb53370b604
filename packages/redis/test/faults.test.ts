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
import { SessionStoreError } from "@edge-session/core";
import { afterAll, describe, expect, it } from "vitest";
import { redisStore } from "../src/index.ts";
import { browserOn, makeApp, SECRET, type TestApp } from "./app.ts";
import { CLIENT_NAMES, connectClient, type TestClient } from "./clients.ts";
import { FaultTable, recovered, storedValue, writesAcrossOutage, writesNote } from "./fault-kit.ts";
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
      const [alice, bob, carol] = [browserOn(app), browserOn(app), browserOn(app)];
      const U = "Redis up";
      await table.expectStatus(U, alice, "/set?key=before&value=a1", 200);
      await table.expectStatus(U, bob, "/set?key=before&value=b1", 200);
      await table.expectStatus(U, carol, "/set?key=before&value=c1", 200);
      const slow = alice.fork().fetch("/slow-set?key=during&value=lost&gate=mid");
      await app.gates.reached("mid"); // loaded before the kill, writes after it

      await redis.kill();
      const D = "Redis killed";
      seen.length = 0;
      await table.expectStatus(D, browserOn(app), "/ping", 200, "never touches the session");
      await table.expectStatus(D, alice, "/ping", 200, "cookie present, session untouched");
      await table.expectStatus(D, alice, "/get?key=before", 503, "GET fails");
      await table.expectStatus(D, bob, "/set?key=down&value=b2", 503, "load fails before the write");
      await table.expectStatus(D, browserOn(app), "/set?key=new&value=n", 503, "SET NX fails: no cookie issued");
      await table.expectStatus(D, carol, "/flush", 503, "DEL fails: logout not acknowledged");
      app.gates.open("mid");
      const slowResponse = await slow;
      table.rows.push({
        scenario: `${name}: ${D}`,
        request: "/slow-set (loaded before the kill)",
        status: slowResponse.status,
        note: "patch fails at commit",
      });
      expect(slowResponse.status).toBe(503);
      expect(slowResponse.headers.getSetCookie()).toEqual([]);
      // onError saw each failure as a SessionStoreError keeping the client's own error, unwrapped by the store.
      expect(seen.length).toBeGreaterThanOrEqual(5);
      for (const error of seen) {
        expect(error).toBeInstanceOf(SessionStoreError);
        expect((error as SessionStoreError).cause).toBeInstanceOf(Error);
        expect((error as SessionStoreError).cause).not.toBeInstanceOf(SessionStoreError);
      }

      await redis.start();
      const R = "Redis restarted";
      const ms = await recovered(browserOn(app, alice));
      table.rows.push({
        scenario: `${name}: ${R}`,
        request: "first session read",
        status: 200,
        note: `${ms} ms after the restart (client reconnect)`,
      });
      await table.expectStatus(R, alice, "/get?key=before", 200, "acknowledged write still there");
      expect(await storedValue(alice, "before")).toBe("a1");
      expect(await storedValue(alice, "during")).toBeNull();
      expect(await storedValue(bob, "before")).toBe("b1");
      expect(await storedValue(bob, "down")).toBeNull();
      expect(await storedValue(carol, "before")).toBe("c1"); // the unacknowledged logout did not happen
      await table.expectStatus(R, bob, "/set?key=after&value=b3", 200, "script cache empty: NOSCRIPT, then EVAL");
      expect(await storedValue(bob, "after")).toBe("b3");
      await table.expectStatus(R, carol, "/flush", 200);
    });

    it("writes running across a kill and restart: every write answered 200 is there afterwards", async () => {
      const outcome = await writesAcrossOutage(app, async () => {
        await redis.kill();
        await new Promise((r) => setTimeout(r, 300));
        await redis.start();
      });
      table.rows.push({
        scenario: `${name}: writes across kill/restart`,
        request: `${outcome.acknowledged + outcome.failed} × /set by 6 users`,
        status: "200 / 503",
        note: writesNote(outcome),
      });
    });
  });
}
