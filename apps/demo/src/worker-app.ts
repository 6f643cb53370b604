import { createDemoApp } from "./app.ts";
import { workerSetup } from "./settings.ts";

/** The demo as the Worker serves it: stores and secret from the Worker's env (wrangler.jsonc). */
export const workerApp = createDemoApp<Env>({ runtime: "Cloudflare Workers", setup: workerSetup });
