import { clearExpiredSessions, d1Store } from "@edge-session/cloudflare";
import { storeKind, usesD1 } from "./settings.ts";

const clearD1 = clearExpiredSessions<Env>((env) => d1Store(env.SESSIONS_DB), {
  // Apps may log (the library never does): the count shows up in the Cron Events log.
  onCleared: (count) => console.log(`clearExpired: ${count} expired session(s) deleted from D1`),
});

/**
 * The Cron Trigger's handler: Django's `clearsessions` for D1. With the cookie store there
 * is nothing on the server, and KV deletes its records itself when their TTL runs out,
 * so only the D1-backed stores have rows to remove.
 */
export const scheduled: ExportedHandlerScheduledHandler<Env> = (controller, env, ctx) => {
  if (!usesD1(storeKind(env))) return;
  return clearD1(controller, env, ctx);
};
