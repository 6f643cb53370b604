import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// What `wrangler d1 migrations apply DB --local` does before `wrangler dev`; applied ones are skipped.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
