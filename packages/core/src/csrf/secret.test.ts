import { describe, expect, test, vi } from "vitest";
import { CSRF_ALLOWED_CHARS, hasCsrfFormat, newCsrfSecret, randomCsrfString } from "./secret.ts";

describe("newCsrfSecret", () => {
  test("is 32 characters of [A-Za-z0-9], different every time", () => {
    const secrets = new Set(Array.from({ length: 200 }, newCsrfSecret));
    expect(secrets.size).toBe(200);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  test("Django's alphabet order: ascii_letters (lower, then upper), then digits", () => {
    expect(CSRF_ALLOWED_CHARS).toBe("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  });

  test("bytes from 248 up are rejected, so every character is equally likely (no modulo bias)", () => {
    // Feed 248..255 (which `% 62` would map onto a..h) then 0..: only the unbiased bytes are used.
    const spy = vi.spyOn(crypto, "getRandomValues").mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array;
      for (let i = 0; i < bytes.length; i++) bytes[i] = i < 8 ? 248 + i : (i - 8) % 248;
      return array;
    });
    try {
      expect(randomCsrfString(4)).toBe("abcd"); // 0, 1, 2, 3: the eight high bytes were skipped
    } finally {
      spy.mockRestore();
    }
  });

  test("characters are spread evenly over the alphabet", () => {
    const counts = new Map<string, number>();
    const text = randomCsrfString(62 * 3000);
    for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 3000 expected per character (σ ≈ 55); `byte % 62` would give a..h 5/4 the weight (≈ 3630 each).
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(2700);
      expect(n).toBeLessThan(3300);
    }
  });
});

test("hasCsrfFormat checks length and alphabet", () => {
  expect(hasCsrfFormat("a".repeat(32), 32)).toBe(true);
  expect(hasCsrfFormat("a".repeat(31), 32)).toBe(false);
  expect(hasCsrfFormat(`${"a".repeat(31)}-`, 32)).toBe(false);
  expect(hasCsrfFormat(`${"a".repeat(31)}é`, 32)).toBe(false);
  expect(hasCsrfFormat(undefined, 32)).toBe(false);
  expect(hasCsrfFormat(42, 32)).toBe(false);
});
