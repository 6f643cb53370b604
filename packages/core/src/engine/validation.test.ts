import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SessionValidationError } from "../errors.ts";
import { memoryStore } from "../memory-store.ts";
import type { SessionOptions } from "../options.ts";
import { Browser } from "../testing/browser.ts";
import { serveSession } from "../testing/serve.ts";

const secret = "schema-test-secret-0123456789abcdef";

// docs/design.md, "Validated data": the same behaviour with real zod 4 and valibot 1 schemas.
const schemas = {
  zod: z.object({ visits: z.number().int().optional(), cart: z.array(z.string()).optional() }),
  valibot: v.object({ visits: v.optional(v.pipe(v.number(), v.integer())), cart: v.optional(v.array(v.string())) }),
};

describe.each(Object.entries(schemas))("schema option with %s", (_vendor, schema) => {
  function app(options: Partial<SessionOptions<{ visits?: number; cart?: string[] }>> = {}) {
    const seen: unknown[] = [];
    const store = memoryStore();
    const handler = serveSession<{ visits?: number; cart?: string[] }>(
      async (request, session) => {
        const url = new URL(request.url);
        try {
          if (url.pathname === "/visit") await session.set("visits", ((await session.get("visits")) ?? 0) + 1);
          if (url.pathname === "/bad") await session.set("visits", 1.5);
          if (url.pathname === "/bad-update") await session.update({ cart: ["ok"], visits: "many" as never });
          if (url.pathname === "/bad-flash") await session.flash("cart", [1] as never);
        } catch (error) {
          if (error instanceof SessionValidationError)
            return Response.json({ key: error.key, issues: error.issues, message: error.message }, { status: 422 });
          throw error;
        }
        return Response.json(await session.all());
      },
      { store, secret, schema, onError: (error) => seen.push(error), ...options },
    );
    return { browser: new Browser(handler), seen, store };
  }

  it("accepts valid values and keeps them across requests", async () => {
    const { browser } = app();
    await browser.fetch("/visit");
    expect(await browser.json("/visit")).toEqual({ visits: 2 });
  });

  it("refuses an invalid set(), update() or flash() naming the key and the path, storing nothing", async () => {
    const { browser } = app();
    await browser.fetch("/visit");
    for (const [path, key] of [
      ["/bad", "visits"],
      ["/bad-update", "visits"],
      ["/bad-flash", "cart"],
    ] as const) {
      const response = await browser.fetch(path);
      expect(response.status, path).toBe(422);
      const body = (await response.json()) as { key: string; issues: { path?: unknown[] }[]; message: string };
      expect(body.key, path).toBe(key);
      expect(body.issues.length, path).toBeGreaterThan(0);
      expect(body.message, path).not.toContain("1.5");
    }
    expect(await browser.json("/")).toEqual({ visits: 1 });
  });

  it("reads stored data of an old shape as an empty session, reports it, and never adopts its id", async () => {
    const store = memoryStore();
    const old = new Browser(
      serveSession(
        async (_request, session) => {
          await session.set("visits", "a lot");
          return new Response("old deploy");
        },
        { store, secret },
      ),
    );
    await old.fetch("/");
    const { browser, seen } = app({ store });
    browser.jar = new Map(old.jar);
    expect(await browser.json("/")).toEqual({});
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(SessionValidationError);
    expect(JSON.stringify((seen[0] as SessionValidationError).issues) + (seen[0] as Error).message).not.toContain("a lot");
    const before = browser.cookie();
    await browser.fetch("/visit");
    expect(browser.cookie()).not.toBe(before);
    expect(store.size).toBe(2); // the old record is left to expire; the new session has its own id
  });
});
