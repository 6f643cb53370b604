import { createCookieSessionStorage } from "react-router";
import { type BenchUser, benchUser, idParam, MAX_AGE_SECONDS, routeOf, SECRET, type Subject } from "./types.ts";

type Data = { user: BenchUser; n: number };

/** React Router's `createCookieSessionStorage` (signed cookie), used the way its docs' loaders and actions do. */
export function reactRouter(): Subject {
  const { getSession, commitSession } = createCookieSessionStorage<Data>({
    cookie: {
      name: "__session",
      httpOnly: true,
      maxAge: MAX_AGE_SECONDS,
      path: "/",
      sameSite: "lax",
      secrets: [SECRET],
      secure: true,
    },
  });
  return {
    id: "peer/react-router",
    label: "React Router cookie sessions",
    group: "peer",
    framework: "fetch",
    explicit: true,
    cookieName: "__session",
    async fetch(request) {
      const route = routeOf(request.url);
      if (route === "/untouched") return new Response("ok");
      const session = await getSession(request.headers.get("Cookie"));
      if (route === "/write") {
        session.set("user", benchUser(idParam(request.url)));
        session.set("n", 1);
        return new Response("ok", { headers: { "Set-Cookie": await commitSession(session) } });
      }
      if (route === "/rw") {
        const n = session.get("n") ?? 0;
        session.set("n", n + 1);
        return new Response(`${session.get("user")?.id}:${n}`, { headers: { "Set-Cookie": await commitSession(session) } });
      }
      return new Response(JSON.stringify(session.get("user") ?? null));
    },
  };
}
