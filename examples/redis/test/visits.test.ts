// Runs src/visits.ts as a user would (tsx, REDIS_URL) against a real redis-server started
// here (packages/redis/test) and stopped by PID.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RedisProcess, startRedis } from "../../../packages/redis/test/redis-process.ts";
import { RespClient } from "../../../packages/redis/test/resp.ts";

const exampleDir = fileURLToPath(new URL("..", import.meta.url));
let redis: RedisProcess | undefined;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

it("counts three visits in Redis, and stores them under its prefix", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/visits.ts"], {
    cwd: exampleDir,
    env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${redis!.port}` },
    timeout: 20_000,
  });
  expect(stdout.trim().split("\n")).toEqual(["200 visit number 1", "200 visit number 2", "200 visit number 3"]);
  const raw = new RespClient(redis!.port);
  try {
    const [keys] = await raw.send([["keys", "example:session:*"]]);
    expect(keys).toHaveLength(1);
  } finally {
    raw.close();
  }
});

it("is shown verbatim in the README", async () => {
  const example = await readFile(`${exampleDir}src/visits.ts`, "utf8");
  const readme = await readFile(`${exampleDir}README.md`, "utf8");
  expect(readme).toContain(example.trim());
});
