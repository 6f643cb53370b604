// core + fetch + signed cookie store: what a Worker using withSession + cookieStore() ships.
import { cookieStore } from "@edge-session/cookie";
import { withSession } from "@edge-session/fetch";

export default {
  fetch: withSession(
    async (_request, session) => {
      const visits = ((await session.get("visits")) as number | undefined) ?? 0;
      await session.set("visits", visits + 1);
      return new Response(String(visits));
    },
    (env: { SECRET: string }) => ({ store: cookieStore(), secret: env.SECRET }),
  ),
};
