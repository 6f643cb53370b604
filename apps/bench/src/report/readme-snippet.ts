import type { CaseId } from "../cases.ts";
import type { BenchResults } from "../results.ts";
import { cell, signedUs } from "./format.ts";

/**
 * The compact table for the root README's Performance section: one row per
 * library, overheads with one request in flight (where the WebCrypto thread
 * hop shows) and with 16, calls per read and per write, and bundle size.
 */
export function renderReadmeSnippet(r: BenchResults, chartPath: string): string {
  const over = (subject: string, caseId: CaseId, c: 1 | 16): string => {
    const x = r.cells.find((y) => y.subject === subject && y.case === caseId && y.concurrency === c);
    if (!x) return "n/a";
    return x.check.ok ? signedUs(x.overhead?.median) : "FAIL";
  };
  const calls = (subject: string, caseId: CaseId): string =>
    String(r.cells.find((y) => y.subject === subject && y.case === caseId && y.concurrency === 1)?.subtle?.total ?? "–");
  const bundleOf: Record<string, string> = {
    "edge-session/fetch+cookieStore()": "edge-session/signed",
    "edge-session/fetch+encryptedCookieStore()": "edge-session/encrypted",
    "edge-session/fetch+memoryStore()": "edge-session/memory",
    "edge-session/hono+cookieStore()": "edge-session/hono",
    "peer/react-router": "peer/react-router",
    "peer/@hono/session": "peer/@hono/session",
    "peer/iron-session": "peer/iron-session",
    "peer/hono-sessions": "peer/hono-sessions",
    "peer/h3": "peer/h3",
  };
  const size = (subject: string): string => {
    const b = r.bundles.find((x) => x.id === bundleOf[subject]);
    if (!b?.gzipped) return "";
    const own = b.gzippedOverFramework !== undefined ? ` (${(b.gzippedOverFramework / 1024).toFixed(1)} over the framework)` : "";
    return `${(b.gzipped / 1024).toFixed(1)} KB${own}`;
  };
  const lines = [
    `µs per request over a bare handler (median of ${r.settings.rounds} interleaved rounds, ${r.runtime.name} ${r.runtime.version}, ` +
      `${r.machine.cores} cores, ${r.date.slice(0, 10)}, commit ${r.commit ?? "unknown"}); \`crypto.subtle\` calls per request; Worker bundle, minified + gzipped.`,
    "",
    "| library | read | cold read | read + write | tampered | first write | read, 16 in flight | read + write, 16 in flight | WebCrypto calls read / write | bundle |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
  ];
  for (const s of r.subjects.filter((x) => x.group !== "baseline")) {
    lines.push(
      `| ${cell(s.label)} | ${over(s.id, "read", 1)} | ${s.group === "peer" ? "= read" : over(s.id, "read-cold", 1)} | ${over(s.id, "rw", 1)} | ${over(s.id, "tampered", 1)} | ${over(s.id, "first-write", 1)} | ` +
        `${over(s.id, "read", 16)} | ${over(s.id, "rw", 16)} | ${calls(s.id, "read")} / ${calls(s.id, "rw")} | ${size(s.id)} |`,
    );
  }
  const label = (id: string): string => r.subjects.find((s) => s.id === id)?.label ?? id;
  const fmt = (value: number, unit: string): string =>
    unit === "×"
      ? `${value.toFixed(2)}×`
      : unit === "B gz"
        ? `${Math.round(value).toLocaleString("en-US")} B`
        : `${value.toFixed(1)} ${unit}`;
  lines.push(
    "",
    `Targets (issue 14), from the same run; HMAC-SHA256 path on this runtime: \`${r.hmacPath ?? "?"}\`. Cold-path limits are multiples of the synchronous reference's overhead.`,
    "",
    "| subject | target | in flight | value | limit | verdict |",
    "|---|---|---:|---:|---:|---|",
  );
  for (const t of r.targets.filter((x) => x.headline)) {
    lines.push(
      `| ${cell(label(t.subject))} | ${cell(t.target)} | ${t.concurrency ?? ""} | ${fmt(t.value, t.unit)} | ${fmt(t.limit, t.unit)} | ${t.pass ? "PASS" : "**FAIL**"} |`,
    );
  }
  lines.push(
    "",
    `![overhead per request](${chartPath})`,
    "",
    "Reproduce with `npx -y pnpm@10.34.8 bench` (Node) or `npx -y pnpm@10.34.8 bench:bun`; full tables, the concurrent-writers table and the bundle composition in apps/bench/results/.",
    "",
  );
  return lines.join("\n");
}
