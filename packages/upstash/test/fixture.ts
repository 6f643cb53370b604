/**
 * One real redis-server plus the Upstash REST test server in front of it, and
 * a factory for real `@upstash/redis` clients pointed at them. Each test file
 * starts its own (on free ports) and stops it by PID in afterAll.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis, type RedisConfigNodejs } from "@upstash/redis";
import { type RedisProcess, startRedis } from "../../redis/test/redis-process.ts";
import { startUpstashServer, type UpstashTestServer } from "./upstash-server.ts";

export interface Fixture {
  redisProcess: RedisProcess;
  server: UpstashTestServer;
  /** A client with the library's defaults (auto-pipelining, base64), telemetry off. */
  client(overrides?: Partial<RedisConfigNodejs>): Redis;
  /** A random key prefix, so tests never see each other's records. */
  prefix(): string;
  stop(): Promise<void>;
}

export async function startFixture(options: { persist?: boolean } = {}): Promise<Fixture> {
  const persistDir = options.persist ? await mkdtemp(join(tmpdir(), "edge-session-redis-")) : undefined;
  const redisProcess = await startRedis(persistDir ? { persistDir } : {});
  const server = await startUpstashServer({ redisPort: redisProcess.port, token: randomBytes(16).toString("hex") });
  return {
    redisProcess,
    server,
    client: (overrides = {}) => new Redis({ url: server.url, token: server.token, enableTelemetry: false, ...overrides }),
    prefix: () => `t${randomBytes(6).toString("hex")}:`,
    async stop(): Promise<void> {
      await server.close();
      await redisProcess.stop();
      if (persistDir) await rm(persistDir, { recursive: true, force: true });
    },
  };
}
