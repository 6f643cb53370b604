import type { CaseId, Concurrency } from "./cases.ts";
import type { BenchResults, CellResult, TargetResult } from "./results.ts";

const RR = "peer/react-router";
/** The floor: a minimal synchronous HMAC-SHA256 cookie codec (subjects/sync-reference.ts). */
export const REFERENCE = "reference/sync-hmac";
/** The subject the cookie targets are about: withSession + the signed cookie store. */
export const HEADLINE = "edge-session/fetch+cookieStore()";
/** The set-ups the cold-path targets are judged on: the signed cookie store and a server store. */
export const HEADLINES: readonly string[] = [HEADLINE, "edge-session/fetch+memoryStore()"];
/** Cold-path limit: overhead ≤ this many times the synchronous reference's, same case, same run. */
export const FLOOR_FACTOR = 2;
/** Concurrent writers: per-request cost of 16 writers on one session ≤ this many times a lone writer's. */
export const WRITERS_FACTOR = 3;

/** Noise allowance for "tampered ≤ valid": both sides are medians of noisy rounds. */
export const TAMPER_TOLERANCE = { relative: 0.05, absoluteUs: 0.5 };

/**
 * Evaluates the targets for every edge-session subject, with ratios
 * from this run only. Overheads compare like with like: each library's
 * µs over its own framework's bare handler.
 */
export function evaluateTargets(results: Pick<BenchResults, "cells" | "bundles" | "subjects" | "writers">): TargetResult[] {
  const out: TargetResult[] = [];
  const cell = (subject: string, caseId: CaseId, c: Concurrency): CellResult | undefined =>
    results.cells.find((x) => x.subject === subject && x.case === caseId && x.concurrency === c);
  const over = (subject: string, caseId: CaseId, c: Concurrency): number | undefined => cell(subject, caseId, c)?.overhead?.median;
  const cpuOver = (subject: string, caseId: CaseId, c: Concurrency): number | undefined => cell(subject, caseId, c)?.cpuOverhead?.median;
  const calls = (subject: string, caseId: CaseId): string => {
    const subtle = cell(subject, caseId, 1)?.subtle;
    return subtle ? (subtle.total === 0 ? "no crypto.subtle call" : subtle.detail) : "?";
  };

  for (const s of results.subjects.filter((x) => x.group === "edge-session")) {
    const headline = false; // the earlier issues' targets, kept for comparison; the cold-path ones below are the headline
    for (const c of [1, 16] as const) {
      for (const [caseId, name] of [
        ["first-write", "new visitor"],
        ["read-cold", "cold read"],
        ["rw", "read + write"],
      ] as const) {
        const mine = over(s.id, caseId, c);
        const floor = over(REFERENCE, caseId, c);
        if (mine === undefined || floor === undefined || floor <= 0) continue;
        const cpuMine = cpuOver(s.id, caseId, c);
        const cpuFloor = cpuOver(REFERENCE, caseId, c);
        const cpu =
          cpuMine !== undefined && cpuFloor !== undefined && cpuFloor > 0
            ? { value: cpuMine / cpuFloor, limit: FLOOR_FACTOR, pass: cpuMine / cpuFloor <= FLOOR_FACTOR }
            : undefined;
        out.push({
          target: `${name} overhead ≤ ${FLOOR_FACTOR}× the synchronous reference's`,
          subject: s.id,
          concurrency: c,
          value: mine / floor,
          limit: FLOOR_FACTOR,
          unit: "×",
          pass: mine / floor <= FLOOR_FACTOR,
          headline: HEADLINES.includes(s.id),
          cpu,
          note: `${signed(mine)} µs vs the reference's ${signed(floor)} µs; ${calls(s.id, caseId)}`,
        });
      }
    }
    for (const c of [1, 16] as const) {
      const ratio = (caseId: CaseId, limit: number, name: string): void => {
        const mine = over(s.id, caseId, c);
        const theirs = over(RR, caseId, c);
        if (mine === undefined || theirs === undefined) return;
        const value = mine / theirs;
        const cpuMine = cpuOver(s.id, caseId, c);
        const cpuTheirs = cpuOver(RR, caseId, c);
        const cpu =
          cpuMine !== undefined && cpuTheirs ? { value: cpuMine / cpuTheirs, limit, pass: cpuMine / cpuTheirs <= limit } : undefined;
        const note = `${calls(s.id, caseId)} vs React Router's ${calls(RR, caseId)}`;
        out.push({ target: name, subject: s.id, concurrency: c, value, limit, unit: "×", pass: value <= limit, headline, cpu, note });
      };
      ratio("read", 0.5, "read overhead ≤ 0.5× React Router's");
      ratio("rw", 0.6, "read+write overhead ≤ 0.6× React Router's");

      const tampered = cell(s.id, "tampered", c)?.us?.median;
      const coldCell = cell(s.id, "read-cold", c);
      const valid = coldCell?.us?.median ?? cell(s.id, "read", c)?.us?.median;
      // memoryStore has no cold read (its ids are memoized when issued): the warm read is all there is to compare with.
      const tamperTarget = coldCell ? "tampered ≤ valid (cold) read" : "tampered ≤ valid read (warm: no cold read exists)";
      const cpuTampered = cell(s.id, "tampered", c)?.cpu?.median;
      const cpuValid = cell(s.id, "read-cold", c)?.cpu?.median ?? cell(s.id, "read", c)?.cpu?.median;
      const allowance = (v: number): number => v * (1 + TAMPER_TOLERANCE.relative) + TAMPER_TOLERANCE.absoluteUs;
      if (tampered !== undefined && valid !== undefined) {
        const limit = allowance(valid);
        const cpu =
          cpuTampered !== undefined && cpuValid !== undefined
            ? { value: cpuTampered, limit: allowance(cpuValid), pass: cpuTampered <= allowance(cpuValid) }
            : undefined;
        out.push({
          target: tamperTarget,
          subject: s.id,
          concurrency: c,
          value: tampered,
          limit,
          unit: "µs",
          pass: tampered <= limit,
          headline,
          cpu,
          note: `tampered: ${calls(s.id, "tampered")}; valid: ${calls(s.id, coldCell ? "read-cold" : "read")}`,
        });
      }
      const untouched = over(s.id, "untouched", c);
      if (untouched !== undefined) {
        const cpuUntouched = cpuOver(s.id, "untouched", c);
        const cpu = cpuUntouched !== undefined ? { value: cpuUntouched, limit: 2, pass: cpuUntouched <= 2 } : undefined;
        out.push({
          target: "untouched overhead ≤ 2 µs",
          subject: s.id,
          concurrency: c,
          value: untouched,
          limit: 2,
          unit: "µs",
          pass: untouched <= 2,
          headline,
          cpu,
        });
      }
    }
  }
  const size = (id: string, limit: number, name: string, headline: boolean): void => {
    const bundle = results.bundles.find((b) => b.id === id);
    if (bundle?.gzipped === undefined) return;
    out.push({ target: name, subject: id, value: bundle.gzipped, limit, unit: "B gz", pass: bundle.gzipped <= limit, headline });
  };
  const rr = results.bundles.find((b) => b.id === RR)?.gzipped;
  if (rr !== undefined) size("edge-session/signed", 2 * rr, "withSession + signed cookieStore() Worker ≤ 2× React Router's, gzipped", true);
  size("edge-session/encrypted", 6 * 1024, "core + fetch + encrypted cookie ≤ 6 KB gzipped", false);
  for (const w of results.writers ?? []) {
    if (!w.ok || w.ratio === undefined) continue;
    out.push({
      target: `16 writers on one session ≤ ${WRITERS_FACTOR}× a lone writer's per-request cost, 0 keys lost`,
      subject: w.label,
      value: w.ratio,
      limit: WRITERS_FACTOR,
      unit: "×",
      pass: w.ratio <= WRITERS_FACTOR && w.lost === 0,
      headline: true,
      note: `${w.concurrentUs!.toFixed(1)} µs vs ${w.loneUs!.toFixed(1)} µs per request; ${w.lost} of ${w.keys} keys lost`,
    });
  }
  return out;
}

function signed(us: number): string {
  return `${us >= 0 ? "+" : ""}${us.toFixed(1)}`;
}
