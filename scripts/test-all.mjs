#!/usr/bin/env node
// The README's test command (`npx -y pnpm@10.34.8 test`) and so CI's: prerequisites, then
//   1. typecheck + every workspace package's tests through turbo (Node 20, workerd, Deno, Bun),
//      printing one line per package as its test-results.json lands;
//   2. the Node suites again on Node 22 and 24 (binaries from npm, cached);
//   3. the packages as published (scripts/pack-check.mjs);
//   4. repository checks: lint, docs commands, release metadata, the API reference without warnings;
// and, LAST, one line summing everything: "Tests: N passed, N failed, N skipped".
// See docs/design.md, "Testing".
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { EXTRA_NODE_MAJORS, nodeBinary } from "./lib/node-versions.mjs";
import { has, pnpm, root, workspaceDirs } from "./lib/workspace.mjs";

// `--steps=turbo,nodes,pack,checks` runs only those steps (all by default), for working on this script.
const stepsArg = process.argv.find((a) => a.startsWith("--steps="));
const steps = new Set(stepsArg ? stepsArg.slice("--steps=".length).split(",") : ["turbo", "nodes", "pack", "checks"]);
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const rows = [];
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = 0; // steps that failed without a test count (typecheck, a crashed runner)

function count(label, result) {
  const p = result.numPassedTests ?? 0;
  const f = result.numFailedTests ?? 0;
  const s = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  passed += p;
  failed += f;
  skipped += s;
  const row = `${label.padEnd(36)} ${String(p).padStart(5)} passed ${String(f).padStart(4)} failed ${String(s).padStart(4)} skipped`;
  rows.push(row);
  return row;
}

function readResults(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null; // absent, or still being written
  }
}

/** Spawns a command with inherited output; resolves with its exit code. */
function run(command, args, options = {}) {
  return new Promise((resolveExit) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: root, ...options });
    child.on("error", (error) => {
      console.log(`could not start ${command}: ${error.message}`);
      resolveExit(127);
    });
    child.on("close", (code, signal) => resolveExit(code ?? (signal ? 128 : 1)));
  });
}

// ---- prerequisites ------------------------------------------------------------------------------
// The store tests start their own redis-server and PostgreSQL; the cookie interop tests run real
// Django. A fresh Debian machine may lack them: install what is missing in one apt-get call.
const hasPostgres = () =>
  has("initdb") ||
  (existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)));
// Debian's python3-django lives in the system python; pyenv or a venv may shadow it on PATH.
const hasDjango = () =>
  ["python3", "/usr/bin/python3"].some((py) => spawnSync(py, ["-c", "import django"], { stdio: "ignore" }).status === 0);
const missing = [!has("redis-server") && "redis-server", !hasPostgres() && "postgresql", !hasDjango() && "python3-django"].filter(Boolean);
if (missing.length > 0) {
  if (process.getuid?.() === 0 && has("apt-get")) {
    console.log(`installing with apt-get: ${missing.join(" ")}`);
    spawnSync("sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")} >/dev/null`], {
      stdio: "inherit",
    });
  } else {
    console.log(`missing and not installable here (needs root + apt-get): ${missing.join(", ")}; their tests will fail`);
  }
}

// ---- 1. turbo: typecheck and every package's tests ----------------------------------------------
const workspaces = workspaceDirs();
for (const dir of workspaces) rmSync(join(dir, "test-results.json"), { force: true });

console.log(`typecheck and tests of ${workspaces.length} workspace packages (turbo, 2 at a time); a line per package as it finishes:`);
const seen = new Set();
function announce() {
  for (const dir of workspaces) {
    if (seen.has(dir)) continue;
    const file = join(dir, "test-results.json");
    if (!existsSync(file) || statSync(file).mtimeMs < started) continue;
    const result = readResults(file);
    if (!result) continue;
    seen.add(dir);
    console.log(`  ${count(relative(root, dir), result)}  [${elapsed()}]`);
  }
}
const poll = setInterval(announce, 1000);
let turbo = 0;
if (steps.has("turbo")) {
  const [turboCmd, ...turboArgs] = pnpm(
    "exec",
    "turbo",
    "run",
    "typecheck",
    "test",
    "--concurrency=2",
    "--continue",
    "--output-logs=errors-only",
    "--log-order=grouped",
  );
  turbo = await run(turboCmd, turboArgs, { env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" } });
}
clearInterval(poll);
announce();
if (turbo !== 0) {
  broken++;
  console.log("turbo reported failures: their logs are above");
}

// ---- 2. the Node suites on Node 22 and 24 -------------------------------------------------------
// Every package whose tests are plain vitest in Node (not inside workerd).
// biome-ignore lint/suspicious/noUndeclaredEnvVars: a developer's filter for this script, not an input of any turbo task
const only = process.env.TEST_ALL_ONLY?.split(",");
const nodeSuites = workspaces.filter((dir) => {
  if (only && !only.includes(relative(root, dir))) return false;
  if (relative(root, dir).split("/")[0] !== "packages") return false;
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const config = ["vitest.config.ts", "vitest.config.mjs"].map((f) => join(dir, f)).find(existsSync);
  return pkg.scripts?.test === "vitest run" && config && !readFileSync(config, "utf8").includes("vitest-pool-workers");
});
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
for (const major of steps.has("nodes") ? EXTRA_NODE_MAJORS : []) {
  const node = nodeBinary(major);
  if (!node) {
    broken++;
    console.log(`node ${major}: npm install node@${major} failed`);
    continue;
  }
  const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  console.log(`\nthe Node suites on node ${version} (${nodeSuites.length} packages):`);
  const outDir = join(root, "node_modules", ".cache", "node-results", String(major));
  mkdirSync(outDir, { recursive: true });
  // Children that call `node` (tsx, helpers) get the same version.
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}`, FORCE_COLOR: "0" };
  const queue = [...nodeSuites];
  const worker = async () => {
    for (let dir = queue.shift(); dir; dir = queue.shift()) {
      const name = relative(root, dir);
      const out = join(outDir, `${name.replace(/\//g, "_")}.json`);
      rmSync(out, { force: true });
      const log = join(outDir, `${name.replace(/\//g, "_")}.log`);
      // vitest.shared.ts reads TEST_RESULTS_FILE, so the package's own test-results.json (Node 20) stays.
      const code = await run("sh", ["-c", `"$0" "$@" >"${log}" 2>&1`, node, vitest, "run"], {
        cwd: dir,
        env: { ...env, TEST_RESULTS_FILE: out },
      });
      const result = readResults(out);
      if (result) console.log(`  ${count(`${name} (node ${major})`, result)}  [${elapsed()}]`);
      if (code !== 0) {
        if (!result || (result.numFailedTests ?? 0) === 0) broken++;
        console.log(`  ${name} on node ${major} failed (exit ${code}); its log:\n${readFileSync(log, "utf8").slice(-6000)}`);
      }
    }
  };
  // One package at a time: each vitest already uses both cores, and the timing-ratio tests
  // (issue 10's linear-parsing properties) get noisy when two runs share them.
  await worker();
}

// ---- 3. the packages as published -------------------------------------------------------------
if (steps.has("pack")) {
  console.log("\nthe packages as published (scripts/pack-check.mjs):");
  const packResults = join(root, "node_modules", ".cache", "pack-check", "test-results.json");
  rmSync(packResults, { force: true });
  const pack = await run(process.execPath, [join(root, "scripts", "pack-check.mjs")]);
  const packed = readResults(packResults);
  if (packed) count("release: pack-check (checks)", packed);
  if (pack !== 0 && (!packed || (packed.numFailedTests ?? 0) === 0)) broken++;
}

// ---- 4. repository checks -------------------------------------------------------------------
if (steps.has("checks")) {
  console.log("\nrepository checks:");
  const checks = [
    ["docs: no bare pnpm commands", process.execPath, [join(root, "scripts", "check-docs-commands.mjs")]],
    ["no references to files outside the repository", process.execPath, [join(root, "scripts", "check-references.mjs")]],
    ["lint (biome check .)", ...pnpm("lint")],
    ["release metadata up to date", process.execPath, [join(root, "scripts", "release-metadata.mjs"), "--check"]],
    ["API reference (typedoc, warnings are errors)", ...pnpm("run", "docs")],
  ];
  const checkResult = { numPassedTests: 0, numFailedTests: 0 };
  for (const [label, command, ...args] of checks) {
    const code = await run(command, args.flat());
    console.log(`  ${code === 0 ? "ok  " : "FAIL"} ${label}`);
    if (code === 0) checkResult.numPassedTests++;
    else checkResult.numFailedTests++;
  }
  count("repository checks", checkResult);
}

console.log(`\n${rows.join("\n")}\n\nfinished in ${elapsed()}`);
if (broken > 0 && failed === 0) failed = broken; // a typecheck or crashed runner counts as a failure
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && broken === 0 ? 0 : 1);
