// The README's runnable example, run as written against this file's PostgreSQL cluster.
import { readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it, vi } from "vitest";
import { useCluster } from "./use-cluster.ts";

const fx = useCluster();
const generated = fileURLToPath(new URL("./.readme-example.generated.mts", import.meta.url));
afterAll(() => rm(generated, { force: true }));

it("the README's runnable example counts three visits", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("## Runnable example"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code).toContain("postgresStore");
  await writeFile(generated, code!);
  vi.stubEnv("DATABASE_URL", fx.cluster().url);
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
