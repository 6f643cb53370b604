import { app } from "./app.ts";
import { scheduled } from "./cleanup.ts";

/** The Worker: the Hono app for requests, the cleanup for the Cron Trigger. */
export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Env>;
