// core + fetch + encrypted (JWE) cookie store.
import { encryptedCookieStore } from "@edge-session/cookie/encrypted";
import { withSession } from "@edge-session/fetch";

export default {
  fetch: withSession(
    async (_request, session) => {
      const visits = ((await session.get("visits")) as number | undefined) ?? 0;
      await session.set("visits", visits + 1);
      return new Response(String(visits));
    },
    (env: { SECRET: string }) => ({ store: encryptedCookieStore(), secret: env.SECRET }),
  ),
};
