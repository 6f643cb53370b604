import { describe, expect, it } from "vitest";
import { median, quantile, summarize } from "./stats.ts";

describe("stats", () => {
  it("interpolates quantiles between order statistics", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10], 0.75)).toBe(10);
    expect(Number.isNaN(median([]))).toBe(true);
  });
  it("summarizes round values without reordering the input", () => {
    const rounds = [5, 1, 9, 3, 7];
    expect(summarize(rounds)).toEqual({ median: 5, p25: 3, p75: 7, min: 1, max: 9 });
    expect(rounds).toEqual([5, 1, 9, 3, 7]);
  });
});
