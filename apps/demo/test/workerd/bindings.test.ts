// What the store setting changes inside workerd: where the session lives, the cron cleanup,
// and the page a developer sees when D1 has no table yet.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index.ts";
import type { StoreKind } from "../../src/settings.ts";
import { demoBrowser, post, send } from "../demo-flows.ts";
import { workerTarget } from "./worker-target.ts";

async function d1Row(id: string): Promise<{ value: string; version: number } | null> {
  return env.SESSIONS_DB.prepare("SELECT value, version FROM sessions WHERE id = ?").bind(id).first();
}

async function loggedInId(store: StoreKind): Promise<string> {
  const browser = demoBrowser(workerTarget(store));
  await post(browser, "/login", { username: "ada" });
  const id = browser.cookie()?.split(".")[0];
  if (!id) throw new Error("no session cookie");
  return id;
}

describe("the store setting", () => {
  it("defaults to the cookie store from wrangler.jsonc", async () => {
    const response = await exports.default.fetch("http://localhost/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<strong>cookie</strong>");
    expect(html).toContain("cookie store — no server id");
  });

  it("kv keeps the session in the KV namespace only", async () => {
    const id = await loggedInId("kv");
    expect(await env.SESSIONS_KV.get(id)).not.toBeNull();
    expect(await d1Row(id)).toBeNull();
  });

  it("d1 keeps the session in the D1 table only", async () => {
    const id = await loggedInId("d1");
    expect(await d1Row(id)).toMatchObject({ version: 1 });
    expect(await env.SESSIONS_KV.get(id)).toBeNull();
  });

  it("kv-over-d1 writes D1 (the record) and KV (the cache)", async () => {
    const id = await loggedInId("kv-over-d1");
    expect(await d1Row(id)).not.toBeNull();
    expect(await env.SESSIONS_KV.get(id)).not.toBeNull();
  });

  it("do keeps the session in its own Durable Object only", async () => {
    const id = await loggedInId("do");
    const object = env.SESSIONS_DO.get(env.SESSIONS_DO.idFromName(id));
    expect(JSON.parse((await object.get(Date.now()))?.value ?? "{}").d).toMatchObject({ user: "ada" });
    expect(await d1Row(id)).toBeNull();
    expect(await env.SESSIONS_KV.get(id)).toBeNull();
  });

  it("shows how to apply the migration when the D1 table is missing", async () => {
    const browser = demoBrowser(workerTarget("d1", { SESSIONS_DB: env.UNMIGRATED_DB }));
    const { response } = await send(browser, "/");
    expect(response.status).toBe(503);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("wrangler d1 migrations apply SESSIONS_DB --local");
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe("the cron cleanup", () => {
  async function runCron(store: StoreKind): Promise<void> {
    const ctx = createExecutionContext();
    const controller = createScheduledController({ cron: "17 3 * * *", scheduledTime: Date.now() });
    await worker.scheduled(controller, { ...env, SESSION_STORE: store }, ctx);
    await waitOnExecutionContext(ctx);
  }

  async function seed(): Promise<{ expired: string; live: string }> {
    const suffix = crypto.randomUUID();
    const expired = `expired-${suffix}`;
    const live = `live-${suffix}`;
    const insert = "INSERT INTO sessions (id, value, version, expires_at) VALUES (?, '{}', 1, ?)";
    await env.SESSIONS_DB.batch([
      env.SESSIONS_DB.prepare(insert).bind(expired, Date.now() - 1_000),
      env.SESSIONS_DB.prepare(insert).bind(live, Date.now() + 3_600_000),
    ]);
    return { expired, live };
  }

  for (const store of ["d1", "kv-over-d1"] as const) {
    it(`deletes expired D1 rows and keeps live ones (${store})`, async () => {
      const { expired, live } = await seed();
      await runCron(store);
      expect(await d1Row(expired)).toBeNull();
      expect(await d1Row(live)).not.toBeNull();
    });
  }

  it("leaves D1 alone when the app does not keep sessions there", async () => {
    const { expired } = await seed();
    await runCron("cookie");
    await runCron("kv");
    expect(await d1Row(expired)).not.toBeNull();
  });
});
