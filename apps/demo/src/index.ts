import { scheduled } from "./cleanup.ts";
import { workerApp } from "./worker-app.ts";

// The "do" store's Durable Object class: wrangler.jsonc binds it as SESSIONS_DO.
export { SessionObject } from "@edge-session/cloudflare/durable-object";

/** The Worker: the Hono app for requests, the cleanup for the Cron Trigger. */
export default {
  fetch: workerApp.fetch,
  scheduled,
} satisfies ExportedHandler<Env>;
