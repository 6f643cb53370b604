import { describe, expect, it } from "vitest";
import { formatPrice } from "../../src/catalog.ts";
import { formatDuration, REMEMBER_SECONDS, shortId } from "../../src/format.ts";

describe("formatting", () => {
  it("writes durations in at most two units", () => {
    expect(formatDuration(REMEMBER_SECONDS)).toBe("30 days");
    expect(formatDuration(1_209_600)).toBe("14 days");
    expect(formatDuration(90_061)).toBe("1 day 1 hour");
    expect(formatDuration(5_400)).toBe("1 hour 30 minutes");
    expect(formatDuration(1)).toBe("1 second");
    expect(formatDuration(0)).toBe("now");
  });

  it("shortens ids to 8 characters", () => {
    expect(shortId("0123456789abcdef")).toBe("01234567…");
    expect(shortId("abc")).toBe("abc");
  });

  it("formats prices", () => {
    expect(formatPrice(320)).toBe("€3.20");
  });
});
