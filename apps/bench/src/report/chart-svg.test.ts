import { describe, expect, it } from "vitest";
import type { BenchResults } from "../results.ts";
import { renderChart } from "./chart-svg.ts";

const summary = (median: number) => ({ median, p25: median, p75: median, min: median, max: median });

function results(): BenchResults {
  return {
    runtime: { name: "node", version: "20" },
    machine: { cpu: "cpu", cores: 2, platform: "linux" },
    date: "2026-01-01T00:00:00.000Z",
    mode: "full",
    settings: { rounds: 3, targetMs: 10, poolSize: 32, countingRequests: 16 },
    durationSeconds: 1,
    load: { start: 0, end: 0 },
    subjects: [
      { id: "bare/fetch", label: "bare", group: "baseline", framework: "fetch", explicit: false },
      { id: "a", label: "Lib <A> & co", group: "edge-session", framework: "fetch", explicit: false },
      { id: "b", label: "Lib B", group: "peer", framework: "fetch", explicit: true },
    ],
    missing: [],
    cells: [
      {
        subject: "a",
        case: "read",
        concurrency: 1,
        check: { ok: true, detail: "" },
        count: 1,
        rounds: [],
        failures: 0,
        overhead: summary(5),
      },
      {
        subject: "b",
        case: "read",
        concurrency: 1,
        check: { ok: true, detail: "" },
        count: 1,
        rounds: [],
        failures: 0,
        overhead: summary(5000),
      },
      { subject: "b", case: "rw", concurrency: 1, check: { ok: false, detail: "broken" }, count: 0, rounds: [], failures: 0 },
    ],
    bundles: [],
    primitives: [],
    targets: [],
  };
}

describe("renderChart", () => {
  it("draws one labelled row per library, escaped, with a log axis reaching the largest value", () => {
    const svg = renderChart(results());
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Lib &lt;A&gt; &amp; co");
    expect(svg).toContain(">Lib B<");
    expect(svg).not.toContain(">bare<"); // baselines are what the bars are measured against, not bars
    expect(svg).toContain(">10,000<");
    expect(svg).toContain("check failed");
  });
  it("makes a 1000× larger overhead a longer bar", () => {
    const svg = renderChart(results());
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="7"/g)].map((m) => Number(m[1]));
    expect(widths.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...widths)).toBeGreaterThan(Math.min(...widths) * 3);
  });
});
