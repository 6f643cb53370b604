#!/usr/bin/env node
// Writes the release metadata of every publishable package (packages/* without "private"):
// repository + directory, homepage, bugs, keywords, engines, license, files,
// publishConfig.access and publishConfig.exports (derived from `exports`), the LICENSE copy
// and the build line's packaging flags. Idempotent; touches no other field (dependencies
// belong to each package's owner).
//
//   node scripts/release-metadata.mjs          rewrite what differs
//   node scripts/release-metadata.mjs --check  exit 1 if anything would change (CI)
//
// Why each field: docs/design.md, "Packaging and release".
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const check = process.argv.includes("--check");
const REPO = "https://github.com/edge-session/edge-session";
const ENGINES = { node: ">=20" };
const BASE_KEYWORDS = ["session", "sessions", "django", "fetch", "cloudflare-workers", "deno", "bun", "webcrypto"];
const EXTRA_KEYWORDS = {
  core: ["session-store", "csrf"],
  cookie: ["cookie", "signed-cookie", "jwe"],
  cloudflare: ["workers-kv", "d1"],
  fs: ["file-store"],
  hono: ["hono", "middleware"],
  fetch: ["fetch-handler"],
  upstash: ["upstash", "redis"],
  redis: ["redis", "ioredis"],
  postgres: ["postgres", "postgresql"],
};
// The fields this script owns, in the order they are inserted after "license".
const OWNED = ["repository", "homepage", "bugs", "keywords", "engines"];

/** `./src/kit/index.ts` → `./dist/kit/index.js` (tsdown keeps the layout below src/). */
const distOf = (source, ext) => source.replace(/^\.\/src\//, "./dist/").replace(/\.tsx?$/, ext);

function publishExports(exports) {
  const out = {};
  for (const [subpath, target] of Object.entries(exports ?? {})) {
    const source = typeof target === "string" ? target : (target.default ?? target.types);
    out[subpath] = { types: distOf(source, ".d.ts"), default: distOf(source, ".js") };
  }
  return out;
}

function buildLine(line) {
  if (!line?.startsWith("tsdown ")) return line;
  let out = line;
  // Declaration maps (and JS source maps) ship, pointing into the shipped src/.
  out = out.replace(/ --dts(?=\s|$)/, " --dts.sourcemap");
  if (!out.includes("--dts.sourcemap")) out += " --dts.sourcemap";
  // publishConfig.exports names index.js / index.d.ts: on the node platform tsdown writes
  // .mjs/.d.mts unless told not to (the fs packaging bug of issue 11).
  if (!out.includes("--platform neutral") && !out.includes("--no-fixed-extension")) out += " --no-fixed-extension";
  return out;
}

function withMetadata(pkg, dir) {
  const files = [
    ...new Set(["dist", "src", "!src/**/*.test.ts", "!src/**/*.test-d.ts", ...(pkg.files ?? []), "README.md", "CHANGELOG.md", "LICENSE"]),
  ];
  const owned = {
    repository: { type: "git", url: `git+${REPO}.git`, directory: `packages/${dir}` },
    homepage: `${REPO}/tree/main/packages/${dir}#readme`,
    bugs: { url: `${REPO}/issues` },
    keywords: [...new Set([...BASE_KEYWORDS, ...(EXTRA_KEYWORDS[dir] ?? [])])],
    engines: ENGINES,
  };
  const out = {};
  for (const [key, value] of Object.entries(pkg)) {
    if (OWNED.includes(key)) continue;
    out[key] = value;
    if (key === "license") Object.assign(out, owned);
  }
  if (!("license" in pkg)) Object.assign(out, { license: "MIT" }, owned);
  out.license = "MIT";
  out.files = files;
  out.publishConfig = { ...pkg.publishConfig, access: "public", exports: publishExports(pkg.exports) };
  if (out.scripts?.build) out.scripts = { ...out.scripts, build: buildLine(out.scripts.build) };
  return out;
}

const license = readFileSync(join(root, "LICENSE"), "utf8");
const changed = [];
for (const dir of readdirSync(join(root, "packages")).sort()) {
  const file = join(root, "packages", dir, "package.json");
  if (!existsSync(file)) continue;
  const before = readFileSync(file, "utf8");
  const pkg = JSON.parse(before);
  if (pkg.private) continue;
  const after = `${JSON.stringify(withMetadata(pkg, dir), null, 2)}\n`;
  if (after !== before) {
    changed.push(`packages/${dir}/package.json`);
    if (!check) writeFileSync(file, after);
  }
  // npm and pnpm pack a LICENSE from the package's own folder only, never the workspace root's.
  const licenseFile = join(root, "packages", dir, "LICENSE");
  if (!existsSync(licenseFile) || readFileSync(licenseFile, "utf8") !== license) {
    changed.push(`packages/${dir}/LICENSE`);
    if (!check) writeFileSync(licenseFile, license);
  }
}
if (check && changed.length > 0) {
  console.error(`release metadata out of date (run node scripts/release-metadata.mjs):\n  ${changed.join("\n  ")}`);
  process.exit(1);
}
console.log(changed.length > 0 ? `release metadata: updated ${changed.join(", ")}` : "release metadata: up to date");
