import { cookieStore } from "@edge-session/cookie";
import type { Context } from "hono";
import { Hono } from "hono";
import { describe, expectTypeOf, test } from "vitest";
import { z } from "zod";
import { type SessionEnv, session } from "./index.ts";

// The README's examples, as written there (each in its own test), so that they compile without casts.
type AppEnv = { Bindings: { SESSION_SECRET: string } };
type Data = { visits?: number; user?: string };

describe("README examples", () => {
  test("quick start", () => {
    const app = new Hono<AppEnv>()
      .use(session<Data, AppEnv>((c) => ({ store: cookieStore(), secret: c.env.SESSION_SECRET })))
      .get("/", async (c) => {
        const visits = ((await c.var.session.get("visits")) ?? 0) + 1; // number | undefined, no cast
        await c.var.session.set("visits", visits);
        return c.text(`visit ${visits}`);
      })
      .post("/login", async (c) => {
        await c.var.session.cycleKey(); // new id, same data: no fixation
        await c.var.session.set("user", "alice");
        return c.redirect("/");
      })
      .post("/logout", async (c) => {
        await c.var.session.flush(); // data, stored record and cookie gone
        return c.redirect("/");
      });
    expectTypeOf(app.fetch).toBeFunction();
  });

  test("routes declared apart from app.use()", () => {
    const app = new Hono<AppEnv & SessionEnv<Data>>();
    app.use(session<Data, AppEnv>((c) => ({ store: cookieStore(), secret: c.env.SESSION_SECRET })));
    app.get("/", async (c) => c.text(`hello ${(await c.var.session.get("user")) ?? "stranger"}`));
  });

  test("schema", () => {
    const schema = z.object({ visits: z.number().int().nonnegative().optional(), user: z.string().optional() });

    const app = new Hono<AppEnv>()
      .use(session((c: Context<AppEnv>) => ({ store: cookieStore(), secret: c.env.SESSION_SECRET, schema })))
      .get("/", async (c) => {
        expectTypeOf(await c.var.session.get("visits")).toEqualTypeOf<number | undefined>();
        return c.text(`visits: ${(await c.var.session.get("visits")) ?? 0}`);
      });
    expectTypeOf(app.fetch).toBeFunction();
  });

  test("onError", () => {
    const app = new Hono<AppEnv>().use(
      session<Data, AppEnv>((c) => ({
        store: cookieStore(),
        secret: c.env.SESSION_SECRET,
        // every store failure, interrupted save, refused cookie and CSRF failure; codes only, never data
        // biome-ignore lint/suspicious/noConsole: the README's app logs; library code never does
        onError: (error, request) => console.error(`${request.method} ${new URL(request.url).pathname}: ${error.code}`, error.cause),
      })),
    );
    expectTypeOf(app.fetch).toBeFunction();
  });

  test("csrf", () => {
    const app = new Hono<AppEnv>()
      .use(session<Data, AppEnv>((c) => ({ store: cookieStore(), secret: c.env.SESSION_SECRET, csrf: true })))
      .get("/profile", async (c) =>
        c.html(`<form method="post">
      <input type="hidden" name="csrfmiddlewaretoken" value="${await c.var.session.csrfToken()}">
      <button>Save</button>
    </form>`),
      )
      .post("/profile", (c) => c.text("saved"));
    expectTypeOf(app.fetch).toBeFunction();
  });
});
