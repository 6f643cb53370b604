import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// The same SQL `wrangler d1 migrations apply` runs; already-applied migrations are skipped.
await applyD1Migrations(env.SESSIONS_DB, env.TEST_MIGRATIONS);
