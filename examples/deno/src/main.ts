// Sessions on Deno.serve through withSession, kept in a signed cookie (Django's format): no server state.
import { cookieStore } from "@edge-session/cookie";
import { withSession } from "@edge-session/fetch";

type Data = { visits: number; user: string };

const handler = withSession<unknown, Data>(
  async (request, session) => {
    const { pathname } = new URL(request.url);
    if (request.method === "POST" && pathname === "/login") {
      const user = (await request.formData()).get("user");
      await session.cycleKey(); // Django's login(): a fresh cookie
      await session.set("user", typeof user === "string" ? user : "ada");
      return new Response(null, { status: 303, headers: { Location: "/" } });
    }
    if (request.method === "POST" && pathname === "/logout") {
      await session.flush(); // Django's logout(): the response removes the cookie
      return new Response(null, { status: 303, headers: { Location: "/" } });
    }
    const visits = ((await session.get("visits")) ?? 0) + 1;
    await session.set("visits", visits);
    return Response.json({ visits, user: (await session.get("user")) ?? null });
  },
  {
    store: cookieStore(),
    // 32+ characters; the fallback is for trying it out on this machine only.
    secret: Deno.env.get("SESSION_SECRET") ?? "dev-only-deno-example-secret-change-me-0123",
  },
);

Deno.serve({ hostname: Deno.env.get("HOST") ?? "127.0.0.1", port: Number(Deno.env.get("PORT") ?? 8000) }, (request) => handler(request));
