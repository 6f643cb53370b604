/**
 * What the fault tests of the server stores (redis, upstash, postgres) share:
 * the outcome table, a checked fetch that records into it, reading a stored
 * value back, waiting for recovery, and writers running across an outage.
 */
import { SessionStoreError } from "@edge-session/core";
import { expect } from "vitest";
import type { Browser, TestApp } from "./app.ts";
import { browserOn } from "./app.ts";

export interface FaultRow {
  scenario: string;
  request: string;
  status: number | string;
  note?: string;
}

/** The rows of one file's fault table; `print()` writes it as Markdown when PRINT_FAULT_TABLE is set. */
export class FaultTable {
  readonly rows: FaultRow[] = [];
  constructor(private readonly prefix = "") {}

  /** Fetches `path`, records the outcome, and checks the status. */
  async expectStatus(scenario: string, browser: Browser, path: string, status: number, note?: string): Promise<Response> {
    const request = `${path}${browser.cookie() ? "" : " (no cookie)"}`;
    const response = await browser.fetch(path);
    this.rows.push({ scenario: this.prefix + scenario, request, status: response.status, ...(note ? { note } : {}) });
    expect(response.status, `${scenario}: ${path}`).toBe(status);
    return response;
  }

  /** Records a row without a request of its own. */
  push(scenario: string, request: string, status: number | string, note?: string): void {
    this.rows.push({ scenario: this.prefix + scenario, request, status, ...(note ? { note } : {}) });
  }

  print(): void {
    if (!process.env.PRINT_FAULT_TABLE) return;
    const lines = ["| scenario | request | status | note |", "|---|---|---|---|"];
    for (const r of this.rows) lines.push(`| ${r.scenario} | ${r.request} | ${r.status} | ${r.note ?? ""} |`);
    process.stdout.write(`\n${lines.join("\n")}\n`);
  }
}

/** The value the app reads for `key` (the request must succeed). */
export async function storedValue(browser: Browser, key: string): Promise<unknown> {
  const response = await browser.fetch(`/get?key=${key}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: unknown }).value;
}

/** Polls until a session read answers 200 again (the client reconnects on its own); resolves with the wait in ms. */
export async function recovered(browser: Browser, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await browser.fetch("/all");
    if (response.status === 200) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`still ${response.status} ${timeoutMs} ms after the restart`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface WritesOutcome {
  acknowledged: number;
  failed: number;
  /** Answered 503 but stored: the backend ran the write and its reply died with the connection. */
  phantoms: number;
  /** Per user: the session id and each failed write's key, for a test that can tell phantoms apart. */
  failures: { sessionId: string; key: string; stored: boolean }[];
}

/**
 * Six users write one new key per request while `outage` stops and restarts
 * the backend; afterwards every write answered 200 must be readable, and each
 * answer must be 200 or 503. Checks that both kinds happened.
 */
export async function writesAcrossOutage(app: TestApp, outage: () => Promise<void>): Promise<WritesOutcome> {
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
  await new Promise((r) => setTimeout(r, 200));
  await outage();
  await recovered(users[0]!);
  await new Promise((r) => setTimeout(r, 200));
  running = false;
  await Promise.all(loops);

  const result: WritesOutcome = { acknowledged: 0, failed: 0, phantoms: 0, failures: [] };
  for (const [u, user] of users.entries()) {
    const response = await user.fetch("/all");
    expect(response.status).toBe(200);
    const stored = (await response.json()) as Record<string, string>;
    expect(stored.seed).toBe("0");
    for (const [key, status] of outcomes[u] ?? []) {
      expect([200, 503]).toContain(status);
      if (status === 200) {
        result.acknowledged++;
        expect(stored[key], `user ${u} ${key} was acknowledged`).toBe(key.slice(1));
      } else {
        result.failed++;
        const there = key in stored;
        if (there) result.phantoms++;
        result.failures.push({ sessionId: (user.cookie() ?? "").split(".")[0] ?? "", key, stored: there });
      }
    }
  }
  expect(result.acknowledged).toBeGreaterThan(0);
  expect(result.failed).toBeGreaterThan(0);
  return result;
}

/** The table note for writesAcrossOutage's result. */
export function writesNote(outcome: WritesOutcome, phantomWord = "ran"): string {
  return `${outcome.acknowledged} × 200, every one readable after the restart; ${outcome.failed} × 503, of which ${outcome.phantoms} ${phantomWord} before the reply was lost`;
}

/** What differs between backends in {@link killMidLoad}: how to kill and restart, and what the table calls things. */
export interface KillMidLoad {
  /** e.g. "Redis", "PostgreSQL". */
  backend: string;
  kill(): Promise<void>;
  start(): Promise<void>;
  /** The failing command of: a read, a new session's create, a logout. */
  notes: { read: string; create: string; logout: string; restarted: string; afterWrite?: string };
  /** The errors onError saw (the test's hook pushes into it). */
  seen: unknown[];
}

/**
 * The outage scenario every server store runs: three users write; a fourth
 * request loads its session and waits at a gate; the backend is killed; every
 * request that needs the session answers 503 (each failure reaching onError as
 * a SessionStoreError with the client's own error as `cause`), the others 200;
 * the held write fails at commit; after the restart the same app answers
 * again and every acknowledged write — and nothing else — is there.
 */
export async function killMidLoad(table: FaultTable, app: TestApp, steps: KillMidLoad): Promise<void> {
  const { backend, notes, seen } = steps;
  const [alice, bob, carol] = [browserOn(app), browserOn(app), browserOn(app)];
  const U = `${backend} up`;
  await table.expectStatus(U, alice, "/set?key=before&value=a1", 200);
  await table.expectStatus(U, bob, "/set?key=before&value=b1", 200);
  await table.expectStatus(U, carol, "/set?key=before&value=c1", 200);
  const slow = alice.fork().fetch("/slow-set?key=during&value=lost&gate=mid");
  await app.gates.reached("mid"); // loaded before the kill, writes after it

  await steps.kill();
  const D = `${backend} killed`;
  seen.length = 0;
  await table.expectStatus(D, browserOn(app), "/ping", 200, "never touches the session");
  await table.expectStatus(D, alice, "/ping", 200, "cookie present, session untouched");
  await table.expectStatus(D, alice, "/get?key=before", 503, notes.read);
  await table.expectStatus(D, bob, "/set?key=down&value=b2", 503, "load fails before the write");
  await table.expectStatus(D, browserOn(app), "/set?key=new&value=n", 503, `${notes.create}: no cookie issued`);
  await table.expectStatus(D, carol, "/flush", 503, `${notes.logout}: logout not acknowledged`);
  app.gates.open("mid");
  const slowResponse = await slow;
  table.push(D, "/slow-set (loaded before the kill)", slowResponse.status, "patch fails at commit");
  expect(slowResponse.status).toBe(503);
  expect(slowResponse.headers.getSetCookie()).toEqual([]);
  // onError saw each failure as a SessionStoreError keeping the client's own error, unwrapped by the store.
  expect(seen.length).toBeGreaterThanOrEqual(5);
  for (const error of seen) {
    expect(error).toBeInstanceOf(SessionStoreError);
    expect((error as SessionStoreError).cause).toBeInstanceOf(Error);
    expect((error as SessionStoreError).cause).not.toBeInstanceOf(SessionStoreError);
  }

  await steps.start();
  const R = `${backend} restarted`;
  const ms = await recovered(browserOn(app, alice));
  table.push(R, "first session read", 200, `${ms} ms after ${notes.restarted}`);
  await table.expectStatus(R, alice, "/get?key=before", 200, "acknowledged write still there");
  expect(await storedValue(alice, "before")).toBe("a1");
  expect(await storedValue(alice, "during")).toBeNull(); // answered 503: not there
  expect(await storedValue(bob, "before")).toBe("b1");
  expect(await storedValue(bob, "down")).toBeNull();
  expect(await storedValue(carol, "before")).toBe("c1"); // the unacknowledged logout did not happen
  await table.expectStatus(R, bob, "/set?key=after&value=b3", 200, notes.afterWrite);
  expect(await storedValue(bob, "after")).toBe("b3");
  await table.expectStatus(R, carol, "/flush", 200);
}
