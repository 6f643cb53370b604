import type { JsonObject, JsonValue, Session } from "@edge-session/core";
import { memoryStore } from "@edge-session/core";
import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { describe, expectTypeOf, test } from "vitest";
import { z } from "zod";
import { type SessionEnv, session } from "./session.ts";

const secret = "hono-type-test-secret-0123456789abcdef";
const store = memoryStore();
type Bindings = { SESSION_SECRET: string; VISIT_LIMIT: number };

describe("Hono session() types", () => {
  test("c.var.session.get infers the value type from session<Data>()", () => {
    new Hono().use(session<{ visits?: number; name: string }>({ store, secret })).get("/", async (c) => {
      expectTypeOf(c.var.session).toEqualTypeOf<Session<{ visits?: number; name: string }>>();
      expectTypeOf(await c.var.session.get("visits")).toEqualTypeOf<number | undefined>();
      expectTypeOf(await c.var.session.get("name")).toEqualTypeOf<string | undefined>();
      return c.text("ok");
    });
  });

  test("a wrong key is a compile error", () => {
    new Hono().use(session<{ visits?: number }>({ store, secret })).get("/", async (c) => {
      // @ts-expect-error "visit" is not a key of the session's data
      await c.var.session.get("visit");
      // @ts-expect-error nor can it be set
      await c.var.session.set("visit", 1);
      return c.text("ok");
    });
  });

  test("a wrong value type is a compile error", () => {
    new Hono().use(session<{ visits?: number }>({ store, secret })).get("/", async (c) => {
      // @ts-expect-error visits is a number
      await c.var.session.set("visits", "1");
      // @ts-expect-error update() checks values too
      await c.var.session.update({ visits: true });
      return c.text("ok");
    });
  });

  test("Date, Map, Set, function, bigint, symbol, undefined-only and class-instance fields are type errors", () => {
    class Cart {
      items: string[] = [];
      add(item: string): void {
        this.items.push(item);
      }
    }
    // @ts-expect-error a Date becomes a string in JSON
    session<{ at: Date }>({ store, secret });
    // @ts-expect-error a Map becomes {} in JSON
    session<{ seen: Map<string, number> }>({ store, secret });
    // @ts-expect-error a Set becomes {} in JSON
    session<{ tags: Set<string> }>({ store, secret });
    // @ts-expect-error a function has no JSON form
    session<{ onLogin: () => void }>({ store, secret });
    // @ts-expect-error a bigint has no JSON form
    session<{ balance: bigint }>({ store, secret });
    // @ts-expect-error a symbol has no JSON form
    session<{ tag: symbol }>({ store, secret });
    // @ts-expect-error a field that can only be undefined is never stored
    session<{ nothing: undefined }>({ store, secret });
    // @ts-expect-error a class instance with methods does not survive JSON
    session<{ cart: Cart }>({ store, secret });
    // @ts-expect-error nested fields are checked too
    session<{ profile: { lastSeen?: Date } }>({ store, secret });
    // @ts-expect-error array elements too
    session<{ history: Date[] }>({ store, secret });
  });

  test("interfaces, optional fields, arrays, tuples, nested objects and the default are accepted", () => {
    interface CartData {
      items: string[];
      coupon?: string;
      totals: { net: number; tax: number | null };
      last: [string, number];
      prefs: JsonObject;
      extra?: JsonValue;
    }
    expectTypeOf(session<CartData>({ store, secret })).toEqualTypeOf(session<CartData>({ store, secret }));
    new Hono().use(session<CartData>({ store, secret })).get("/", async (c) => {
      expectTypeOf(await c.var.session.get("totals")).toEqualTypeOf<{ net: number; tax: number | null } | undefined>();
      return c.text("ok");
    });
    new Hono().use(session({ store, secret })).get("/", async (c) => {
      expectTypeOf(await c.var.session.get("anything")).toEqualTypeOf<unknown>();
      return c.text("ok");
    });
  });

  test("Data is inferred from a zod 4 schema", () => {
    const schema = z.object({ visits: z.number().optional(), user: z.object({ id: z.string() }).optional() });
    new Hono().use(session({ store, secret, schema })).get("/", async (c) => {
      expectTypeOf(await c.var.session.get("visits")).toEqualTypeOf<number | undefined>();
      expectTypeOf(await c.var.session.get("user")).toEqualTypeOf<{ id: string } | undefined>();
      // @ts-expect-error the schema has no "cart" key
      await c.var.session.get("cart");
      // @ts-expect-error visits is a number in the schema
      await c.var.session.set("visits", "2");
      return c.text("ok");
    });
  });

  test("Data is inferred from a valibot 1 schema", () => {
    const schema = v.object({ visits: v.optional(v.number()), theme: v.picklist(["light", "dark"]) });
    new Hono().use(session({ store, secret, schema })).get("/", async (c) => {
      expectTypeOf(await c.var.session.get("visits")).toEqualTypeOf<number | undefined>();
      expectTypeOf(await c.var.session.get("theme")).toEqualTypeOf<"light" | "dark" | undefined>();
      // @ts-expect-error "blue" is not a theme
      await c.var.session.set("theme", "blue");
      return c.text("ok");
    });
  });

  test("a schema whose output is not JSON is a type error", () => {
    // @ts-expect-error z.date() outputs a Date
    session({ store, secret, schema: z.object({ at: z.date() }) });
    // @ts-expect-error z.bigint() outputs a bigint
    session({ store, secret, schema: z.object({ balance: z.bigint() }) });
    // @ts-expect-error v.map() outputs a Map
    session({ store, secret, schema: v.object({ seen: v.map(v.string(), v.number()) }) });
  });

  test("the options callback's c.env is typed by the app's Env", () => {
    new Hono<{ Bindings: Bindings }>().use(
      session((c: Context<{ Bindings: Bindings }>) => {
        expectTypeOf(c.env.SESSION_SECRET).toEqualTypeOf<string>();
        expectTypeOf(c.env.VISIT_LIMIT).toEqualTypeOf<number>();
        // @ts-expect-error no such binding
        c.env.MISSING;
        return { store, secret: c.env.SESSION_SECRET };
      }),
    );
    session<{ visits?: number }, { Bindings: Bindings }>((c) => {
      expectTypeOf(c.env).toEqualTypeOf<Bindings>();
      return { store, secret: c.env.SESSION_SECRET };
    });
  });

  test("an unannotated callback's c.env is not any", () => {
    session((c) => {
      expectTypeOf(c.env).not.toBeAny();
      // @ts-expect-error the app's Env must be given to read bindings
      c.env.SESSION_SECRET;
      return { store, secret };
    });
  });

  test("the middleware's Env merges with the app's Env", () => {
    new Hono<{ Bindings: Bindings; Variables: { requestId: string } }>()
      .use(session<{ visits?: number }>({ store, secret }))
      .get("/", async (c) => {
        expectTypeOf(c.env.SESSION_SECRET).toEqualTypeOf<string>();
        expectTypeOf(c.var.requestId).toEqualTypeOf<string>();
        expectTypeOf(await c.var.session.get("visits")).toEqualTypeOf<number | undefined>();
        return c.text("ok");
      });
  });

  test("SessionEnv types routes declared apart from app.use()", () => {
    type Data = { visits?: number };
    const app = new Hono<{ Bindings: Bindings } & SessionEnv<Data>>();
    app.use(session<Data, { Bindings: Bindings }>((c) => ({ store, secret: c.env.SESSION_SECRET })));
    app.get("/", async (c) => {
      expectTypeOf(await c.var.session.get("visits")).toEqualTypeOf<number | undefined>();
      return c.text("ok");
    });
    // @ts-expect-error SessionEnv checks its data type too
    expectTypeOf<SessionEnv<{ at: Date }>>().not.toBeAny();
  });

  test("no global ContextVariableMap entry: an app without the middleware has no c.var.session", () => {
    new Hono().get("/", (c) => {
      // @ts-expect-error the session variable exists only where session() is used
      c.var.session;
      return c.text("ok");
    });
  });
});
