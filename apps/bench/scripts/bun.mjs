// Runs src/main.ts on Bun. The `bun` npm package fetches its binary in a
// postinstall script, which pnpm skips unless the workspace allows it; the
// binary itself is already installed as the optional dependency
// @oven/bun-<platform>-<arch>, so this finds it there.
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));

function findBun() {
  const bunDir = dirname(realpathSync(require.resolve("bun/package.json")));
  const fromBunPackage = createRequire(join(bunDir, "package.json"));
  const candidates = [`@oven/bun-${process.platform}-${process.arch}`, `@oven/bun-${process.platform}-${process.arch}-baseline`];
  for (const name of candidates) {
    try {
      const bin = join(dirname(fromBunPackage.resolve(`${name}/package.json`)), "bin", "bun");
      if (existsSync(bin)) return bin;
    } catch {
      // not installed for this platform; try the next
    }
  }
  const own = join(bunDir, "bin", "bun.exe"); // the postinstall's copy, when it ran
  if (existsSync(own)) return own;
  throw new Error("no Bun binary found: run `pnpm install` (the bun package is a devDependency of apps/bench)");
}

const result = spawnSync(findBun(), [join(root, "src/main.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
  cwd: root,
  env: { ...process.env, BENCH_ROOT: root },
});
process.exit(result.status ?? 1);
