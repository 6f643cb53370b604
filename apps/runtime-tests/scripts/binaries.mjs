// The real deno and bun executables from their npm packages, without relying on the
// packages' postinstall scripts: pnpm only runs build scripts it is told to allow
// (onlyBuiltDependencies), and bun's bin shim refuses to run without its postinstall.
// Both packages ship the executable in a per-platform optional dependency; this finds it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

function works(path) {
  try {
    execFileSync(path, ["--version"], { stdio: "ignore", timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** The deno executable: the package's own installer API links it from @deno/<target>. */
export function denoBinary() {
  if (process.env.DENO_BINARY) return process.env.DENO_BINARY;
  const path = require("deno/install_api.cjs").runInstall();
  if (!works(path)) throw new Error(`deno from npm does not run: ${path}`);
  return path;
}

/** The bun executable: bin/bun of the @oven/bun-<os>-<arch>[-musl] package that pnpm installed for this machine. */
export function bunBinary() {
  if (process.env.BUN_BINARY) return process.env.BUN_BINARY;
  const pkgPath = require.resolve("bun/package.json");
  const pkg = require(pkgPath);
  const fromBun = createRequire(pkgPath);
  const os = { win32: "windows", darwin: "darwin", linux: "linux", freebsd: "freebsd" }[process.platform];
  const arch = { x64: "x64", arm64: "aarch64" }[process.arch];
  const exe = process.platform === "win32" ? "bun.exe" : "bun";
  const candidates = Object.keys(pkg.optionalDependencies ?? {}).filter((name) => name.startsWith(`@oven/bun-${os}-${arch}`));
  const tried = [];
  for (const name of candidates) {
    let dir;
    try {
      dir = dirname(fromBun.resolve(`${name}/package.json`));
    } catch {
      continue; // not installed on this platform (pnpm skips optional dependencies that do not fit)
    }
    const path = join(dir, "bin", exe);
    tried.push(path);
    if (existsSync(path) && works(path)) return path;
  }
  throw new Error(`no working bun executable among ${candidates.join(", ")} (tried ${tried.join(", ") || "none installed"})`);
}
