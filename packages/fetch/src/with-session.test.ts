import { cookieStore } from "@edge-session/cookie";
import { memoryStore } from "@edge-session/core";
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
describeSessionFlow("withSession + cookieStore({ encrypt: true })", {
  store: () => cookieStore({ encrypt: true }),
  bind: (app, options) => withSession(app, options),
});

describe("withSession", () => {
  const secret = "with-session-test-secret-0123456789";

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

  it("rethrows errors that are not session errors", async () => {
    const handler = withSession(
      async () => {
        throw new TypeError("app bug");
      },
      { store: memoryStore(), secret },
    );
    await expect(handler(new Request("https://example.test/"), undefined, undefined)).rejects.toThrow("app bug");
  });
});

describe("typing", () => {
  it("accepts an interface as the session's data type", async () => {
    interface CartData {
      cart: string[];
    }
    const handler = withSession<unknown, CartData>(
      async (_request, session) => {
        const cart = (await session.get("cart")) ?? [];
        await session.set("cart", [...cart, "apple"]);
        return Response.json(cart);
      },
      { store: memoryStore(), secret: "typing-test-secret-0123456789abcdef" },
    );
    expect(await (await handler(new Request("https://example.test/"))).json()).toEqual([]);
  });
});
