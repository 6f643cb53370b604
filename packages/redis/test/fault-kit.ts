/**
 * What the fault tests of the server stores (redis, upstash, postgres) share:
 * the outcome table, a checked fetch that records into it, reading a stored
 * value back, waiting for recovery, and writers running across an outage.
 */
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
