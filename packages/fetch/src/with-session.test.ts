import { cookieStore } from "@edge-session/cookie";
import { encryptedCookieStore } from "@edge-session/cookie/encrypted";
import { CsrfError, memoryStore, type SessionError, type SessionStore, SessionStoreError } from "@edge-session/core";
import { describeSessionFlow } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";
import { withSession } from "./with-session.ts";

describeSessionFlow("withSession + memoryStore", {
  store: () => memoryStore(),
  bind: (app, options) => withSession(app, options),
});
describeSessionFlow("withSession + cookieStore()", {
  store: () => cookieStore(),
  bind: (app, options) => withSession(app, options),
});
describeSessionFlow("withSession + encryptedCookieStore()", {
  store: () => encryptedCookieStore(),
  bind: (app, options) => withSession(app, options),
});

const secret = "with-session-test-secret-0123456789";

/** Records what the onError hook saw. */
function errorLog() {
  const seen: [SessionError, Request][] = [];
  return { seen, onError: (error: SessionError, request: Request) => void seen.push([error, request]) };
}

describe("withSession", () => {
  it("reads options per request from the runtime's extra arguments", async () => {
    const store = memoryStore();
    const seen: unknown[] = [];
    const handler = withSession<{ SECRET: string }, { n: number }, { tag: string }>(
      async (_request, session, env, ctx) => {
        seen.push(env.SECRET, ctx.tag);
        await session.set("n", 1);
        return new Response("ok");
      },
      (env) => ({ store, secret: env.SECRET }),
    );
    const response = await handler(new Request("https://example.test/"), { SECRET: secret }, { tag: "ctx" });
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(seen).toEqual([secret, "ctx"]);
  });

  it("rethrows errors that are not session errors, without reporting them", async () => {
    const log = errorLog();
    const handler = withSession(
      async () => {
        throw new TypeError("app bug");
      },
      { store: memoryStore(), secret, onError: log.onError },
    );
    await expect(handler(new Request("https://example.test/"))).rejects.toThrow("app bug");
    expect(log.seen).toEqual([]);
  });

  it("answers a SessionStoreError from the handler through fail(): 503, onError called once with the request", async () => {
    const log = errorLog();
    const handler = withSession(
      async () => {
        throw new SessionStoreError("down", { cause: new Error("ECONNREFUSED") });
      },
      { store: memoryStore(), secret, onError: log.onError },
    );
    const request = new Request("https://example.test/");
    const response = await handler(request);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("1");
    expect(log.seen).toHaveLength(1);
    expect(log.seen[0]?.[0]).toBeInstanceOf(SessionStoreError);
    expect(log.seen[0]?.[1]).toBe(request);
  });

  it("answers a store failure while saving with a 503 and reports it once, with its cause", async () => {
    const log = errorLog();
    const down = new Error("ECONNREFUSED");
    const failing: SessionStore = { ...memoryStore(), create: () => Promise.reject(down) };
    const handler = withSession(
      async (_request, session) => {
        await session.set("n", 1);
        return new Response("saved?");
      },
      { store: failing, secret, onError: log.onError },
    );
    const response = await handler(new Request("https://example.test/"));
    expect(response.status).toBe(503);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(log.seen).toHaveLength(1);
    expect(log.seen[0]?.[0].cause).toBe(down);
  });

  it("runs protect() before the handler: with csrf on, a POST without a token is a 403 and the handler never runs", async () => {
    const log = errorLog();
    let posted = 0;
    const handler = withSession(
      async (request, session) => {
        if (request.method === "GET") return new Response(await session.csrfToken());
        posted++;
        return new Response("posted");
      },
      { store: memoryStore(), secret, csrf: true, onError: log.onError },
    );
    const url = "https://example.test/form";
    const refused = await handler(new Request(url, { method: "POST", headers: { Origin: "https://example.test" } }));
    expect(refused.status).toBe(403);
    expect(posted).toBe(0);
    expect(log.seen).toHaveLength(1);
    expect(log.seen[0]?.[0]).toBeInstanceOf(CsrfError);

    const page = await handler(new Request(url));
    const cookie = page.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const token = await page.text();
    const accepted = await handler(
      new Request(url, { method: "POST", headers: { Cookie: cookie, Origin: "https://example.test", "X-CSRFToken": token } }),
    );
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe("posted");
    expect(posted).toBe(1);
  });

  it("accepts an interface as the session's data type at run time too", async () => {
    interface CartData {
      cart: string[];
    }
    const handler = withSession<unknown, CartData>(
      async (_request, session) => {
        const cart = (await session.get("cart")) ?? [];
        await session.set("cart", [...cart, "apple"]);
        return Response.json(cart);
      },
      { store: memoryStore(), secret },
    );
    expect(await (await handler(new Request("https://example.test/"))).json()).toEqual([]);
  });
});
