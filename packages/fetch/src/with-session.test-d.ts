import type { JsonObject, JsonValue, Session, SessionData } from "@edge-session/core";
import { memoryStore } from "@edge-session/core";
import * as v from "valibot";
import { describe, expectTypeOf, test } from "vitest";
import { z } from "zod";
import { withSession } from "./with-session.ts";

const secret = "fetch-type-test-secret-0123456789abcdef";
const store = memoryStore();
interface Env {
  SESSION_SECRET: string;
  VISIT_LIMIT: number;
}
interface Ctx {
  waitUntil(promise: Promise<unknown>): void;
}
const ok = () => new Response("ok");

describe("withSession types", () => {
  test("session.get infers the value type from withSession<Env, Data>()", () => {
    withSession<Env, { visits?: number; name: string }>(
      async (_request, session, env) => {
        expectTypeOf(session).toEqualTypeOf<Session<{ visits?: number; name: string }>>();
        expectTypeOf(await session.get("visits")).toEqualTypeOf<number | undefined>();
        expectTypeOf(await session.get("name")).toEqualTypeOf<string | undefined>();
        expectTypeOf(env).toEqualTypeOf<Env>();
        return ok();
      },
      { store, secret },
    );
  });

  test("a wrong key is a compile error", () => {
    withSession<unknown, { visits?: number }>(
      async (_request, session) => {
        // @ts-expect-error "visit" is not a key of the session's data
        await session.get("visit");
        // @ts-expect-error nor can it be deleted
        await session.delete("visit");
        return ok();
      },
      { store, secret },
    );
  });

  test("a wrong value type is a compile error", () => {
    withSession<unknown, { visits?: number }>(
      async (_request, session) => {
        // @ts-expect-error visits is a number
        await session.set("visits", "1");
        // @ts-expect-error flash() checks values too
        await session.flash("visits", null);
        return ok();
      },
      { store, secret },
    );
  });

  test("Date, Map, Set, function, bigint, symbol, undefined-only and class-instance fields are type errors", () => {
    class Cart {
      items: string[] = [];
      add(item: string): void {
        this.items.push(item);
      }
    }
    // @ts-expect-error a Date becomes a string in JSON
    withSession<unknown, { at: Date }>(ok, { store, secret });
    // @ts-expect-error a Map becomes {} in JSON
    withSession<unknown, { seen: Map<string, number> }>(ok, { store, secret });
    // @ts-expect-error a Set becomes {} in JSON
    withSession<unknown, { tags: Set<string> }>(ok, { store, secret });
    // @ts-expect-error a function has no JSON form
    withSession<unknown, { onLogin: () => void }>(ok, { store, secret });
    // @ts-expect-error a bigint has no JSON form
    withSession<unknown, { balance: bigint }>(ok, { store, secret });
    // @ts-expect-error a symbol has no JSON form
    withSession<unknown, { tag: symbol }>(ok, { store, secret });
    // @ts-expect-error a field that can only be undefined is never stored
    withSession<unknown, { nothing: undefined }>(ok, { store, secret });
    // @ts-expect-error a class instance with methods does not survive JSON
    withSession<unknown, { cart: Cart }>(ok, { store, secret });
    // @ts-expect-error nested fields are checked too
    withSession<unknown, { profile: { lastSeen?: Date } }>(ok, { store, secret });
  });

  test("interfaces, optional fields, nested objects and the default are accepted", () => {
    interface CartData {
      items: string[];
      coupon?: string;
      totals: { net: number; tax: number | null };
      prefs: JsonObject;
      extra?: JsonValue;
    }
    withSession<Env, CartData>(
      async (_request, session) => {
        expectTypeOf(await session.get("coupon")).toEqualTypeOf<string | undefined>();
        return ok();
      },
      { store, secret },
    );
    withSession(
      async (_request, session) => {
        expectTypeOf(session).toEqualTypeOf<Session<SessionData>>();
        expectTypeOf(await session.get("anything")).toEqualTypeOf<unknown>();
        return ok();
      },
      { store, secret },
    );
  });

  test("Data is inferred from a zod 4 schema", () => {
    const schema = z.object({ visits: z.number().optional(), user: z.object({ id: z.string() }).optional() });
    withSession(
      async (_request, session) => {
        expectTypeOf(await session.get("visits")).toEqualTypeOf<number | undefined>();
        expectTypeOf(await session.get("user")).toEqualTypeOf<{ id: string } | undefined>();
        // @ts-expect-error the schema has no "cart" key
        await session.get("cart");
        // @ts-expect-error visits is a number in the schema
        await session.set("visits", "2");
        return ok();
      },
      { store, secret, schema },
    );
  });

  test("Data is inferred from a valibot 1 schema", () => {
    const schema = v.object({ visits: v.optional(v.number()), theme: v.picklist(["light", "dark"]) });
    withSession(
      async (_request, session) => {
        expectTypeOf(await session.get("visits")).toEqualTypeOf<number | undefined>();
        expectTypeOf(await session.get("theme")).toEqualTypeOf<"light" | "dark" | undefined>();
        // @ts-expect-error "blue" is not a theme
        await session.set("theme", "blue");
        return ok();
      },
      { store, secret, schema },
    );
  });

  test("Env and Data are both inferred from an options callback with a typed env", () => {
    const schema = z.object({ visits: z.number().optional() });
    withSession(
      async (_request, session, env) => {
        expectTypeOf(env).toEqualTypeOf<Env>();
        expectTypeOf(await session.get("visits")).toEqualTypeOf<number | undefined>();
        return ok();
      },
      (env: Env) => ({ store, secret: env.SESSION_SECRET, schema }),
    );
  });

  test("a schema whose output is not JSON is a type error", () => {
    // @ts-expect-error z.date() outputs a Date
    withSession(ok, { store, secret, schema: z.object({ at: z.date() }) });
    // @ts-expect-error v.map() outputs a Map
    withSession(ok, { store, secret, schema: v.object({ seen: v.map(v.string(), v.number()) }) });
  });

  test("the options callback gets the runtime's typed env and ctx", () => {
    withSession<Env, { visits?: number }, Ctx>(ok, (env, ctx) => {
      expectTypeOf(env).toEqualTypeOf<Env>();
      expectTypeOf(env.VISIT_LIMIT).toEqualTypeOf<number>();
      expectTypeOf(ctx).toEqualTypeOf<Ctx>();
      // @ts-expect-error no such binding
      env.MISSING;
      return { store, secret: env.SESSION_SECRET };
    });
  });

  test("the result is a fetch handler for Workers, Deno.serve and Bun.serve", () => {
    const handler = withSession<Env, { visits?: number }, Ctx>(ok, { store, secret });
    expectTypeOf(handler).toEqualTypeOf<(request: Request, env?: Env, ctx?: Ctx) => Promise<Response>>();
    expectTypeOf(handler).toExtend<(request: Request) => Promise<Response>>();
  });
});
