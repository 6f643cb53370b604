// A complete Worker: sessions in D1 with Workers KV in front (Django's cached_db),
// rolling expiry that writes at most once an hour, and a nightly clean-up.
// Run it: see README.md (`npx -y pnpm@10.34.8 --filter @edge-session/example-cloudflare-worker dev`).

import { clearExpiredSessions, d1Store, kvStore } from "@edge-session/cloudflare";
import { cachedStore } from "@edge-session/core";
import { withSession } from "@edge-session/fetch";

export interface Env {
  SESSIONS: KVNamespace;
  DB: D1Database;
  /** ≥ 32 characters: `wrangler secret put SESSION_SECRET` (and `.dev.vars` locally). */
  SESSION_SECRET: string;
}

type Data = {
  user: string;
  visits: number;
};

export default {
  fetch: withSession<Env, Data>(
    async (request, session) => {
      const url = new URL(request.url);
      if (url.pathname === "/login") {
        await session.cycleKey(); // new id at login: the old one dies at once (no fixation)
        await session.set("user", url.searchParams.get("user") ?? "ada");
      } else if (url.pathname === "/logout") {
        await session.flush();
        return new Response("logged out");
      }
      const visits = ((await session.get("visits")) ?? 0) + 1;
      await session.set("visits", visits);
      return Response.json({ user: (await session.get("user")) ?? null, visits });
    },
    (env) => ({
      store: cachedStore({ cache: kvStore(env.SESSIONS), store: d1Store(env.DB) }),
      secret: env.SESSION_SECRET,
      saveEveryRequest: true, // rolling expiry …
      touchAfter: 3600, // … but at most one store write an hour per idle session (KV: 1 write/s/key)
    }),
  ),
  // Cron Trigger (wrangler.jsonc "triggers"): Django's clearsessions.
  scheduled: clearExpiredSessions((env: Env) => d1Store(env.DB)),
} satisfies ExportedHandler<Env>;
