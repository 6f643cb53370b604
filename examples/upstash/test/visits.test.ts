// Runs src/visits.ts as a user would (tsx, the two env vars) against a real redis-server behind
// the Upstash REST test server of packages/upstash, both started here and stopped by PID.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Fixture, startFixture } from "../../../packages/upstash/test/fixture.ts";

const exampleDir = fileURLToPath(new URL("..", import.meta.url));
let fixture: Fixture | undefined;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture?.stop();
});

it("counts three visits through Upstash, and stores them under its prefix", async () => {
  const { server } = fixture!;
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/visits.ts"], {
    cwd: exampleDir,
    env: { ...process.env, UPSTASH_REDIS_REST_URL: server.url, UPSTASH_REDIS_REST_TOKEN: server.token },
    timeout: 20_000,
  });
  expect(stdout.trim().split("\n")).toEqual(["200 visit number 1", "200 visit number 2", "200 visit number 3"]);
  const keys = await fixture!.client().keys("example:session:*");
  expect(keys).toHaveLength(1);
});

it("is shown verbatim in the README", async () => {
  const example = await readFile(`${exampleDir}src/visits.ts`, "utf8");
  const readme = await readFile(`${exampleDir}README.md`, "utf8");
  expect(readme).toContain(example.trim());
});
