// The demo on Deno: `npx -y pnpm@10.34.8 --filter @edge-session/demo start:deno`, then open http://localhost:8000/.
// SESSION_STORE = memory (default) | cookie | cookie-encrypted | file; SESSION_DIR; SESSION_SECRET; PORT; HOST.
import { createDemoApp } from "../app.ts";
import { serverSettings } from "./settings.ts";

const settings = serverSettings((name) => Deno.env.get(name));
if (settings.devSecret) console.warn("SESSION_SECRET is not set: using the public development secret (localhost only).");
const app = createDemoApp({ runtime: `Deno ${Deno.version.deno}`, setup: settings.setup });

Deno.serve(
  {
    hostname: Deno.env.get("HOST") ?? "127.0.0.1",
    port: Number(Deno.env.get("PORT") ?? 8000),
    onListen: ({ port }) => console.log(`edge-session demo on Deno: http://localhost:${port}/ (${settings.store.label})`),
  },
  app.fetch,
);
