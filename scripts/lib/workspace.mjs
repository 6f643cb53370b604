// What the root scripts share: the workspace's folders, its publishable packages, and how to
// call pnpm whether or not it is on PATH (the README's set-up runs it through npx).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

export const PNPM_VERSION = "10.34.8";

/** Folders that hold workspace packages; read from pnpm-workspace.yaml so a new one (examples/*) is seen. */
export function workspaceDirs() {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const globs = [...yaml.matchAll(/^\s+-\s+["']?([\w./-]+)\/\*["']?\s*$/gm)].map((m) => m[1]);
  const dirs = [];
  for (const glob of globs.length > 0 ? globs : ["packages", "apps"]) {
    const parent = join(root, glob);
    if (!existsSync(parent)) continue;
    for (const name of readdirSync(parent).sort()) {
      if (existsSync(join(parent, name, "package.json"))) dirs.push(join(parent, name));
    }
  }
  return dirs;
}

/** packages/* that are not private: what gets published. */
export function publishablePackages() {
  const parent = join(root, "packages");
  return readdirSync(parent)
    .sort()
    .map((name) => ({ name, dir: join(parent, name), file: join(parent, name, "package.json") }))
    .filter(({ file }) => existsSync(file))
    .map((p) => ({ ...p, pkg: JSON.parse(readFileSync(p.file, "utf8")) }))
    .filter(({ pkg }) => !pkg.private);
}

export const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

/** [command, ...args] for pnpm: the one on PATH (inside `npx -y pnpm@… test`) or through npx. */
export function pnpm(...args) {
  return has("pnpm") ? ["pnpm", ...args] : ["npx", "-y", `pnpm@${PNPM_VERSION}`, ...args];
}
