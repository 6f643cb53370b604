import { buildRequest, type CaseId, type Concurrency, type Fixture } from "./cases.ts";

/** One timed combination: a subject, a case, a number of requests in flight. */
export interface Cell {
  readonly fixture: Fixture;
  readonly caseId: CaseId;
  readonly concurrency: Concurrency;
  /** Requests per round, fixed after calibration so every round does the same work. */
  count: number;
  /** µs per request, one value per round. */
  readonly rounds: number[];
  /** Responses that were not 200 while timing (must stay 0). */
  failures: number;
  /** Runs before a batch's requests are built, outside the clock (read-cold tops up its fresh cookies here). */
  prepare?: (count: number) => Promise<void>;
}

/**
 * Runs `cell.count` requests with `cell.concurrency` of them in flight and
 * returns the wall time per request in µs. The requests are built before the
 * clock starts, so Request construction is not part of any measurement.
 */
export async function runBatch(cell: Cell, count = cell.count): Promise<number> {
  const { fixture, caseId, concurrency } = cell;
  await cell.prepare?.(count);
  const requests: Request[] = new Array(count);
  for (let i = 0; i < count; i++) requests[i] = buildRequest(fixture, caseId, i);
  const fetch = fixture.subject.fetch;
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const response = await fetch(requests[i]!);
      if (response.status !== 200) failures++;
    }
  };
  const start = performance.now();
  if (concurrency === 1) await worker();
  else await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  cell.failures += failures;
  return (elapsed * 1000) / count;
}

export interface CalibrationLimits {
  /** Aim for batches of about this long. */
  targetMs: number;
  minCount: (concurrency: Concurrency) => number;
  maxCount: number;
}

/**
 * Picks the number of requests per batch so that a batch takes about
 * `targetMs`: fast libraries run many requests per round, slow ones (PBKDF2
 * per request) few, and every library still gets the same number of rounds.
 */
export async function calibrate(cell: Cell, limits: CalibrationLimits): Promise<void> {
  const min = limits.minCount(cell.concurrency);
  let count = min;
  let us = await runBatch(cell, count); // first contact: JIT warm-up, key imports
  for (let i = 0; i < 4; i++) {
    us = await runBatch(cell, count);
    if (us * count >= 5000 || count >= limits.maxCount) break;
    count = Math.min(limits.maxCount, Math.max(count * 4, Math.ceil(5000 / Math.max(us, 0.01))));
  }
  // The fastest of three: on a busy machine a single batch can be inflated many times over.
  us = Math.min(us, await runBatch(cell, count), await runBatch(cell, count));
  const wanted = Math.ceil((limits.targetMs * 1000) / Math.max(us, 0.01));
  const step = cell.concurrency;
  cell.count = Math.ceil(Math.min(limits.maxCount, Math.max(min, wanted)) / step) * step;
}

/**
 * Interleaved rounds: in every round each (case, concurrency) group runs all
 * of its subjects back to back, starting at a different subject each round,
 * so slow drift (thermal, GC, other tenants) lands on every library alike
 * and a bare handler is always measured next to the libraries it is
 * subtracted from.
 */
export async function runRounds(
  groups: Cell[][],
  rounds: number,
  onRound: (round: number) => void,
  beforeGroup?: () => void,
): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    for (const group of groups) {
      beforeGroup?.();
      for (let k = 0; k < group.length; k++) {
        const cell = group[(k + r) % group.length]!;
        cell.rounds.push(await runBatch(cell));
      }
    }
    onRound(r);
  }
}
