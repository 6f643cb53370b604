import { type CaseId, CONCURRENCIES, SHORT_LABELS } from "../cases.ts";
import type { BenchResults } from "../results.ts";
import { us } from "./format.ts";

/** The cases drawn, with their colours (distinguishable in colour-blind palettes). */
const SERIES: { caseId: CaseId; color: string }[] = [
  { caseId: "read", color: "#0072b2" },
  { caseId: "rw", color: "#e69f00" },
  { caseId: "first-write", color: "#009e73" },
  { caseId: "tampered", color: "#cc79a7" },
];

const LABEL_W = 340;
const PANEL_W = 340;
const GAP = 56;
const TOP = 64;
const BAR_H = 8;
const ROW_PAD = 12;
const FLOOR = 1; // µs: the log axis starts here; smaller or negative overheads are drawn at the floor

/**
 * A hand-written SVG: per library, the overhead over a bare handler of four
 * cases, one panel per concurrency, on a log scale (the libraries span
 * four orders of magnitude).
 */
export function renderChart(r: BenchResults): string {
  const libraries = r.subjects.filter((s) => s.group !== "baseline");
  const value = (subject: string, caseId: CaseId, c: number): number | undefined =>
    r.cells.find((x) => x.subject === subject && x.case === caseId && x.concurrency === c)?.overhead?.median;
  let max = 10;
  for (const s of libraries)
    for (const { caseId } of SERIES) for (const c of CONCURRENCIES) max = Math.max(max, value(s.id, caseId, c) ?? 0);
  const decades = Math.ceil(Math.log10(max / FLOOR));
  const x = (v: number): number => (Math.log10(Math.max(v, FLOOR) / FLOOR) / decades) * PANEL_W;

  const rowH = SERIES.length * BAR_H + ROW_PAD;
  const height = TOP + libraries.length * rowH + 56;
  const width = LABEL_W + CONCURRENCIES.length * (PANEL_W + GAP) + 40;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600">Session overhead per request over a bare handler (wall-clock µs, log scale, lower is better)</text>`,
    `<text x="12" y="40" fill="#555">${esc(`${r.runtime.name} ${r.runtime.version} · ${r.machine.cpu} · ${r.settings.rounds} interleaved rounds · median of rounds · ${r.date.slice(0, 10)}`)}</text>`,
  );

  CONCURRENCIES.forEach((c, p) => {
    const left = LABEL_W + p * (PANEL_W + GAP);
    const bottom = TOP + libraries.length * rowH;
    out.push(`<text x="${left}" y="${TOP - 8}" font-weight="600">${c === 1 ? "1 request in flight" : `${c} requests in flight`}</text>`);
    for (let d = 0; d <= decades; d++) {
      const tx = left + (d / decades) * PANEL_W;
      const tick = FLOOR * 10 ** d;
      out.push(
        `<line x1="${tx}" y1="${TOP}" x2="${tx}" y2="${bottom}" stroke="#ddd"/>`,
        `<text x="${tx}" y="${bottom + 14}" text-anchor="middle" fill="#555">${tick >= 1 ? tick.toLocaleString("en-US") : tick}</text>`,
      );
    }
    libraries.forEach((s, i) => {
      const y0 = TOP + i * rowH + ROW_PAD / 2;
      SERIES.forEach(({ caseId, color }, k) => {
        const v = value(s.id, caseId, c);
        const y = y0 + k * BAR_H;
        if (v === undefined) {
          const cellResult = r.cells.find((x) => x.subject === s.id && x.case === caseId && x.concurrency === c);
          const why = cellResult && !cellResult.check.ok ? "check failed" : "n/a";
          out.push(`<text x="${left + 2}" y="${y + BAR_H - 1}" font-size="8" fill="#999">${why}</text>`);
          return;
        }
        const w = Math.max(1, x(v));
        out.push(
          `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H - 1}" fill="${color}"><title>${esc(`${s.label} — ${SHORT_LABELS[caseId]}, c=${c}: ${us(v)} µs`)}</title></rect>`,
          `<text x="${(left + w + 3).toFixed(1)}" y="${y + BAR_H - 1}" font-size="8" fill="#333">${esc(us(v))}</text>`,
        );
      });
    });
    out.push(`<text x="${left + PANEL_W / 2}" y="${bottom + 30}" text-anchor="middle" fill="#555">µs over bare handler</text>`);
  });

  libraries.forEach((s, i) => {
    const y = TOP + i * rowH + ROW_PAD / 2 + (SERIES.length * BAR_H) / 2 + 4;
    const weight = s.group === "edge-session" ? ` font-weight="600"` : "";
    out.push(`<text x="${LABEL_W - 10}" y="${y}" text-anchor="end"${weight}>${esc(s.label)}</text>`);
  });

  const legendY = height - 14;
  SERIES.forEach(({ caseId, color }, k) => {
    const lx = LABEL_W + k * 120;
    out.push(
      `<rect x="${lx}" y="${legendY - 9}" width="10" height="10" fill="${color}"/>`,
      `<text x="${lx + 14}" y="${legendY}">${esc(SHORT_LABELS[caseId])}</text>`,
    );
  });
  out.push("</svg>", "");
  return out.join("\n");
}

function esc(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}
