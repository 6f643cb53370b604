// core + fetch + memoryStore: the engine and id signing without any cookie codec.
import { memoryStore } from "@edge-session/core";
import { withSession } from "@edge-session/fetch";

const store = memoryStore();

export default {
  fetch: withSession(
    async (_request, session) => {
      const visits = ((await session.get("visits")) as number | undefined) ?? 0;
      await session.set("visits", visits + 1);
      return new Response(String(visits));
    },
    (env: { SECRET: string }) => ({ store, secret: env.SECRET }),
  ),
};
