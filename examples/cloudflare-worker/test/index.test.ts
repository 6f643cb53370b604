// The example Worker inside workerd (vitest-pool-workers), on Miniflare's KV and D1 from wrangler.jsonc.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Browser } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";
import worker, { type Env } from "../src/index.ts";

const exampleEnv: Env = { SESSIONS: env.SESSIONS, DB: env.DB, SESSION_SECRET: "example-secret-at-least-32-characters!" };

async function call(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, exampleEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function d1Row(id: string): Promise<{ version: number } | null> {
  return env.DB.prepare("SELECT version FROM sessions WHERE id = ?").bind(id).first();
}

/** GET / from another browser that sends an old session cookie (its answer stays out of the first browser's jar). */
function replay(cookie: string | undefined): Promise<Record<string, unknown>> {
  const other = new Browser(call);
  other.jar.set("sessionid", cookie ?? "");
  return other.json("/");
}

describe("the Cloudflare Worker example", () => {
  it("counts visits, logs in with a fresh id, logs out", async () => {
    const browser = new Browser(call);
    expect(await browser.json("/")).toEqual({ user: null, visits: 1 });
    const anonymous = browser.cookie();

    expect(await browser.json("/login?user=grace")).toEqual({ user: "grace", visits: 2 });
    const loggedIn = browser.cookie();
    expect(loggedIn).not.toBe(anonymous); // cycleKey: a new id at login

    expect(await replay(anonymous)).toEqual({ user: null, visits: 1 }); // the old id is dead
    expect(await browser.json("/")).toEqual({ user: "grace", visits: 3 });

    expect(await (await browser.fetch("/logout")).text()).toBe("logged out");
    expect(browser.cookie()).toBeUndefined();
    expect(await replay(loggedIn)).toEqual({ user: null, visits: 1 });
  });

  it("keeps the record in D1 and a copy in KV (cached_db)", async () => {
    const browser = new Browser(call);
    await browser.json("/login?user=ada");
    const id = browser.cookie()?.split(".")[0] ?? "";
    expect(await d1Row(id)).not.toBeNull();
    expect(await env.SESSIONS.get(id)).not.toBeNull();
  });

  it("its scheduled handler clears expired sessions and keeps live ones", async () => {
    const suffix = crypto.randomUUID();
    const insert = "INSERT INTO sessions (id, value, version, expires_at) VALUES (?, '{}', 1, ?)";
    await env.DB.batch([
      env.DB.prepare(insert).bind(`expired-${suffix}`, Date.now() - 1),
      env.DB.prepare(insert).bind(`live-${suffix}`, Date.now() + 3_600_000),
    ]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "0 3 * * *" }), exampleEnv, ctx);
    await waitOnExecutionContext(ctx);
    expect(await d1Row(`expired-${suffix}`)).toBeNull();
    expect(await d1Row(`live-${suffix}`)).not.toBeNull();
  });
});
