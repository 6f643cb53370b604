import { describe, expect, test, vi } from "vitest";
import { SessionError } from "../errors.ts";
import { maskCsrfSecret, unmaskCsrfToken } from "./mask.ts";
import { newCsrfSecret } from "./secret.ts";

// Vectors from Django 3.2's django.middleware.csrf with _get_new_csrf_string patched to a fixed mask.
const VECTORS = [
  {
    secret: "abcdefghijklmnopqrstuvwxyzABCDEF",
    token: "0123456789ZYXWVUTSRQPONMLKJIHGFE02468acegi9999999999999999999999",
  },
  {
    secret: "z9Az9Az9Az9Az9Az9Az9Az9Az9Az9Az9",
    token: "99999999999999999999999999999999y8zy8zy8zy8zy8zy8zy8zy8zy8zy8zy8",
  },
];

/** Makes the next random strings come from `text` (each character's index as the byte). */
function fixRandom(text: string): () => void {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const spy = vi.spyOn(crypto, "getRandomValues").mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
    const bytes = array as unknown as Uint8Array;
    for (let i = 0; i < bytes.length; i++) bytes[i] = alphabet.indexOf(text[i % text.length]!);
    return array;
  });
  return () => spy.mockRestore();
}

describe("maskCsrfSecret", () => {
  test.each(VECTORS)("matches Django's _mask_cipher_secret for $secret", ({ secret, token }) => {
    const restore = fixRandom(token.slice(0, 32));
    try {
      expect(maskCsrfSecret(secret)).toBe(token);
    } finally {
      restore();
    }
  });

  test("a fresh 64-character token on every call, all unmasking to the secret (BREACH)", () => {
    const secret = newCsrfSecret();
    const tokens = new Set(Array.from({ length: 50 }, () => maskCsrfSecret(secret)));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9]{64}$/);
      expect(token.slice(32)).not.toBe(secret);
      expect(unmaskCsrfToken(token)).toBe(secret);
    }
  });

  test("refuses a secret that is not 32 characters of [A-Za-z0-9], without quoting it", () => {
    for (const bad of ["", "short", "a".repeat(33), `${"a".repeat(31)}!`]) {
      expect(() => maskCsrfSecret(bad)).toThrow(SessionError);
    }
    try {
      maskCsrfSecret("secret-value-!!");
    } catch (error) {
      expect((error as Error).message).not.toContain("secret-value");
    }
  });
});

describe("unmaskCsrfToken", () => {
  test.each(VECTORS)("matches Django's _unmask_cipher_token for $secret", ({ secret, token }) => {
    expect(unmaskCsrfToken(token)).toBe(secret);
  });

  test("anything but 64 characters of [A-Za-z0-9] is undefined", () => {
    expect(unmaskCsrfToken(VECTORS[0]!.token.slice(1))).toBeUndefined();
    expect(unmaskCsrfToken(`${VECTORS[0]!.token.slice(1)}_`)).toBeUndefined();
    expect(unmaskCsrfToken("")).toBeUndefined();
  });
});
