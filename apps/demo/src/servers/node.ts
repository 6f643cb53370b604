// The demo on Node: `npx -y pnpm@10.34.8 --filter @edge-session/demo start:node`, then open http://localhost:8080/.
// SESSION_STORE = memory (default) | cookie | cookie-encrypted | file; SESSION_DIR; SESSION_SECRET; PORT; HOST.
import { serve } from "@hono/node-server";
import { createDemoApp } from "../app.ts";
import { serverSettings } from "./settings.ts";

const settings = serverSettings((name) => process.env[name]);
if (settings.devSecret) console.warn("SESSION_SECRET is not set: using the public development secret (localhost only).");
const app = createDemoApp({ runtime: `Node ${process.versions.node}`, setup: settings.setup });

serve({ fetch: app.fetch, hostname: process.env.HOST ?? "127.0.0.1", port: Number(process.env.PORT ?? 8080) }, ({ port }) =>
  console.log(`edge-session demo on Node: http://localhost:${port}/ (${settings.store.label})`),
);
