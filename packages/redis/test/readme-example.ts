// Runs a README's "Runnable example" code block in this process, with env vars set, and returns what it logged.
import { readFile, rm, writeFile } from "node:fs/promises";
import { vi } from "vitest";

export async function runReadmeExample(readme: URL, env: Record<string, string>): Promise<{ code: string; lines: string[] }> {
  const text = await readFile(readme, "utf8");
  const section = text.slice(text.indexOf("## Runnable example"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const generated = new URL("./.readme-example.generated.mts", readme.href.replace(/README\.md$/, "test/"));
  await writeFile(generated, code);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  try {
    await import(generated.href);
  } finally {
    log.mockRestore();
    vi.unstubAllEnvs();
    await rm(generated, { force: true });
  }
  return { code, lines };
}
