// The edge-session demo on Bun: `pnpm start` here, then open http://localhost:3000/.
// SESSION_STORE = memory (default) | cookie | cookie-encrypted | file; SESSION_DIR; SESSION_SECRET; PORT; HOST.
import { createDemoApp, settingsFromEnv } from "@edge-session/fetch-demo";

const settings = settingsFromEnv((name) => process.env[name]);
if (settings.devSecret) console.warn("SESSION_SECRET is not set: using the public development secret (localhost only).");

const server = Bun.serve({
  hostname: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT ?? 3000),
  fetch: createDemoApp({ runtime: `Bun ${Bun.version}`, ...settings }),
});
console.log(`edge-session demo on Bun ${Bun.version}: http://localhost:${server.port}/ (${settings.storeLabel})`);
