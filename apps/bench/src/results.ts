import type { BundleResult } from "./bundle-size.ts";
import type { CaseId, Concurrency } from "./cases.ts";
import type { CheckResult } from "./checks.ts";
import type { PrimitiveResult } from "./primitives.ts";
import type { Summary } from "./stats.ts";
import type { Framework, Subject } from "./subjects/types.ts";
import type { WritersResult } from "./writers.ts";

/** Everything one run produced; results.json is this object. */
export interface BenchResults {
  runtime: { name: "node" | "bun"; version: string };
  machine: { cpu: string; cores: number; platform: string };
  date: string;
  /** The git commit measured ("+changes": packages/ had uncommitted changes). */
  commit?: string;
  /** Which HMAC-SHA256 implementation core chose on this runtime (see core's hmac-runtime.ts). */
  hmacPath?: string;
  mode: "full" | "smoke";
  settings: { rounds: number; targetMs: number; poolSize: number; countingRequests: number };
  durationSeconds: number;
  /** 1-minute load average at the start and the end of the run (0 on platforms without one). */
  load: { start: number; end: number };
  subjects: SubjectInfo[];
  missing: { id: string; reason: string }[];
  cells: CellResult[];
  bundles: BundleResult[];
  /** What single operations cost on this runtime (full runs only). */
  primitives: PrimitiveResult[];
  /** 16 writers on one session against a lone writer, per server store (absent in runs before it existed). */
  writers?: WritersResult[];
  targets: TargetResult[];
}

export interface SubjectInfo {
  id: string;
  label: string;
  group: Subject["group"];
  framework: Framework;
  explicit: boolean;
  notes?: string;
}

export interface CellResult {
  subject: string;
  case: CaseId;
  concurrency: Concurrency;
  /** Correctness before timing; a failed check means no timing. */
  check: CheckResult;
  /** Requests per round. */
  count: number;
  /** µs per request, per round. */
  rounds: number[];
  us?: Summary;
  reqPerSec?: number;
  /** µs per request over the bare handler of the same framework, from per-round differences. */
  overhead?: Summary;
  /** CPU µs per request (whole process), per round. */
  cpuRounds?: number[];
  cpu?: Summary;
  /** CPU µs per request over the bare handler, from per-round differences. */
  cpuOverhead?: Summary;
  /** crypto.subtle calls per request (separate counting pass, one request in flight). */
  subtle?: { total: number; detail: string };
  /** Non-200 responses while timing. */
  failures: number;
}

export interface TargetResult {
  /** e.g. "read overhead ≤ 0.5× React Router's". */
  target: string;
  subject: string;
  concurrency?: Concurrency;
  value: number;
  limit: number;
  unit: string;
  pass: boolean;
  /** What the two sides await, e.g. "sign 1, verify 1 vs importKey 2, sign 1, verify 1". */
  note?: string;
  /** The same target judged on CPU time instead of wall-clock time (timing targets only). */
  cpu?: { value: number; limit: number; pass: boolean };
  /** The official check for the issue (headline subject), or an informational one. */
  headline: boolean;
}
