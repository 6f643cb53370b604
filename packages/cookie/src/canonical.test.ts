import { base64url } from "@edge-session/core/kit";
import { expect, test } from "vitest";
import { isCanonicalBase64url } from "./canonical.ts";

test("what base64url writes is canonical, at every length", () => {
  for (let n = 0; n < 40; n++) {
    const bytes = crypto.getRandomValues(new Uint8Array(n));
    expect(isCanonicalBase64url(base64url(bytes))).toBe(true);
  }
});

test("set unused bits or an impossible length are not", () => {
  expect(isCanonicalBase64url("AB")).toBe(false); // 1 byte: 4 unused bits, B = 000001
  expect(isCanonicalBase64url("AQ")).toBe(true);
  expect(isCanonicalBase64url("AAB")).toBe(false); // 2 bytes: 2 unused bits
  expect(isCanonicalBase64url("AAE")).toBe(true);
  expect(isCanonicalBase64url("AAAAA")).toBe(false); // length % 4 === 1
  expect(isCanonicalBase64url("AA*")).toBe(false);
  expect(isCanonicalBase64url("")).toBe(true);
});
