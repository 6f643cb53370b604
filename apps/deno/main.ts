// The edge-session demo on Deno: `pnpm start` here, then open http://localhost:8000/.
// SESSION_STORE = memory (default) | cookie | cookie-encrypted | file; SESSION_DIR; SESSION_SECRET; PORT; HOST.
import { createDemoApp, settingsFromEnv } from "@edge-session/fetch-demo";

const settings = settingsFromEnv((name) => Deno.env.get(name));
if (settings.devSecret) console.warn("SESSION_SECRET is not set: using the public development secret (localhost only).");

Deno.serve(
  {
    hostname: Deno.env.get("HOST") ?? "127.0.0.1",
    port: Number(Deno.env.get("PORT") ?? 8000),
    onListen: ({ port }) =>
      console.log(`edge-session demo on Deno ${Deno.version.deno}: http://localhost:${port}/ (${settings.storeLabel})`),
  },
  createDemoApp({ runtime: `Deno ${Deno.version.deno}`, ...settings }),
);
