import { describe, expect, it } from "vitest";
import { formatExpiresAt, packRecord, parseRecord, ttlMs } from "./record.ts";

describe("record format", () => {
  it("round-trips value, version and expiresAt exactly", () => {
    for (const value of ["", "{}", '{"a":1}', "7", "null", '"s"', "a:b:c", "ünïcødé ✓ 🎉", "\n\r\0"]) {
      const raw = packRecord(value, 42, 1_763_000_000_123);
      expect(parseRecord(raw)).toEqual({ value, version: 42, expiresAt: 1_763_000_000_123 });
    }
  });

  it("is never valid JSON, so the client's automatic deserialization leaves it alone", () => {
    for (const value of ["", "1", "{}", "[1]", '"x"']) {
      expect(() => JSON.parse(packRecord(value, 1, 0))).toThrow(SyntaxError);
    }
  });

  it("keeps the expiry header a fixed 15 digits so touch can overwrite it in place", () => {
    expect(formatExpiresAt(0)).toBe("000000000000000");
    expect(formatExpiresAt(1_763_000_000_123)).toBe("001763000000123");
    expect(packRecord("v", 1, 5).indexOf(":")).toBe(15);
  });

  it("refuses expiries and versions it could not store exactly", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e15]) {
      expect(() => formatExpiresAt(bad)).toThrow(RangeError);
    }
    expect(() => packRecord("v", 0, 1)).toThrow(RangeError);
    expect(() => packRecord("v", 1.5, 1)).toThrow(RangeError);
  });

  it("treats anything it did not write as absent", () => {
    for (const raw of [null, undefined, 7, { a: 1 }, "", "plain", "12:1:v", "000000000000001:x:v", "000000000000001:1"]) {
      expect(parseRecord(raw)).toBeNull();
    }
  });
});

describe("ttlMs", () => {
  it("is relative, rounded up, and never below 1 ms (PX 0 is an error)", () => {
    expect(ttlMs(10_000, 4_000)).toBe(6_000);
    expect(ttlMs(10_000.2, 10_000)).toBe(1);
    expect(ttlMs(5, 10)).toBe(1);
  });
});
