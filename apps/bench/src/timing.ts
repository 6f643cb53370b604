import { buildRequest, type CaseId, type Concurrency, type Fixture } from "./cases.ts";
import { collectYoung } from "./runtime.ts";

/** One timed combination: a subject, a case, a number of requests in flight. */
export interface Cell {
  readonly fixture: Fixture;
  readonly caseId: CaseId;
  readonly concurrency: Concurrency;
  /** Requests per round, fixed after calibration so every round does the same work. */
  count: number;
  /** Wall-clock µs per request, one value per round. */
  readonly rounds: number[];
  /** CPU µs per request (this process, all threads: JS, GC, the crypto thread pool), one value per round. */
  readonly cpuRounds: number[];
  /** Responses that were not 200 while timing (must stay 0). */
  failures: number;
}

/** One batch's cost per request. */
export interface BatchTime {
  /** Wall-clock µs per request: what a caller waits, thread-pool hops included. */
  wall: number;
  /**
   * CPU µs per request of the whole process (getrusage: every thread, so
   * WebCrypto work on Node's thread pool counts too). Time spent waiting for
   * a core that another process holds does not count, which makes it the
   * steadier figure on a shared machine — and CPU time is what Workers bill.
   */
  cpu: number;
}

/**
 * Runs `count` requests with `cell.concurrency` of them in flight. The
 * requests are built before the clock starts, so Request construction is not
 * part of any measurement.
 */
export async function runBatch(cell: Cell, count = cell.count): Promise<BatchTime> {
  const { fixture, caseId, concurrency } = cell;
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
  collectYoung();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  if (concurrency === 1) await worker();
  else await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  cell.failures += failures;
  return { wall: (elapsed * 1000) / count, cpu: (cpu.user + cpu.system) / count };
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
  const targetUs = limits.targetMs * 1000;
  await runBatch(cell, min); // first contact: JIT warm-up, key imports
  let count = min;
  let us = (await runBatch(cell, count)).wall;
  // Grow until a batch lasts long enough to estimate from (slow libraries stop at once).
  while (us * count < Math.min(5000, targetUs) && count < limits.maxCount) {
    count = Math.min(limits.maxCount, Math.max(count * 4, Math.ceil(5000 / Math.max(us, 0.01))));
    us = (await runBatch(cell, count)).wall;
  }
  // The fastest of two: on a busy machine a single batch can be inflated many times over.
  if (us * count < targetUs) us = Math.min(us, (await runBatch(cell, count)).wall);
  const wanted = Math.ceil(targetUs / Math.max(us, 0.01));
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
        const time = await runBatch(cell);
        cell.rounds.push(time.wall);
        cell.cpuRounds.push(time.cpu);
      }
    }
    onRound(r);
  }
}
