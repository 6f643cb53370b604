import { describe, expect, it } from "vitest";
import { base62, base64url, fromBase62, fromBase64url } from "./encoding.ts";

describe("base64url", () => {
  it("matches the platform's base64 without padding, for every length", () => {
    for (let length = 0; length < 40; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const expected = btoa(String.fromCharCode(...bytes))
        .replaceAll("+", "-")
        .replaceAll("/", "_")
        .replace(/=+$/, "");
      expect(base64url(bytes)).toBe(expected);
      expect(fromBase64url(expected)).toEqual(bytes);
    }
  });

  it("refuses characters outside the alphabet and impossible lengths", () => {
    for (const bad of ["ab+c", "ab/c", "ab=c", "é", "a", "abcde"]) expect(fromBase64url(bad)).toBeNull();
  });

  it("refuses non-canonical spellings (non-zero unused bits in the last character)", () => {
    expect(fromBase64url("AA")).toEqual(new Uint8Array([0]));
    expect(fromBase64url("AB")).toBeNull();
    expect(fromBase64url("AAA")).toEqual(new Uint8Array([0, 0]));
    expect(fromBase64url("AAB")).toBeNull();
  });
});

describe("base62 (Django's baseconv)", () => {
  it("encodes like Django", () => {
    expect(base62(0)).toBe("0");
    expect(base62(61)).toBe("z");
    expect(base62(62)).toBe("10");
    expect(base62(3844)).toBe("100");
    expect(base62(1_700_000_000)).toBe("1r31eq");
    expect(fromBase62(base62(1_700_000_000))).toBe(1_700_000_000);
  });

  it("refuses what is not a short base62 number", () => {
    for (const bad of ["", "-", "a-b", "é", "12345678901"]) expect(fromBase62(bad)).toBeNull();
  });
});
