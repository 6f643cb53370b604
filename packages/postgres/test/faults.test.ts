/**
 * Faults through serveSession: the PostgreSQL server killed mid-load
 * (SIGQUIT to the postmaster: immediate shutdown, crash recovery on the next
 * start) and restarted under one app instance and one postgres.js client, and
 * writes running across the kill. Set PRINT_FAULT_TABLE=1 to print the table.
 */
import { type SessionOptions, SessionStoreError } from "@edge-session/core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, browserOn, makeApp, SECRET, type TestApp } from "../../redis/test/app.ts";
import { createTable, postgresStore } from "../src/index.ts";
import { type PgCluster, startCluster } from "./pg-process.ts";

interface Row {
  scenario: string;
  request: string;
  status: number | string;
  note?: string;
}
const table: Row[] = [];
let cluster: PgCluster;
let sql: postgres.Sql;
let app: TestApp;
const seen: unknown[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  // A short connect timeout: while the server is down, a request waits at most this long.
  sql = postgres(cluster.url, { max: 10, connect_timeout: 2, onnotice: () => {} });
  await createTable(sql);
  const options: SessionOptions = { store: postgresStore({ sql }), secret: SECRET, onError: (error) => void seen.push(error) };
  app = makeApp(options);
});

afterAll(async () => {
  await sql?.end({ timeout: 1 });
  await cluster?.destroy();
  if (!process.env.PRINT_FAULT_TABLE) return;
  const lines = ["| scenario | request | status | note |", "|---|---|---|---|"];
  for (const r of table) lines.push(`| ${r.scenario} | ${r.request} | ${r.status} | ${r.note ?? ""} |`);
  process.stdout.write(`\n${lines.join("\n")}\n`);
});

async function expectStatus(scenario: string, browser: Browser, path: string, status: number, note?: string): Promise<Response> {
  const request = `${path}${browser.cookie() ? "" : " (no cookie)"}`;
  const response = await browser.fetch(path);
  table.push({ scenario, request, status: response.status, ...(note ? { note } : {}) });
  expect(response.status, `${scenario}: ${path}`).toBe(status);
  return response;
}

async function storedValue(browser: Browser, key: string): Promise<unknown> {
  const response = await browser.fetch(`/get?key=${key}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: unknown }).value;
}

async function recovered(browser: Browser): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await browser.fetch("/all");
    if (response.status === 200) return Date.now() - started;
    if (Date.now() - started > 15_000) throw new Error(`still ${response.status} 15 s after the restart`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("postgresStore when the server dies", () => {
  it("killed mid-load: 503s via SessionStoreError; restarted: the same app recovers with every acknowledged write", async () => {
    const alice = browserOn(app);
    const bob = browserOn(app);
    const carol = browserOn(app);
    const U = "PostgreSQL up";
    await expectStatus(U, alice, "/set?key=before&value=a1", 200);
    await expectStatus(U, bob, "/set?key=before&value=b1", 200);
    await expectStatus(U, carol, "/set?key=before&value=c1", 200);
    const slow = alice.fork().fetch("/slow-set?key=during&value=lost&gate=mid");
    await app.gates.reached("mid");

    await cluster.kill();
    const D = "PostgreSQL killed";
    seen.length = 0;
    await expectStatus(D, browserOn(app), "/ping", 200, "never touches the session");
    await expectStatus(D, alice, "/ping", 200, "cookie present, session untouched");
    await expectStatus(D, alice, "/get?key=before", 503, "SELECT fails");
    await expectStatus(D, bob, "/set?key=down&value=b2", 503, "load fails before the write");
    await expectStatus(D, browserOn(app), "/set?key=new&value=n", 503, "INSERT fails: no cookie issued");
    await expectStatus(D, carol, "/flush", 503, "DELETE fails: logout not acknowledged");
    app.gates.open("mid");
    const slowResponse = await slow;
    table.push({ scenario: D, request: "/slow-set (loaded before the kill)", status: slowResponse.status, note: "patch fails at commit" });
    expect(slowResponse.status).toBe(503);
    expect(slowResponse.headers.getSetCookie()).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (const error of seen) {
      expect(error).toBeInstanceOf(SessionStoreError);
      expect((error as SessionStoreError).cause).toBeInstanceOf(Error);
      expect((error as SessionStoreError).cause).not.toBeInstanceOf(SessionStoreError);
    }

    await cluster.start();
    const R = "PostgreSQL restarted";
    const ms = await recovered(browserOn(app, alice));
    table.push({ scenario: R, request: "first session read", status: 200, note: `${ms} ms after the server accepted connections again` });
    await expectStatus(R, alice, "/get?key=before", 200, "acknowledged write still there (crash recovery)");
    expect(await storedValue(alice, "before")).toBe("a1");
    expect(await storedValue(alice, "during")).toBeNull();
    expect(await storedValue(bob, "before")).toBe("b1");
    expect(await storedValue(bob, "down")).toBeNull();
    expect(await storedValue(carol, "before")).toBe("c1");
    await expectStatus(R, bob, "/set?key=after&value=b3", 200);
    expect(await storedValue(bob, "after")).toBe("b3");
    await expectStatus(R, carol, "/flush", 200);
  });

  it("writes running across a kill and restart: every write answered 200 is there afterwards", async () => {
    const users = Array.from({ length: 6 }, () => browserOn(app));
    for (const user of users) expect((await user.fetch("/set?key=seed&value=0")).status).toBe(200);
    const outcomes = users.map(() => new Map<string, number>());
    let running = true;
    const loops = users.map(async (user, u) => {
      for (let n = 0; running; n++) {
        const response = await user.fetch(`/set?key=w${n}&value=${n}`);
        outcomes[u]?.set(`w${n}`, response.status);
        await new Promise((r) => setTimeout(r, 2));
      }
    });
    await new Promise((r) => setTimeout(r, 300));
    await cluster.kill();
    await new Promise((r) => setTimeout(r, 300));
    await cluster.start();
    await recovered(users[0]!);
    await new Promise((r) => setTimeout(r, 300));
    running = false;
    await Promise.all(loops);

    let acknowledged = 0;
    let failed = 0;
    let phantoms = 0;
    for (const [u, user] of users.entries()) {
      const response = await user.fetch("/all");
      expect(response.status).toBe(200);
      const stored = (await response.json()) as Record<string, string>;
      expect(stored.seed).toBe("0");
      for (const [key, status] of outcomes[u] ?? []) {
        expect([200, 503]).toContain(status);
        if (status === 200) {
          acknowledged++;
          expect(stored[key], `user ${u} ${key} was acknowledged`).toBe(key.slice(1));
        } else {
          failed++;
          if (key in stored) phantoms++; // committed, but the reply died with the connection
        }
      }
    }
    expect(acknowledged).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    table.push({
      scenario: "writes across kill/restart",
      request: `${acknowledged + failed} × /set by 6 users`,
      status: "200 / 503",
      note: `${acknowledged} × 200, all readable after the restart; ${failed} × 503 (${phantoms} of them committed before the reply was lost)`,
    });
  }, 60_000);
});
