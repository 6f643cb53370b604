import { getIronSession, webCookies } from "iron-session";
import { type BenchUser, benchUser, idParam, MAX_AGE_SECONDS, routeOf, SECRET, type Subject } from "./types.ts";

type Data = { user: BenchUser; n: number };

const options = { password: SECRET, cookieName: "bench", ttl: MAX_AGE_SECONDS };

/** iron-session with its `webCookies(request, headers)` adapter for web-standard handlers, as its README shows. */
export function ironSession(): Subject {
  return {
    id: "peer/iron-session",
    label: "iron-session",
    group: "peer",
    framework: "fetch",
    explicit: true,
    cookieName: "bench",
    async fetch(request) {
      const route = routeOf(request.url);
      if (route === "/untouched") return new Response("ok");
      const headers = new Headers();
      const session = await getIronSession<Data>(webCookies(request, headers), options);
      if (route === "/write") {
        session.user = benchUser(idParam(request.url));
        session.n = 1;
        await session.save();
        return new Response("ok", { headers });
      }
      if (route === "/rw") {
        const n = session.n ?? 0;
        session.n = n + 1;
        await session.save();
        return new Response(`${session.user?.id}:${n}`, { headers });
      }
      return new Response(JSON.stringify(session.user ?? null), { headers });
    },
  };
}
