import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hmacPath } from "@edge-session/core/kit";
import { BUNDLE_METHOD, measureBundles } from "./bundle-size.ts";
import { applies, CASES, COLD_CYCLE, CONCURRENCIES, type Concurrency, type Fixture } from "./cases.ts";
import { checkCase } from "./checks.ts";
import { ColdCookieSource, type ColdSource, fillColdCycle } from "./cold-cookies.ts";
import { countSubtleCalls, perRequest } from "./crypto-count.ts";
import { makeFixture } from "./fixtures.ts";
import { measurePrimitives, type PrimitiveResult } from "./primitives.ts";
import { renderChart } from "./report/chart-svg.ts";
import { renderMarkdown } from "./report/markdown.ts";
import { renderReadmeSnippet } from "./report/readme-snippet.ts";
import type { BenchResults, CellResult } from "./results.ts";
import { collectGarbage, load, machineInfo, measuredCommit, runtimeInfo } from "./runtime.ts";
import { summarize } from "./stats.ts";
import { loadSubjects, type Subject } from "./subjects/index.ts";
import { evaluateTargets } from "./targets.ts";
import { type Cell, calibrate, runBatch, runRounds } from "./timing.ts";
import { measureWriters, openWriterStores, type WritersResult } from "./writers.ts";

const COUNTING_REQUESTS = 16;
const SMOKE_REQUESTS = 300;
const SMOKE_MS_PER_CELL = 100;
/** The smoke run checks the cold-read case on a short cycle: correctness, not the memo's size. */
const SMOKE_COLD_CYCLE = 48;

/** The full bench (or, with --smoke, the correctness pass), as `pnpm bench` / `pnpm bench:bun` run it. */
export async function runBench(entry: URL): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const hit = args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    return hit === undefined ? undefined : (hit.split("=")[1] ?? "");
  };
  const smoke = flag("smoke") !== undefined;
  const rounds = Number(flag("rounds") ?? 20);
  const targetMs = Number(flag("target-ms") ?? 10);
  const only = flag("only") ? new RegExp(flag("only")!) : undefined;
  const root = process.env.BENCH_ROOT ?? fileURLToPath(new URL("..", import.meta.url));
  const runtime = runtimeInfo();
  const started = performance.now();
  const loadAtStart = load();
  const commit = measuredCommit(root); // taken before anything loads: Bun reads the sources now, the Node launcher bundled them just before
  const log = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  if (flag("render") !== undefined) {
    // Re-render results.md and chart.svg from results.json (after a change to the report format).
    const saved = JSON.parse(readFileSync(join(root, "results", `results${suffixOf(runtime.name)}.json`), "utf8")) as BenchResults;
    saved.targets = evaluateTargets(saved);
    writeReports(root, saved);
    log("re-rendered from results.json");
    return;
  }
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  // @hono/session writes every rejected cookie to console.error; thousands of
  // tampered requests would flood the terminal. Silenced for every library alike.
  console.error = () => {};

  log(
    `edge-session bench — ${smoke ? "smoke (correctness only)" : "full"} run on ${runtime.name} ${runtime.version}, HMAC path "${hmacPath()}"`,
  );
  const loaded = await loadSubjects();
  const subjects = loaded.subjects.filter((s) => s.group === "baseline" || s.group === "reference" || !only || only.test(s.id));
  for (const m of loaded.missing) log(`  missing: ${m.id} — ${m.reason}`);
  const cold: ColdSource = new ColdCookieSource(entry);

  // 1. Fixtures (every subject's returning visitors), then correctness before any timing.
  const fixtures = new Map<Subject, Fixture>();
  const setupErrors = new Map<Subject, string>();
  for (const subject of subjects) {
    try {
      const fx = await makeFixture(subject);
      if (subject.coldRead) await fillColdCycle(fx, smoke ? SMOKE_COLD_CYCLE : COLD_CYCLE, cold);
      fixtures.set(subject, fx);
    } catch (error) {
      setupErrors.set(subject, `setup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const cells: Cell[] = [];
  const results: CellResult[] = [];
  const resultOf = new Map<Cell, CellResult>();
  for (const caseId of CASES) {
    for (const subject of subjects) {
      if (!applies(subject, caseId)) continue;
      const fx = fixtures.get(subject);
      const check = fx ? await checkCase(fx, caseId) : { ok: false, detail: setupErrors.get(subject)! };
      if (!check.ok) log(`  FAIL ${subject.id} ${caseId}: ${check.detail}`);
      for (const concurrency of CONCURRENCIES) {
        const result: CellResult = { subject: subject.id, case: caseId, concurrency, check, count: 0, rounds: [], failures: 0 };
        results.push(result);
        if (!check.ok || !fx) continue;
        const cell: Cell = { fixture: fx, caseId, concurrency, count: 0, rounds: [], cpuRounds: [], failures: 0 };
        cells.push(cell);
        resultOf.set(cell, result);
      }
    }
  }
  const passing = results.filter((r) => r.check.ok && r.concurrency === 1).length;
  log(`checks done (${elapsed()}): ${passing} of ${results.length / 2} cases pass`);

  // 2. crypto.subtle calls per request, in a pass of its own (never while timing).
  for (const cell of cells.filter((c) => c.concurrency === 1 && c.fixture.subject.group !== "baseline")) {
    await runBatch(cell, 4); // warm: keys imported, code paths compiled
    const counts = await countSubtleCalls(async () => {
      await runBatch(cell, COUNTING_REQUESTS);
    });
    const subtle = perRequest(counts, COUNTING_REQUESTS);
    for (const r of results) if (r.subject === cell.fixture.subject.id && r.case === cell.caseId) r.subtle = subtle;
  }
  log(`crypto.subtle counting done (${elapsed()})`);

  if (smoke) {
    // A few hundred requests per case and concurrency (capped in time for the PBKDF2 libraries), each answered 200.
    for (const cell of cells) {
      const batch = cell.concurrency * 2;
      const start = performance.now();
      let done = 0;
      while (done < SMOKE_REQUESTS && performance.now() - start < SMOKE_MS_PER_CELL) {
        await runBatch(cell, batch);
        done += batch;
      }
      resultOf.get(cell)!.count = done;
      resultOf.get(cell)!.failures = cell.failures;
    }
    log(`smoke requests done (${elapsed()})`);
  } else {
    // 3. Calibrated batch sizes, then interleaved rounds.
    for (const cell of cells) {
      await calibrate(cell, { targetMs, minCount: (c: Concurrency) => (c === 1 ? 3 : 32), maxCount: 1600 });
    }
    const perRound = cells.reduce((sum, c) => sum + c.count, 0);
    log(`calibrated (${elapsed()}): ${cells.length} cells, ${perRound} requests per round, ${rounds} rounds`);
    const groups = CASES.flatMap((caseId) =>
      CONCURRENCIES.map((c) => cells.filter((x) => x.caseId === caseId && x.concurrency === c)).filter((g) => g.length > 0),
    );
    await runRounds(groups, 1, () => {}, collectGarbage); // one discarded round: everything hot
    for (const cell of cells) {
      cell.rounds.length = 0;
      cell.cpuRounds.length = 0;
    }
    await runRounds(groups, rounds, (r) => log(`  round ${r + 1}/${rounds} (${elapsed()})`), collectGarbage);

    for (const cell of cells) {
      const result = resultOf.get(cell)!;
      result.count = cell.count;
      result.rounds = cell.rounds.map((x) => Math.round(x * 1000) / 1000);
      result.us = summarize(cell.rounds);
      result.reqPerSec = 1e6 / result.us.median;
      result.failures = cell.failures;
      result.cpuRounds = cell.cpuRounds.map((x) => Math.round(x * 1000) / 1000);
      result.cpu = summarize(cell.cpuRounds);
      // Overhead from per-round differences against the same framework's bare handler.
      const base = cells.find(
        (b) =>
          b.fixture.subject.id === `bare/${cell.fixture.subject.framework}` &&
          b.caseId === cell.caseId &&
          b.concurrency === cell.concurrency,
      );
      if (base && base !== cell) {
        result.overhead = summarize(cell.rounds.map((us, r) => us - base.rounds[r]!));
        result.cpuOverhead = summarize(cell.cpuRounds.map((us, r) => us - base.cpuRounds[r]!));
      }
    }
  }
  await cold.close();

  // 4. Concurrent writers on one session, per server store.
  const writers: WritersResult[] = [];
  const writerStores = await openWriterStores();
  for (const target of writerStores.stores) {
    try {
      writers.push(await measureWriters(target, smoke ? 1 : target.rounds));
    } finally {
      await target.close();
    }
  }
  // A store that cannot start on this runtime (Miniflare on Bun) is listed as not measured, not as a failure.
  for (const m of writerStores.missing)
    writers.push({ id: m.id, label: m.id, ok: false, error: `not measured: ${m.reason}`, rounds: 0, keys: 0, lost: 0, failures: 0 });
  for (const w of writers) {
    const figures =
      w.ratio === undefined
        ? ""
        : `: lone ${w.loneUs!.toFixed(1)} µs, 16 in flight ${w.concurrentUs!.toFixed(1)} µs per request (${w.ratio.toFixed(2)}×)`;
    log(`  writers ${w.id}${figures}, ${w.lost} of ${w.keys} keys lost${w.error ? `, ${w.error}` : ""}`);
  }
  log(`concurrent writers measured (${elapsed()})`);

  // 5. What the building blocks cost here (explains the overheads above).
  let primitives: PrimitiveResult[] = [];
  if (!smoke) {
    primitives = await measurePrimitives(Math.min(rounds, 11), 5);
    log(`primitives measured (${elapsed()})`);
  }

  // 6. Bundle sizes.
  const bundles = flag("no-bundle") !== undefined ? [] : await measureBundles(root);
  log(`bundles measured (${elapsed()})`);

  const report: BenchResults = {
    runtime,
    machine: machineInfo(),
    date: new Date().toISOString(),
    commit,
    hmacPath: hmacPath(),
    mode: smoke ? "smoke" : "full",
    settings: { rounds: smoke ? 0 : rounds, targetMs, poolSize: 32, countingRequests: COUNTING_REQUESTS },
    durationSeconds: Math.round((performance.now() - started) / 1000),
    load: { start: loadAtStart, end: load() },
    subjects: subjects.map((s) => ({
      id: s.id,
      label: s.label,
      group: s.group,
      framework: s.framework,
      explicit: s.explicit,
      notes: s.notes,
    })),
    missing: loaded.missing,
    cells: results,
    bundles,
    primitives,
    writers,
    targets: [],
  };
  report.targets = evaluateTargets(report);

  const problems: string[] = [];
  for (const m of loaded.missing) problems.push(`${m.id} could not be loaded: ${m.reason}`);
  for (const r of results) {
    if (!r.check.ok && r.concurrency === 1) problems.push(`${r.subject} ${r.case}: ${r.check.detail}`);
    if (r.failures > 0) problems.push(`${r.subject} ${r.case} c=${r.concurrency}: ${r.failures} non-200 responses`);
  }
  for (const b of bundles) if (!b.ok) problems.push(`bundle ${b.id}: ${b.error}`);
  for (const w of writers) if (!w.ok && w.rounds > 0) problems.push(`concurrent writers, ${w.id}: ${w.error}`);

  if (smoke) {
    for (const r of results.filter((x) => x.concurrency === 1)) {
      const subtle = r.subtle ? `crypto.subtle/request ${r.subtle.total}` : "";
      log(`  ${r.check.ok ? "ok  " : "FAIL"} ${r.subject.padEnd(44)} ${r.case.padEnd(12)} ${subtle} ${r.check.detail}`);
    }
  } else {
    const suffix = suffixOf(runtime.name);
    writeReports(root, report);
    log(`wrote results/results${suffix}.md, results${suffix}.json, chart${suffix}.svg, readme-snippet${suffix}.md`);
    for (const t of report.targets.filter((x) => x.headline)) {
      const c = t.concurrency ? ` (c=${t.concurrency})` : "";
      log(`  ${t.pass ? "PASS" : "FAIL"} ${t.target}${c}: ${t.value.toFixed(2)} ${t.unit} (limit ${t.limit.toFixed(2)})`);
    }
  }
  for (const p of problems) log(`  problem: ${p}`);
  log(`done in ${elapsed()}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

function suffixOf(runtime: BenchResults["runtime"]["name"]): string {
  return runtime === "node" ? "" : `-${runtime}`;
}

/** results<suffix>.json and .md, chart<suffix>.svg and readme-snippet<suffix>.md under results/. */
function writeReports(root: string, report: BenchResults): void {
  const dir = join(root, "results");
  mkdirSync(dir, { recursive: true });
  const suffix = suffixOf(report.runtime.name);
  writeFileSync(join(dir, `results${suffix}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, `chart${suffix}.svg`), renderChart(report));
  writeFileSync(join(dir, `results${suffix}.md`), renderMarkdown(report, { bundleMethod: BUNDLE_METHOD, chartFile: `chart${suffix}.svg` }));
  // The data for the root README's Performance section, ready to paste.
  writeFileSync(join(dir, `readme-snippet${suffix}.md`), renderReadmeSnippet(report, `apps/bench/results/chart${suffix}.svg`));
}
