#!/usr/bin/env node
// The packages as a user gets them: build, `pnpm pack` every publishable package, publint and
// @arethetypeswrong/cli (ESM-only profile) on each tarball, then a scratch project OUTSIDE the
// workspace that installs the tarballs with plain npm, type-checks the README quick starts
// verbatim and runs them: a Worker bundle from `wrangler deploy --dry-run` answering inside
// workerd, a Node server answering over HTTP, and Deno and Bun importing every package and
// running the portable quick starts. One line per check; exit 1 if any fails.
//
//   node scripts/pack-check.mjs [--skip-build] [--keep]
//
// Quick starts are the ```ts blocks of README.md and packages/*/README.md preceded by a marker
//   <!-- quick-start: hono.ts worker deno bun -->
// naming the file the block is written to and where it runs: `worker` (types from
// @cloudflare/workers-types; bundled by wrangler, run in workerd), `node` (a server that listens
// on process.env.PORT), `deno` / `bun` (default export's fetch(request, env) called in-process).
// Every quick start is type-checked. See docs/design.md, "Packaging and release".
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { nodeBinary } from "./lib/node-versions.mjs";
import { pnpm, publishablePackages, root } from "./lib/workspace.mjs";

const args = new Set(process.argv.slice(2));
const require = createRequire(import.meta.url);
const results = [];
const SECRET = "a pack-check secret of at least 32 characters";
const OLD_SECRET = "an older pack-check secret, also 32+ characters";
const ENV = { SESSION_SECRET: SECRET, OLD_SESSION_SECRET: OLD_SECRET };

let last = Date.now();
function report(name, ok, detail = "") {
  results.push({ name, ok });
  const seconds = ((Date.now() - last) / 1000).toFixed(1);
  last = Date.now();
  console.log(`${ok ? "ok  " : "FAIL"} ${name} (${seconds} s)${detail ? `: ${detail}` : ""}`);
}

function run(command, argv, options = {}) {
  const result = spawnSync(command, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: result.status ?? 1, output: `${result.stdout ?? ""}${result.stderr ?? ""}`, error: result.error };
}

const indent = (text) =>
  text
    .trim()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");

/** A version the workspace already pins for `name` (so the scratch project matches what we test), else `fallback`. */
function workspaceVersion(name, fallback) {
  const stack = [join(root, "package.json")];
  for (const parent of ["packages", "apps", "examples"]) {
    if (!existsSync(join(root, parent))) continue;
    for (const dir of readdirSync(join(root, parent))) stack.push(join(root, parent, dir, "package.json"));
  }
  for (const file of stack) {
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8"));
    const version = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name];
    if (version && /^\^?\d/.test(version)) return version;
  }
  return fallback;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Two requests through `send`: the first must set a cookie, the second (carrying it) must answer
 * differently — the session's state travelled. Returns a failure message or null.
 */
async function twoVisits(send) {
  const first = await send(null);
  if (first.status >= 500) return `first request answered ${first.status}: ${first.body.slice(0, 200)}`;
  const setCookie = first.setCookie;
  if (!setCookie) return `first request set no cookie (status ${first.status}, body ${first.body.slice(0, 120)})`;
  const second = await send(setCookie.split(";")[0]);
  if (second.status >= 500) return `second request answered ${second.status}: ${second.body.slice(0, 200)}`;
  if (second.body === first.body) return `the second visit answered the same as the first (${first.body.slice(0, 120)})`;
  return null;
}

// ---- 1. build -------------------------------------------------------------------------------
const packages = publishablePackages();
if (!args.has("--skip-build")) {
  const [cmd, ...rest] = pnpm("exec", "turbo", "run", "build", "--filter=./packages/*", "--output-logs=errors-only");
  const build = run(cmd, rest, { cwd: root, env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" } });
  report("build (turbo run build, packages/*)", build.status === 0, build.status === 0 ? "" : `\n${indent(build.output)}`);
  if (build.status !== 0) finish();
}

// ---- 2. pack, publint, attw -----------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), "edge-session-pack-"));
const tarballs = join(work, "tarballs");
mkdirSync(tarballs);
const { publint } = await import("publint");
const { formatMessage } = await import("publint/utils");
const attwBin = join(root, "node_modules", ".bin", "attw");
const packed = [];

for (const { name: dir, dir: path, pkg } of packages) {
  const [cmd, ...rest] = pnpm("pack", "--pack-destination", tarballs);
  const pack = run(cmd, rest, { cwd: path });
  const tarball = readdirSync(tarballs).find((f) => f.startsWith(`${pkg.name.replace("@", "").replace("/", "-")}-`));
  if (pack.status !== 0 || !tarball) {
    report(`${pkg.name}: pnpm pack`, false, indent(pack.output));
    continue;
  }
  const file = join(tarballs, tarball);
  packed.push({ dir, pkg, file });

  // What is inside, read from the tarball itself: the manifest pnpm rewrote, and the file list.
  const unpacked = join(work, "unpacked", dir);
  mkdirSync(unpacked, { recursive: true });
  run("tar", ["-xzf", file, "-C", unpacked]);
  const manifest = JSON.parse(readFileSync(join(unpacked, "package", "package.json"), "utf8"));
  const list = run("tar", ["-tzf", file]).output.split("\n").filter(Boolean);
  const problems = [];
  const manifestText = JSON.stringify(manifest);
  if (manifestText.includes("workspace:")) problems.push("a workspace: range is left in package.json");
  if (/"\.\/src\/[^"]*\.ts"/.test(JSON.stringify(manifest.exports ?? {}))) problems.push("exports name ./src/*.ts");
  if (manifest.publishConfig?.access !== "public") problems.push('publishConfig.access is not "public"');
  if (!list.includes("package/LICENSE")) problems.push("no LICENSE");
  if (!list.includes("package/README.md")) problems.push("no README.md");
  if (!list.some((f) => f.endsWith(".d.ts.map"))) problems.push("no declaration maps (.d.ts.map)");
  if (list.some((f) => f.endsWith(".test.ts"))) problems.push("test files shipped");
  report(
    `${pkg.name}: tarball (${list.length} files)`,
    problems.length === 0,
    problems.length ? problems.join("; ") : `${tarball}, manifest exports ${Object.keys(manifest.exports ?? {}).join(" ")}`,
  );

  const bytes = readFileSync(file);
  const tarballBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const lint = await publint({ pack: { tarball: tarballBuffer }, level: "suggestion", strict: true });
  const lines = lint.messages.map((m) => `${m.type}: ${formatMessage(m, lint.pkg) ?? m.code}`);
  report(`${pkg.name}: publint --strict`, lint.messages.length === 0, lines.length ? `\n${indent(lines.join("\n"))}` : "clean");

  const attw = run(attwBin, [file, "--profile", "esm-only", "--format", "ascii", "--no-emoji"], { cwd: work });
  report(`${pkg.name}: attw --profile esm-only`, attw.status === 0, attw.status === 0 ? "clean" : `\n${indent(attw.output)}`);
}

// ---- 3. the scratch consumer ------------------------------------------------------------------
const consumer = join(work, "consumer");
mkdirSync(join(consumer, "quick-starts"), { recursive: true });

const quickStarts = [];
const readmes = [join(root, "README.md"), ...packages.map((p) => join(p.dir, "README.md"))].filter(existsSync);
const MARKER = /<!--\s*quick-start:\s*([\w.-]+\.ts)((?:\s+[\w-]+)*)\s*-->\s*\n```ts\n([\s\S]*?)\n```/g;
for (const readme of readmes) {
  for (const [, file, targets, code] of readFileSync(readme, "utf8").matchAll(MARKER)) {
    quickStarts.push({ file, targets: targets.trim().split(/\s+/).filter(Boolean), code, readme: relative(root, readme) });
    writeFileSync(join(consumer, "quick-starts", file), `${code}\n`);
  }
}
report(
  "README quick starts found",
  quickStarts.length > 0,
  quickStarts.map((q) => `${q.readme} → ${q.file} [${q.targets.join(" ") || "type-check only"}]`).join(", "),
);

const dependencies = Object.fromEntries(packed.map(({ pkg, file }) => [pkg.name, `file:${file}`]));
// Peers of our packages and what the quick starts import, at the versions the workspace tests.
Object.assign(dependencies, {
  hono: workspaceVersion("hono", "4.13.19"),
  "@hono/node-server": workspaceVersion("@hono/node-server", "2.1.9"),
  "@upstash/redis": workspaceVersion("@upstash/redis", "1.39.0"),
  redis: workspaceVersion("redis", "5.12.1"),
  ioredis: workspaceVersion("ioredis", "5.9.3"),
  postgres: workspaceVersion("postgres", "3.4.9"),
});
const devDependencies = {
  typescript: workspaceVersion("typescript", "6.0.3"),
  "@types/node": workspaceVersion("@types/node", "20.19.43"),
  "@cloudflare/workers-types": workspaceVersion("@cloudflare/workers-types", "4.20260416.1"),
};
writeFileSync(
  join(consumer, "package.json"),
  `${JSON.stringify({ name: "edge-session-consumer", private: true, type: "module", dependencies, devDependencies }, null, 2)}\n`,
);
const install = run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--ignore-scripts"], {
  cwd: consumer,
  env: { ...process.env, npm_config_workspaces: "false" },
});
report(
  `npm install of ${packed.length} tarballs in ${consumer}`,
  install.status === 0,
  install.status === 0 ? "" : `\n${indent(install.output)}`,
);
if (install.status !== 0) finish();

// Every entry point of every package, for the import smoke on each runtime and the d.ts check.
// @edge-session/core/testing needs vitest (an optional peer): type-checked and imported in the workspace only.
const entryPoints = packed.flatMap(({ pkg }) =>
  Object.keys(pkg.publishConfig?.exports ?? pkg.exports ?? { ".": null })
    .map((sub) => ({ spec: sub === "." ? pkg.name : `${pkg.name}/${sub.slice(2)}`, pkg }))
    .filter(({ spec }) => spec !== "@edge-session/core/testing"),
);
// An entry that imports `cloudflare:*` modules (a Durable Object class) exists on workerd only:
// type-checked with Workers globals, not imported by Deno and Bun.
const workerdOnly = (spec, pkg) => {
  const sub = spec === pkg.name ? "." : `./${spec.slice(pkg.name.length + 1)}`;
  const target = pkg.publishConfig?.exports?.[sub]?.default;
  const file = target && join(consumer, "node_modules", pkg.name, target);
  return Boolean(file && existsSync(file) && /from\s*["']cloudflare:/.test(readFileSync(file, "utf8")));
};
const entries = entryPoints.filter(({ spec, pkg }) => !workerdOnly(spec, pkg)).map((e) => e.spec);
const skippedEntries = entryPoints.filter(({ spec, pkg }) => workerdOnly(spec, pkg)).map((e) => e.spec);
if (skippedEntries.length > 0)
  console.log(`     workerd-only entry points, type-checked but not imported on Deno and Bun: ${skippedEntries.join(", ")}`);
// A package whose own types come from @cloudflare/workers-types is checked with Workers globals;
// one that is built against @types/node with Node's; the rest with both.
const usesTypes = (pkg, types) => Boolean(pkg.devDependencies?.[types] ?? pkg.dependencies?.[types]);
const entryFile = (name, list) => {
  const imports = list.map(({ spec }, i) => `import * as entry${i} from "${spec}";`).join("\n");
  writeFileSync(join(consumer, name), `${imports}\nexport const all = [${list.map((_, i) => `entry${i}`).join(", ")}];\n`);
};
entryFile(
  "entries.node.ts",
  entryPoints.filter(({ pkg }) => !usesTypes(pkg, "@cloudflare/workers-types")),
);
entryFile(
  "entries.worker.ts",
  entryPoints.filter(({ pkg }) => !usesTypes(pkg, "@types/node")),
);

// Two tsconfigs: Workers globals and Node's types cannot share one program.
const compilerOptions = {
  target: "ES2022",
  module: "ESNext",
  moduleResolution: "Bundler",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  strict: true,
  skipLibCheck: false,
  outDir: "out",
  rootDir: ".",
};
const workerFiles = quickStarts.filter((q) => q.targets.includes("worker")).map((q) => `quick-starts/${q.file}`);
const nodeFiles = quickStarts.filter((q) => !q.targets.includes("worker")).map((q) => `quick-starts/${q.file}`);
writeFileSync(
  join(consumer, "tsconfig.worker.json"),
  JSON.stringify({
    compilerOptions: { ...compilerOptions, types: ["@cloudflare/workers-types"], lib: ["ES2022"] },
    files: ["entries.worker.ts", ...workerFiles],
  }),
);
writeFileSync(
  join(consumer, "tsconfig.node.json"),
  JSON.stringify({ compilerOptions: { ...compilerOptions, types: ["node"] }, files: ["entries.node.ts", ...nodeFiles] }),
);
const tsc = join(consumer, "node_modules", "typescript", "bin", "tsc");
for (const config of ["tsconfig.node.json", "tsconfig.worker.json"]) {
  const files = config === "tsconfig.node.json" ? ["entries.node.ts", ...nodeFiles] : ["entries.worker.ts", ...workerFiles];
  const check = run(process.execPath, [tsc, "-p", config], { cwd: consumer });
  report(`tsc -p ${config} (${files.join(", ")})`, check.status === 0, check.status === 0 ? "" : `\n${indent(check.output)}`);
}

// ---- 4. run them --------------------------------------------------------------------------------
// A Worker: bundled by wrangler exactly as `wrangler deploy` would, then served by workerd (Miniflare).
const demoDir = join(root, "apps", "demo");
const workerQuickStarts = quickStarts.filter((q) => q.targets.includes("worker"));
if (workerQuickStarts.length > 0) {
  const wranglerPkg = require.resolve("wrangler/package.json", { paths: [demoDir] });
  const wrangler = join(wranglerPkg, "..", "bin", "wrangler.js");
  const { Miniflare } = createRequire(wranglerPkg)("miniflare");
  for (const q of workerQuickStarts) {
    const name = q.file.replace(/\.ts$/, "");
    const outdir = join(consumer, "worker-out", name);
    writeFileSync(
      join(consumer, `wrangler.${name}.jsonc`),
      JSON.stringify({
        name: `quick-start-${name}`,
        main: `quick-starts/${q.file}`,
        compatibility_date: "2026-04-01",
        kv_namespaces: [{ binding: "SESSIONS", id: "00000000000000000000000000000000" }],
      }),
    );
    const bundle = run(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", outdir, "--config", `wrangler.${name}.jsonc`], {
      cwd: consumer,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", CI: "true" },
    });
    const script = existsSync(outdir) ? readdirSync(outdir).find((f) => f.endsWith(".js")) : undefined;
    report(
      `wrangler deploy --dry-run ${q.file}`,
      bundle.status === 0 && !!script,
      bundle.status === 0 ? `${script}` : `\n${indent(bundle.output)}`,
    );
    if (!script) continue;
    const mf = new Miniflare({
      modules: true,
      scriptPath: join(outdir, script),
      modulesRoot: outdir,
      compatibilityDate: "2026-04-01",
      kvNamespaces: ["SESSIONS"],
      bindings: ENV,
    });
    try {
      const failure = await twoVisits(async (cookie) => {
        const response = await mf.dispatchFetch("https://example.test/", { headers: cookie ? { cookie } : {} });
        return { status: response.status, body: await response.text(), setCookie: response.headers.get("set-cookie") };
      });
      report(`workerd runs the ${q.file} bundle (two visits)`, failure === null, failure ?? "");
    } catch (error) {
      report(`workerd runs the ${q.file} bundle (two visits)`, false, String(error));
    } finally {
      await mf.dispose().catch(() => {});
    }
  }
}

// Node, Deno and Bun run the JavaScript that the two tsc runs above emitted into out/.

/** Runs a Node server quick start on `node` and makes two visits over HTTP; stops it by PID. */
async function nodeServer(q, node, label) {
  const port = await freePort();
  const js = join(consumer, "out", "quick-starts", q.file.replace(/\.ts$/, ".js"));
  const child = spawn(node, [js], {
    cwd: consumer,
    env: { ...process.env, ...ENV, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const send = async (cookie) => {
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: response.status, body: await response.text(), setCookie: response.headers.get("set-cookie") };
  };
  try {
    let ready = false;
    for (let i = 0; i < 100 && !ready && child.exitCode === null; i++) {
      ready = await fetch(`http://127.0.0.1:${port}/`, { method: "HEAD" }).then(
        () => true,
        () => new Promise((r) => setTimeout(() => r(false), 100)),
      );
    }
    const failure = ready ? await twoVisits(send) : `never answered on port ${port}\n${indent(output)}`;
    report(`${label} serves ${q.file} over HTTP (two visits)`, failure === null, failure ?? "");
  } finally {
    child.kill("SIGTERM");
  }
}

const nodeQuickStarts = quickStarts.filter((q) => q.targets.includes("node"));
const nodes = [[process.execPath, `node ${process.versions.node}`]];
for (const major of [22, 24]) {
  const binary = nodeBinary(major);
  if (binary) nodes.push([binary, `node ${major}`]);
  else report(`node ${major} from npm`, false, `npm install node@${major} failed`);
}
for (const q of nodeQuickStarts) for (const [node, label] of nodes) await nodeServer(q, node, label);

// Deno and Bun: import every entry, then call the portable quick starts' fetch in-process.
const smoke = `// Written by scripts/pack-check.mjs.
const entries = ${JSON.stringify(entries)};
const quickStarts = ${JSON.stringify(quickStarts.map((q) => ({ file: q.file, targets: q.targets })))};
const runtime = process.argv[2];
const env = ${JSON.stringify(ENV)};
const lines = [];
let failed = 0;
for (const spec of entries) {
  try {
    const mod = await import(spec);
    const names = Object.keys(mod);
    if (names.length === 0) throw new Error("no exports");
    lines.push("ok   import " + spec + " (" + names.length + " exports)");
  } catch (error) {
    failed++;
    lines.push("FAIL import " + spec + ": " + error);
  }
}
for (const q of quickStarts.filter((q) => q.targets.includes(runtime))) {
  try {
    const app = (await import("./out/quick-starts/" + q.file.replace(/\\.ts$/, ".js"))).default;
    const ctx = { waitUntil() {}, passThroughOnException() {} };
    const first = await app.fetch(new Request("https://example.test/"), env, ctx);
    const body1 = await first.text();
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0];
    const second = await app.fetch(new Request("https://example.test/", { headers: { cookie } }), env, ctx);
    const body2 = await second.text();
    if (first.status >= 500 || second.status >= 500 || !cookie || body1 === body2) throw new Error(first.status + " " + body1 + " / " + second.status + " " + body2);
    lines.push("ok   " + q.file + ": two visits (" + body1 + " → " + body2 + ")");
  } catch (error) {
    failed++;
    lines.push("FAIL " + q.file + ": " + error);
  }
}
console.log(JSON.stringify({ failed, lines }));
`;
writeFileSync(join(consumer, "smoke.mjs"), smoke);
let binaries;
try {
  binaries = await import(join(root, "apps", "runtime-tests", "scripts", "binaries.mjs"));
} catch (error) {
  report("deno and bun binaries", false, String(error));
}
for (const [runtime, find, argv] of [
  ["deno", () => binaries?.denoBinary(), ["run", "--allow-all", "smoke.mjs", "deno"]],
  ["bun", () => binaries?.bunBinary(), ["smoke.mjs", "bun"]],
]) {
  let binary;
  try {
    binary = find();
  } catch (error) {
    report(`${runtime} imports the packages`, false, String(error));
    continue;
  }
  if (!binary) continue;
  const result = run(binary, argv, { cwd: consumer, env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" } });
  let parsed;
  try {
    parsed = JSON.parse(result.output.trim().split("\n").at(-1));
  } catch {
    report(`${runtime} imports the packages`, false, `\n${indent(result.output)}`);
    continue;
  }
  const version = run(binary, ["--version"]).output.split("\n")[0].trim();
  report(
    `${version.startsWith(runtime) ? "" : `${runtime} `}${version}: imports ${entries.length} entry points, runs the portable quick starts`,
    parsed.failed === 0,
    `\n${indent(parsed.lines.join("\n"))}`,
  );
}

finish();

function finish() {
  if (!args.has("--keep")) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
  const failed = results.filter((r) => !r.ok).length;
  const out = join(root, "node_modules", ".cache", "pack-check");
  mkdirSync(out, { recursive: true });
  // The root test runner (scripts/test-all.mjs) counts these checks like tests.
  writeFileSync(
    join(out, "test-results.json"),
    JSON.stringify({ numPassedTests: results.length - failed, numFailedTests: failed, numPendingTests: 0 }),
  );
  console.log(`pack-check: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
