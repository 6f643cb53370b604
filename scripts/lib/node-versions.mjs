// Node 22 and 24 for the test runs, from the npm `node` package (which ships the official
// binaries), cached under node_modules/.cache/nodes/<major>: the machine's own Node stays the
// one the README's set-up needs (20 and npm). See docs/design.md, "Testing".
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./workspace.mjs";

/** The Node majors CI tests besides the one running this script. */
export const EXTRA_NODE_MAJORS = [22, 24];

const cacheDir = join(root, "node_modules", ".cache", "nodes");

function version(binary) {
  try {
    return execFileSync(binary, ["--version"], { encoding: "utf8", timeout: 30_000 }).trim();
  } catch {
    return null;
  }
}

/** Path to a working `node` of this major, installing node@<major> with npm on first use; null if that fails. */
export function nodeBinary(major) {
  const dir = join(cacheDir, String(major));
  const binary = join(dir, "node_modules", "node", "bin", "node");
  if (version(binary)?.startsWith(`v${major}.`)) return binary;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: `node-${major}`, private: true }, null, 2)}\n`);
  const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock", `node@${major}`], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 5 * 60_000,
  });
  if (install.status !== 0 || !existsSync(binary)) return null;
  return version(binary)?.startsWith(`v${major}.`) ? binary : null;
}
