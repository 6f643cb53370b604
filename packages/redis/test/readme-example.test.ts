// The README's runnable example, run as written against this file's redis-server.
import { readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it, vi } from "vitest";
import { useRedis } from "./use-redis.ts";

const fx = useRedis();
const generated = fileURLToPath(new URL("./.readme-example.generated.mts", import.meta.url));
afterAll(() => rm(generated, { force: true }));

it("the README's runnable example counts three visits", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## Runnable example"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code).toContain("redisStore");
  await writeFile(generated, code!);
  vi.stubEnv("REDIS_URL", `redis://127.0.0.1:${fx.server().port}`);
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  try {
    await import(generated);
  } finally {
    log.mockRestore();
    vi.unstubAllEnvs();
  }
  expect(lines).toEqual(["200 visit number 1", "200 visit number 2", "200 visit number 3"]);
});
