import { describe, expect, test } from "vitest";
import { maskCsrfSecret } from "./mask.ts";
import { newCsrfSecret } from "./secret.ts";
import { csrfTokenMatches, normalizeCsrfSecret } from "./token-match.ts";

const SECRET = "abcdefghijklmnopqrstuvwxyzABCDEF";
// Django 3.2's _mask_cipher_secret(SECRET) with a fixed mask (see mask.test.ts).
const DJANGO_TOKEN = "0123456789ZYXWVUTSRQPONMLKJIHGFE02468acegi9999999999999999999999";

describe("csrfTokenMatches", () => {
  test("accepts a masked token (Django's vector and fresh ones) and the bare secret", () => {
    expect(csrfTokenMatches(DJANGO_TOKEN, SECRET)).toBe(true);
    expect(csrfTokenMatches(maskCsrfSecret(SECRET), SECRET)).toBe(true);
    expect(csrfTokenMatches(SECRET, SECRET)).toBe(true);
  });

  test("refuses another secret's token, every single-character change, and the secret's own cipher half", () => {
    const other = newCsrfSecret();
    expect(csrfTokenMatches(maskCsrfSecret(other), SECRET)).toBe(false);
    expect(csrfTokenMatches(other, SECRET)).toBe(false);
    for (let i = 0; i < 64; i++) {
      const changed = DJANGO_TOKEN.slice(0, i) + (DJANGO_TOKEN[i] === "a" ? "b" : "a") + DJANGO_TOKEN.slice(i + 1);
      expect(csrfTokenMatches(changed, SECRET), `position ${i}`).toBe(false);
    }
    expect(csrfTokenMatches(DJANGO_TOKEN.slice(32), SECRET)).toBe(false);
  });

  test("refuses other lengths and characters (Django's _check_token_format)", () => {
    for (const bad of [
      "",
      "x",
      SECRET.slice(1),
      `${SECRET}a`,
      DJANGO_TOKEN.slice(1),
      `${DJANGO_TOKEN}a`,
      `${SECRET.slice(1)}-`,
      `${DJANGO_TOKEN.slice(1)} `,
    ]) {
      expect(csrfTokenMatches(bad, SECRET), bad).toBe(false);
    }
  });

  test("a malformed secret matches nothing", () => {
    expect(csrfTokenMatches("", "")).toBe(false);
    expect(csrfTokenMatches("!".repeat(32), "!".repeat(32))).toBe(false);
  });
});

describe("normalizeCsrfSecret", () => {
  test("a 32-character secret as is; a Django-3.2 masked session value unmasked", () => {
    expect(normalizeCsrfSecret(SECRET)).toBe(SECRET);
    expect(normalizeCsrfSecret(DJANGO_TOKEN)).toBe(SECRET);
  });

  test("anything else is no secret", () => {
    for (const bad of [undefined, null, 42, "", SECRET.slice(1), `${SECRET.slice(1)}-`, { secret: SECRET }]) {
      expect(normalizeCsrfSecret(bad)).toBeUndefined();
    }
  });
});
