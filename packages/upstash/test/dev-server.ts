/**
 * Local development without an Upstash account: starts a redis-server and the
 * Upstash REST test server in front of it, prints the URL and token, and runs
 * until Ctrl-C (then stops Redis by its PID).
 *
 *   pnpm -C packages/upstash dev:server
 *   UPSTASH_DEV_PORT=8079 UPSTASH_DEV_TOKEN=dev pnpm -C packages/upstash dev:server
 */
import { randomBytes } from "node:crypto";
import { startRedis } from "../../redis/test/redis-process.ts";
import { startUpstashServer } from "./upstash-server.ts";

const redis = await startRedis();
const server = await startUpstashServer({
  redisPort: redis.port,
  token: process.env.UPSTASH_DEV_TOKEN ?? randomBytes(16).toString("hex"),
  port: Number(process.env.UPSTASH_DEV_PORT ?? 8079),
});

process.stdout.write(
  [
    `Upstash REST test server on ${server.url} (redis-server pid ${redis.pid}, port ${redis.port}; data not persisted)`,
    "",
    `UPSTASH_REDIS_REST_URL=${server.url}`,
    `UPSTASH_REDIS_REST_TOKEN=${server.token}`,
    "",
    "Ctrl-C to stop.",
    "",
  ].join("\n"),
);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.close();
  await redis.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
