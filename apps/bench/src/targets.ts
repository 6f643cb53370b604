import type { CaseId, Concurrency } from "./cases.ts";
import type { BenchResults, CellResult, TargetResult } from "./results.ts";

const RR = "peer/react-router";
/** The subject the targets are about: withSession + the signed cookie store. */
export const HEADLINE = "edge-session/fetch+cookieStore()";

/** Noise allowance for "tampered ≤ valid": both sides are medians of noisy rounds. */
export const TAMPER_TOLERANCE = { relative: 0.05, absoluteUs: 0.5 };

/**
 * Evaluates the targets for every edge-session subject, with ratios
 * from this run only. Overheads compare like with like: each library's
 * µs over its own framework's bare handler.
 */
export function evaluateTargets(results: Pick<BenchResults, "cells" | "bundles" | "subjects">): TargetResult[] {
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
    const headline = s.id === HEADLINE;
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
  const size = (id: string, limit: number, name: string): void => {
    const bundle = results.bundles.find((b) => b.id === id);
    if (bundle?.gzipped === undefined) return;
    out.push({ target: name, subject: id, value: bundle.gzipped, limit, unit: "B gz", pass: bundle.gzipped <= limit, headline: true });
  };
  size("edge-session/signed", 3 * 1024, "core + fetch + signed cookie ≤ 3 KB gzipped");
  size("edge-session/encrypted", 6 * 1024, "core + fetch + encrypted cookie ≤ 6 KB gzipped");
  return out;
}
