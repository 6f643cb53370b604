#!/usr/bin/env node
// The whole test suite: prerequisites, typecheck and every package's tests through turbo,
// then one closing line summing every runner's results ("N passed, N failed").
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const run = (command, args, options = {}) => spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

// The Upstash tests start their own redis-server; a fresh Debian machine may lack the binary.
if (!has("redis-server")) {
  if (process.getuid?.() === 0 && has("apt-get")) {
    console.log("redis-server missing: installing it with apt-get");
    run("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null"]);
  } else {
    console.log("redis-server is not installed and cannot be installed here (needs root + apt-get); the Upstash tests will fail");
  }
}

const workspaces = ["packages", "apps"].flatMap((dir) =>
  existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map((name) => join(root, dir, name)) : [],
);
for (const dir of workspaces) rmSync(join(dir, "test-results.json"), { force: true });

const turbo = run(
  "pnpm",
  ["exec", "turbo", "run", "typecheck", "test", "--concurrency=2", "--continue", "--output-logs=errors-only", "--log-order=grouped"],
  {
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" },
  },
);
if (turbo.status !== 0) {
  // Show the full logs of what failed (errors-only keeps passing packages quiet).
  console.log("\nturbo reported failures; see the logs above");
}

// Each package's runner writes test-results.json in vitest's JSON shape
// ({ numPassedTests, numFailedTests, numPendingTests }); sum them.
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const dir of workspaces) {
  const file = join(dir, "test-results.json");
  if (!existsSync(file)) continue;
  const result = JSON.parse(readFileSync(file, "utf8"));
  passed += result.numPassedTests ?? 0;
  failed += result.numFailedTests ?? 0;
  skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  rows.push(
    `${dir.slice(root.length).padEnd(28)} ${String(result.numPassedTests ?? 0).padStart(5)} passed ${String(result.numFailedTests ?? 0).padStart(4)} failed`,
  );
}
console.log(`\n${rows.join("\n")}`);
if (turbo.status !== 0 && failed === 0) failed = 1; // a typecheck or crashed runner counts as a failure
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(turbo.status === 0 && failed === 0 ? 0 : 1);
