// The demo on Bun: `npx -y pnpm@10.34.8 --filter @edge-session/demo start:bun`, then open http://localhost:3000/.
// SESSION_STORE = memory (default) | cookie | cookie-encrypted | file; SESSION_DIR; SESSION_SECRET; PORT; HOST.
import { createDemoApp } from "../app.ts";
import { serverSettings } from "./settings.ts";

const settings = serverSettings((name) => process.env[name]);
if (settings.devSecret) console.warn("SESSION_SECRET is not set: using the public development secret (localhost only).");
const app = createDemoApp({ runtime: `Bun ${Bun.version}`, setup: settings.setup });

const server = Bun.serve({
  hostname: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT ?? 3000),
  fetch: (request) => app.fetch(request),
});
console.log(`edge-session demo on Bun: http://localhost:${server.port}/ (${settings.store.label})`);
