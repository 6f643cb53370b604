// The README's runnable example, run as a user would (tsx, env vars) against the REST test server.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { useFixture } from "./use-fixture.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const { fixture: fx } = useFixture();

it("examples/visits.ts counts three visits through Upstash, and the README shows it verbatim", async () => {
  const { stdout } = await promisify(execFile)(`${packageDir}node_modules/.bin/tsx`, ["examples/visits.ts"], {
    cwd: packageDir,
    env: { ...process.env, UPSTASH_REDIS_REST_URL: fx().server.url, UPSTASH_REDIS_REST_TOKEN: fx().server.token },
    timeout: 20_000,
  });
  expect(stdout.trim().split("\n")).toEqual(["200 visit number 1", "200 visit number 2", "200 visit number 3"]);

  const example = await readFile(`${packageDir}examples/visits.ts`, "utf8");
  const readme = await readFile(`${packageDir}README.md`, "utf8");
  expect(readme).toContain(example.trim());
});
