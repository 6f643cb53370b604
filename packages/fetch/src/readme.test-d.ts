import { cookieStore } from "@edge-session/cookie";
import * as v from "valibot";
import { describe, expectTypeOf, test } from "vitest";
import { withSession } from "./index.ts";

// The README's examples, as written there (each in its own test), so that they compile without casts.
// The runtime globals they use are declared here: this package's tsconfig has no Workers or Deno types.
interface ExportedHandler<Env> {
  fetch?: (request: Request, env: Env, ctx: { waitUntil(promise: Promise<unknown>): void }) => Response | Promise<Response>;
}
declare const Deno: { env: { get(name: string): string | undefined }; serve(handler: (request: Request) => Promise<Response>): void };

interface Env {
  SESSION_SECRET: string;
}
type Data = { visits?: number };

describe("README examples", () => {
  test("quick start (a Worker)", () => {
    const worker = {
      fetch: withSession<Env, Data>(
        async (_request, session) => {
          const visits = ((await session.get("visits")) ?? 0) + 1; // number | undefined, no cast
          await session.set("visits", visits);
          return new Response(`visit ${visits}`);
        },
        (env) => ({ store: cookieStore(), secret: env.SESSION_SECRET }),
      ),
    } satisfies ExportedHandler<Env>;
    expectTypeOf(worker.fetch).toBeFunction();
  });

  test("Deno and Bun", () => {
    const secret = Deno.env.get("SESSION_SECRET"); // Bun: Bun.env.SESSION_SECRET
    if (!secret) throw new Error("set SESSION_SECRET (32+ characters)");
    const handler = withSession<unknown, Data>(
      async (_request, session) => {
        const visits = ((await session.get("visits")) ?? 0) + 1;
        await session.set("visits", visits);
        return new Response(`visit ${visits}`);
      },
      { store: cookieStore(), secret },
    );
    Deno.serve(handler); // Bun.serve({ fetch: handler })
  });

  test("schema", () => {
    const schema = v.object({ visits: v.optional(v.number()), theme: v.optional(v.picklist(["light", "dark"])) });

    const worker = {
      fetch: withSession(
        async (_request, session) => {
          await session.set("theme", "dark"); // "light" | "dark"
          expectTypeOf(await session.get("theme")).toEqualTypeOf<"light" | "dark" | undefined>();
          return new Response(`visits: ${(await session.get("visits")) ?? 0}`);
        },
        (env: Env) => ({ store: cookieStore(), secret: env.SESSION_SECRET, schema }),
      ),
    } satisfies ExportedHandler<Env>;
    expectTypeOf(worker.fetch).toBeFunction();
  });

  test("onError", () => {
    const handler = async () => new Response("ok");
    withSession<Env, Data>(handler, (env) => ({
      store: cookieStore(),
      secret: env.SESSION_SECRET,
      // every store failure, interrupted save, refused cookie and CSRF failure; codes only, never data
      // biome-ignore lint/suspicious/noConsole: the README's app logs; library code never does
      onError: (error, request) => console.error(`${request.method} ${new URL(request.url).pathname}: ${error.code}`, error.cause),
    }));
  });

  test("csrf", () => {
    withSession<Env, Data>(
      async (request, session) => {
        if (request.method === "POST") return new Response("saved");
        const token = await session.csrfToken();
        return new Response(
          `<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${token}"><button>Save</button></form>`,
          {
            headers: { "Content-Type": "text/html; charset=utf-8" },
          },
        );
      },
      (env) => ({ store: cookieStore(), secret: env.SESSION_SECRET, csrf: true }),
    );
  });
});
