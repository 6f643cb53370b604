/**
 * Faults, through serveSession and the real @upstash/redis client (defaults):
 * Redis stopped mid-run and restarted under one app instance, a wrong token, an
 * unreachable REST endpoint, Redis refusing writes. Redis runs with an
 * append-only file fsynced on every write (as a durable Upstash database would
 * keep data), so "an acknowledged write is never lost" survives the restart.
 *
 * Set PRINT_FAULT_TABLE=1 to print the outcome table.
 */
import { type SessionOptions, SessionStoreError, startSession } from "@edge-session/core";
import { errors } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserOn, makeApp, SECRET, type TestApp } from "../../redis/test/app.ts";
import { type FaultRow, FaultTable, storedValue, writesAcrossOutage, writesNote } from "../../redis/test/fault-kit.ts";
import { freePort } from "../../redis/test/redis-process.ts";
import { RespClient } from "../../redis/test/resp.ts";
import { upstashStore } from "../src/index.ts";
import { type Fixture, startFixture } from "./fixture.ts";

let fx: Fixture;
let options: SessionOptions;
let storePrefix: string;
/** One app instance for the whole file: recovery must need no restart of the app. */
let app: TestApp;

const table = new FaultTable();

beforeAll(async () => {
  fx = await startFixture({ persist: true });
  storePrefix = fx.prefix();
  options = { store: upstashStore({ redis: fx.client(), prefix: storePrefix }), secret: SECRET };
  app = makeApp(options);
});

afterAll(async () => {
  await fx?.stop();
  table.print();
});

/** A session-creating request run through the engine directly, to see the error a binding turns into 503. */
async function commitError(opts: SessionOptions, cookie?: string): Promise<unknown> {
  const request = new Request("https://example.test/", cookie ? { headers: { Cookie: cookie } } : {});
  const { session, commit } = startSession(request, opts);
  try {
    await session.set("k", "v");
    await commit(new Response("ok"));
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectStoreErrorWithCause(error: unknown, cause: RegExp): void {
  expect(error).toBeInstanceOf(SessionStoreError);
  const { cause: inner } = error as SessionStoreError;
  expect(inner).toBeInstanceOf(Error);
  expect(String((inner as Error).message)).toMatch(cause);
}

describe("upstashStore when things fail", () => {
  it("Redis stopped mid-run: store requests 503, others 200; after a restart the same app recovers, no acknowledged write lost", async () => {
    const S = "Redis up";
    const alice = browserOn(app);
    const bob = browserOn(app);
    const carol = browserOn(app);
    await table.expectStatus(S, alice, "/set?key=before&value=a1", 200);
    await table.expectStatus(S, bob, "/set?key=before&value=b1", 200);
    await table.expectStatus(S, carol, "/set?key=before&value=c1", 200);
    // alice's second tab reads its session now and writes only after Redis is gone.
    const aliceSlow = alice.fork();
    const slow = aliceSlow.fetch("/slow-set?key=during&value=lost&gate=mid");
    await app.gates.reached("mid");

    await fx.redisProcess.stop();
    const D = "Redis stopped";
    app.handlerErrors.length = 0;
    await table.expectStatus(D, browserOn(app), "/ping", 200, "never touches the session");
    await table.expectStatus(D, alice, "/ping", 200, "cookie present, session untouched");
    await table.expectStatus(D, alice, "/get?key=before", 503, "read fails at GET");
    await table.expectStatus(D, bob, "/set?key=down&value=b2", 503, "load fails before the write");
    await table.expectStatus(D, browserOn(app), "/set?key=new&value=n", 503, "SET NX fails: no cookie issued");
    await table.expectStatus(D, carol, "/flush", 503, "DEL fails: logout not acknowledged");
    app.gates.open("mid");
    const slowResponse = await slow;
    table.rows.push({
      scenario: D,
      request: "/slow-set (loaded before the stop)",
      status: slowResponse.status,
      note: "compare-and-set fails at commit",
    });
    expect(slowResponse.status).toBe(503);
    expect(slowResponse.headers.getSetCookie()).toEqual([]);

    // The error the binding turned into 503 is a SessionStoreError keeping the client's error.
    expect(app.handlerErrors.length).toBeGreaterThanOrEqual(2);
    for (const error of app.handlerErrors) expectStoreErrorWithCause(error, /connect to redis/);
    expect((app.handlerErrors[0] as SessionStoreError).cause).toBeInstanceOf(errors.UpstashError);
    expectStoreErrorWithCause(await commitError(options), /connect to redis/);

    await fx.redisProcess.start();
    const R = "Redis restarted";
    // Same app instance, same client: no restart needed.
    await table.expectStatus(R, alice, "/get?key=before", 200, "acknowledged write still there");
    expect(await storedValue(alice, "before")).toBe("a1");
    expect(await storedValue(alice, "during")).toBeNull(); // answered 503: not there
    expect(await storedValue(bob, "before")).toBe("b1");
    expect(await storedValue(bob, "down")).toBeNull();
    expect(await storedValue(carol, "before")).toBe("c1"); // the unacknowledged logout did not happen
    fx.server.resetStats();
    await table.expectStatus(R, bob, "/set?key=after&value=b3", 200, "first update re-loads the Lua script (NOSCRIPT → EVAL)");
    expect(fx.server.stats.commands).toEqual(["get", "evalsha", "eval"]); // Redis lost its script cache
    await table.expectStatus(R, browserOn(app), "/set?key=new&value=n", 200);
    await table.expectStatus(R, carol, "/flush", 200);
    expect(await storedValue(bob, "after")).toBe("b3");
  });

  it("writes running while Redis stops and restarts: every write answered 2xx is readable afterwards; a 503-answered one only if Redis ran it and its reply was lost", async () => {
    const lostBefore = fx.server.lostCommands().length;
    const outcome = await writesAcrossOutage(app, async () => {
      await fx.redisProcess.stop();
      await new Promise((r) => setTimeout(r, 300));
      await fx.redisProcess.start();
    });
    // Redis may have run a write whose reply died with the connection; no client can tell that from a
    // failure. The REST server lists such commands: each 503-answered write found stored must be one.
    const lost = fx.server.lostCommands().slice(lostBefore);
    // A create or compare-and-set carries the whole value (`"key":"value"` inside it); a patch carries the
    // key's and the value's JSON text as two arguments side by side (packages/redis/src/patch-arguments.ts).
    const carries = (c: string[], key: string, value: string): boolean =>
      c.some((arg) => arg.includes(`"${key}":"${value}"`)) ||
      c.some((arg, i) => arg === JSON.stringify(key) && c[i + 1] === JSON.stringify(value));
    const writeLost = (sessionId: string, key: string, value: string): boolean =>
      lost.some(
        (c) =>
          ["evalsha", "eval", "set"].includes(c[0]?.toLowerCase() ?? "") && c.includes(storePrefix + sessionId) && carries(c, key, value),
      );
    for (const { sessionId, key, stored } of outcome.failures) {
      if (stored) expect(writeLost(sessionId, key, key.slice(1)), `${sessionId} ${key} answered 503 but stored`).toBe(true);
    }
    table.rows.push({
      scenario: "writes during stop/restart",
      request: `${outcome.acknowledged + outcome.failed} × /set by 6 users`,
      status: "200 / 503",
      note: `${writesNote(outcome)} — each matched to a write Redis ran whose reply died with it (${lost.length} replies lost in all)`,
    });
  });

  it("a wrong token: SessionStoreError whose cause is the 401; requests without session work", async () => {
    const good = browserOn(app);
    await good.fetch("/set?key=k&value=v");
    const wrongOptions: SessionOptions = {
      store: upstashStore({ redis: fx.client({ token: "wrong-token" }), prefix: fx.prefix() }),
      secret: SECRET,
    };
    const wrong = makeApp(wrongOptions);
    const W = "wrong token";
    fx.server.resetStats();
    await table.expectStatus(W, browserOn(wrong), "/ping", 200);
    await table.expectStatus(W, browserOn(wrong), "/set?key=k&value=v", 503, "401 Unauthorized");
    const sameCookie = browserOn(wrong, good);
    await table.expectStatus(W, sameCookie, "/get?key=k", 503, "401 Unauthorized");
    expect(fx.server.stats.unauthorized).toBe(2);

    const error = await commitError(wrongOptions);
    expectStoreErrorWithCause(error, /^Unauthorized/);
    expect((error as SessionStoreError).cause).toBeInstanceOf(errors.UpstashError);
    expectStoreErrorWithCause(wrong.handlerErrors[0], /^Unauthorized/);
  });

  it("the REST endpoint unreachable: 503 after the client's own retries", async () => {
    const port = await freePort(); // nothing listens there
    const { Redis } = await import("@upstash/redis");
    const unreachable: SessionOptions = {
      store: upstashStore({ redis: new Redis({ url: `http://127.0.0.1:${port}`, token: "t", enableTelemetry: false }) }),
      secret: SECRET,
    };
    const down = makeApp(unreachable);
    const U = "REST endpoint unreachable";
    await table.expectStatus(U, browserOn(down), "/ping", 200);
    const started = Date.now();
    await table.expectStatus(U, browserOn(down), "/set?key=k&value=v", 503);
    const elapsed = Date.now() - started;
    (table.rows[table.rows.length - 1] as FaultRow).note = `after the client's 5 retries with backoff: ${elapsed} ms`;
    // The client's default: 5 retries, backoff e^i × 50 ms (≈ 4.3 s in all).
    expect(elapsed).toBeGreaterThan(3_000);
    const error = await commitError({
      ...unreachable,
      store: upstashStore({ redis: new Redis({ url: `http://127.0.0.1:${port}`, token: "t", enableTelemetry: false, retry: false }) }),
    });
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as SessionStoreError).cause).toBeInstanceOf(TypeError); // fetch failed
  }, 20_000);

  it("Redis refusing writes (maxmemory reached): reads 200, writes 503, and back once it accepts them", async () => {
    const user = browserOn(app);
    await user.fetch("/set?key=k&value=v1");
    const admin = new RespClient(fx.redisProcess.port);
    const M = "Redis out of memory";
    try {
      await admin.send([
        ["config", "set", "maxmemory-policy", "noeviction"],
        ["config", "set", "maxmemory", "1"],
      ]);
      await table.expectStatus(M, user, "/get?key=k", 200, "GET still allowed");
      await table.expectStatus(M, user, "/set?key=k&value=v2", 503, "script write refused: OOM");
      await table.expectStatus(M, browserOn(app), "/set?key=k&value=n", 503, "SET NX refused: OOM");
      expectStoreErrorWithCause(await commitError(options), /OOM/);
    } finally {
      await admin.send([["config", "set", "maxmemory", "0"]]);
      admin.close();
    }
    await table.expectStatus("memory freed", user, "/set?key=k&value=v3", 200);
    expect(await storedValue(user, "k")).toBe("v3");
  });
});
