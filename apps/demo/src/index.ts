import { scheduled } from "./cleanup.ts";
import { workerApp } from "./worker-app.ts";

/** The Worker: the Hono app for requests, the cleanup for the Cron Trigger. */
export default {
  fetch: workerApp.fetch,
  scheduled,
} satisfies ExportedHandler<Env>;
