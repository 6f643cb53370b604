import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sessionCookie } from "../test/http.ts";
import worker, { type Env } from "./worker.ts";

// The README's example, run inside workerd on Miniflare's KV and D1.
const exampleEnv: Env = { SESSIONS: env.SESSIONS, DB: env.DB, SESSION_SECRET: "example-secret-at-least-32-characters!" };

async function call(path: string, cookie?: string): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`https://example.com${path}`, cookie ? { headers: { Cookie: cookie } } : {});
  const response = await worker.fetch(request, exampleEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe("example/worker.ts", () => {
  it("counts visits, logs in with a fresh id, logs out", async () => {
    const first = await call("/");
    expect(await first.json()).toEqual({ user: null, visits: 1 });
    const anonymous = sessionCookie(first);

    const login = await call("/login?user=grace", anonymous);
    expect(await login.json()).toEqual({ user: "grace", visits: 2 });
    const cookie = sessionCookie(login);
    expect(cookie).not.toBe(anonymous); // cycleKey: a new id at login

    expect(await (await call("/", anonymous)).json()).toEqual({ user: null, visits: 1 }); // the old id is dead
    expect(await (await call("/", cookie)).json()).toEqual({ user: "grace", visits: 3 });

    expect(await (await call("/logout", cookie)).text()).toBe("logged out");
    expect(await (await call("/", cookie)).json()).toEqual({ user: null, visits: 1 });
  });

  it("its scheduled handler clears expired sessions", async () => {
    const id = `expired-${crypto.randomUUID()}`;
    await env.DB.prepare("INSERT INTO sessions (id, value, version, expires_at) VALUES (?, '{}', 1, ?)")
      .bind(id, Date.now() - 1)
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "0 3 * * *" }), exampleEnv, ctx);
    await waitOnExecutionContext(ctx);
    expect(await env.DB.prepare("SELECT id FROM sessions WHERE id = ?").bind(id).first()).toBeNull();
  });
});
