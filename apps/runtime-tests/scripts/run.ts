// `pnpm test` of apps/runtime-tests: the same suite files on Node (vitest), workerd
// (vitest-pool-workers), Deno (deno test + the vitest shim) and Bun (bun test, which maps
// "vitest" onto bun:test itself) — the demo's real Deno and Bun servers are apps/demo's tests; one line per
// runtime ("deno: 123 passed, 0 failed"); the runtime table between the README markers.
// Exits 1 if any case fails, or any runner fails without saying which case.
//
//   pnpm test                 all four runtimes
//   pnpm test -- deno bun     only these
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type PgCluster, startCluster } from "../../../packages/postgres/test/pg-process.ts";
import { type Fixture, startFixture } from "../../../packages/upstash/test/fixture.ts";
import { bunBinary, denoBinary } from "./binaries.mjs";
import { guardPackageJson } from "./deno-guard.mjs";
import { type CaseResult, count, parseJunit, parseVitestJson, renderTable, replaceBetweenMarkers, rowOf } from "./results.ts";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, "..");
const repo = resolve(pkg, "../..");
const resultsDir = join(pkg, "results");
const require = createRequire(import.meta.url);
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

interface Step {
  /** argv[0] and the rest. */
  command: string[];
  cwd: string;
  /** Where the machine-readable result lands, and how to read it. */
  result: string;
  parse: (text: string) => CaseResult[];
  /** Used in the console and as the file of a synthetic failure. */
  title: string;
}

interface Runtime {
  name: "node" | "workerd" | "deno" | "bun" | "runner";
  label: string;
  steps: () => Step[];
}

const vitestBin = (): string => join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");

function vitestStep(config: string, name: string): Step {
  const result = join(resultsDir, `${name}.json`);
  return {
    title: `vitest --config ${config}`,
    command: [process.execPath, vitestBin(), "run", "--config", config, "--reporter=dot", "--reporter=json", `--outputFile.json=${result}`],
    cwd: pkg,
    result,
    parse: parseVitestJson,
  };
}

// Deno's JUnit report names every case's file after the module that called Deno.test (the shim),
// so each table row gets its own `deno test` run and its own report; `files[0]` names the row.
function denoStep(deno: string, files: string[], cwd: string, config?: string): Step {
  const first = relative(repo, resolve(cwd, files[0]!));
  const result = join(resultsDir, "deno", `${first.replace(/[\\/]/g, "_")}.xml`);
  const args = ["test", "--allow-all", "--reporter=dot", `--junit-path=${result}`];
  if (config) args.push(`--config=${config}`);
  return {
    title: `deno test ${files.map((file) => relative(repo, resolve(cwd, file))).join(" ")}`,
    command: [deno, ...args, ...files],
    cwd,
    result,
    parse: (xml) => parseJunit(xml, resolve(cwd, files[0]!)),
  };
}

function bunStep(bun: string, files: string[], cwd: string, name: string): Step {
  const result = join(resultsDir, "bun", `${name}.xml`);
  return {
    title: `bun test (${name})`,
    command: [bun, "test", "--reporter=junit", `--reporter-outfile=${result}`, ...files],
    cwd,
    result,
    // bun's file attributes are relative to its cwd.
    parse: (xml) => parseJunit(xml, cwd).map((c) => ({ ...c, file: resolve(cwd, c.file) })),
  };
}

const SUITES = ["memory", "cookie-signed", "cookie-encrypted", "upstash", "file", "redis", "postgres"].map((s) => `suites/${s}.test.ts`);
// Every test file of @edge-session/fs, so a new one cannot be left out of the Deno and Bun runs.
const FS_TESTS = readdirSync(join(repo, "packages/fs/src"))
  .filter((name) => name.endsWith(".test.ts"))
  .sort()
  .map((name) => `src/${name}`);

const RUNTIMES: Runtime[] = [
  { name: "node", label: "Node (vitest)", steps: () => [vitestStep("vitest.config.ts", "node")] },
  { name: "workerd", label: "workerd (vitest-pool-workers)", steps: () => [vitestStep("vitest.workerd.config.ts", "workerd")] },
  {
    name: "deno",
    label: "Deno (deno test)",
    steps: () => {
      const deno = denoBinary();
      const config = join(pkg, "deno.json"); // maps "vitest" to shim/vitest.ts
      return [
        denoStep(deno, ["shim/shim.test.ts"], pkg),
        ...SUITES.map((file) => denoStep(deno, [file], pkg)),
        denoStep(deno, FS_TESTS, join(repo, "packages/fs"), config),
      ];
    },
  },
  {
    name: "bun",
    label: "Bun (bun test)",
    steps: () => {
      const bun = bunBinary();
      return [
        bunStep(bun, ["./shim/shim.test.ts", ...SUITES.map((f) => `./${f}`)], pkg, "suites"),
        bunStep(
          bun,
          FS_TESTS.map((f) => `./${f}`),
          join(repo, "packages/fs"),
          "fs",
        ),
      ];
    },
  },
];

/** Runs one step, its output to the runtime's log; resolves with its exit code. Stops it by PID on timeout. */
function runStep(step: Step, log: NodeJS.WritableStream, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolveExit) => {
    log.write(`\n$ (cd ${relative(repo, step.cwd) || "."} && ${step.command.join(" ")})\n`);
    const child = spawn(step.command[0]!, step.command.slice(1), { cwd: step.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const timer = setTimeout(() => {
      log.write(`\n[runner] ${step.title} timed out after ${RUN_TIMEOUT_MS / 1000} s: SIGTERM to ${child.pid}\n`);
      if (child.pid) process.kill(child.pid, "SIGTERM");
    }, RUN_TIMEOUT_MS);
    child.on("error", (error) => {
      log.write(`\n[runner] could not start ${step.command[0]}: ${error.message}\n`);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolveExit(code ?? (signal ? 128 : 1));
    });
  });
}

async function runRuntime(runtime: Runtime, env: NodeJS.ProcessEnv) {
  const logPath = join(resultsDir, `${runtime.name}.log`);
  const log = createWriteStream(logPath);
  const started = performance.now();
  const cases: CaseResult[] = [];
  let crashed = false;
  const restorePackageJson = guardPackageJson(join(repo, "package.json"));
  try {
    for (const step of runtime.steps()) {
      await rm(step.result, { force: true });
      await mkdir(dirname(step.result), { recursive: true });
      const code = await runStep(step, log, env);
      const found = existsSync(step.result) ? step.parse(await readFile(step.result, "utf8")) : [];
      cases.push(...found);
      // A runner that failed without naming a failing case (crash, type error, missing binary) is a failure too.
      if (code !== 0 && !found.some((c) => c.outcome === "failed")) {
        crashed = true;
        cases.push({
          file: step.title,
          name: `${step.title} exited with ${code}`,
          outcome: "failed",
          message: `see ${relative(repo, logPath)}`,
        });
      }
    }
  } catch (error) {
    crashed = true;
    cases.push({ file: runtime.name, name: `${runtime.name} could not run`, outcome: "failed", message: String(error) });
  } finally {
    if (restorePackageJson()) console.log('[runner] removed the "workspaces" key deno added to package.json after a resolution error');
    await new Promise((r) => log.end(r));
  }
  return { runtime, cases, seconds: (performance.now() - started) / 1000, logPath, crashed };
}

async function tail(path: string, lines: number): Promise<string> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text.split("\n").slice(-lines).join("\n");
}

async function writeTable(table: string): Promise<string> {
  const readme = join(repo, "README.md");
  const content = `${table}\n\n<sub>Written by \`npx -y pnpm@10.34.8 --filter @edge-session/runtime-tests test\` from the runners' JUnit/JSON results: passed/total per store and runtime.</sub>`;
  if (existsSync(readme)) {
    const replaced = replaceBetweenMarkers(await readFile(readme, "utf8"), content);
    if (replaced !== undefined) {
      await writeFile(readme, replaced);
      return "README.md";
    }
  }
  const results = join(pkg, "RESULTS.md");
  await writeFile(results, `# Runtime table\n\n${content}\n`);
  return relative(repo, results);
}

async function main(): Promise<number> {
  const only = process.argv.slice(2).filter((a) => a !== "--");
  const unknown = only.filter((name) => !RUNTIMES.some((r) => r.name === name));
  if (unknown.length) {
    console.error(`unknown runtime(s): ${unknown.join(", ")}; choose from ${RUNTIMES.map((r) => r.name).join(", ")}`);
    return 2;
  }
  const selected = RUNTIMES.filter((r) => only.length === 0 || only.includes(r.name));
  await mkdir(resultsDir, { recursive: true });
  await rm(join(pkg, "test-results.json"), { force: true });

  // One real redis-server and the Upstash REST test server (packages/upstash/test) for every runtime.
  let fixture: Fixture | undefined;
  try {
    fixture = await startFixture();
  } catch (error) {
    console.error(`could not start redis-server + the Upstash REST test server: ${(error as Error).message}`);
    console.error("install redis-server (Debian: apt-get install -y redis-server) or set REDIS_SERVER to its path");
    return 1;
  }
  // One private PostgreSQL cluster (packages/postgres/test) for the postgresStore suite.
  let cluster: PgCluster;
  try {
    cluster = await startCluster();
  } catch (error) {
    await fixture.stop();
    console.error(`could not start PostgreSQL: ${(error as Error).message}`);
    return 1;
  }
  const env = {
    ...process.env,
    UPSTASH_TEST_URL: fixture.server.url,
    UPSTASH_TEST_TOKEN: fixture.server.token,
    // redisStore talks to the same redis-server directly, over TCP.
    REDIS_TEST_URL: `redis://127.0.0.1:${fixture.redisProcess.port}`,
    POSTGRES_TEST_URL: cluster.url,
    FORCE_COLOR: "0",
    NO_COLOR: "1",
  };

  // The runner's own tests first (its parsing decides the table and the exit code).
  const unit = await runRuntime({ name: "runner", label: "runner", steps: () => [vitestStep("vitest.unit.config.ts", "unit")] }, env);
  const runs = [];
  try {
    for (const runtime of selected) {
      console.log(`running ${runtime.label}…`);
      runs.push(await runRuntime(runtime, env));
    }
  } finally {
    await fixture.stop();
    await cluster.destroy();
  }

  let failed = 0;
  let passed = 0;
  console.log("");
  for (const run of [unit, ...runs]) {
    const counts = count(run.cases);
    passed += counts.passed;
    failed += counts.failed;
    const failures = run.cases.filter((c) => c.outcome === "failed");
    for (const f of failures.slice(0, 20))
      console.log(`  ✗ ${run.runtime.name} [${rowOf(f.file)}] ${f.name}${f.message ? ` — ${f.message}` : ""}`);
    if (failures.length > 20) console.log(`  … and ${failures.length - 20} more (${relative(repo, run.logPath)})`);
    if (run.crashed) console.log(`--- last lines of ${relative(repo, run.logPath)} ---\n${await tail(run.logPath, 60)}\n---`);
    console.log(`${run.runtime.name} took ${run.seconds.toFixed(1)} s wall time`);
  }

  const table = renderTable(runs.map((run) => ({ label: run.runtime.label, cases: run.cases })));
  console.log(`\n${table}\n`);
  if (selected.length === RUNTIMES.length) console.log(`table written to ${await writeTable(table)}`);
  // The root runner (scripts/test-all.mjs) sums every package's test-results.json in vitest's shape.
  const all = count([unit, ...runs].flatMap((run) => run.cases));
  await writeFile(
    join(pkg, "test-results.json"),
    `${JSON.stringify({ numPassedTests: all.passed, numFailedTests: all.failed, numPendingTests: all.skipped, success: all.failed === 0 })}\n`,
  );
  await writeFile(
    join(resultsDir, "summary.json"),
    `${JSON.stringify(
      runs.map((run) => ({ runtime: run.runtime.name, seconds: Number(run.seconds.toFixed(1)), ...count(run.cases) })),
      null,
      2,
    )}\n`,
  );

  // The lines CI reads: one per runtime, then the total, last.
  for (const run of [unit, ...runs]) {
    const { passed: p, failed: f, skipped: s } = count(run.cases);
    console.log(`${run.runtime.name}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""}`);
  }
  console.log(`total: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
