import { fromBase64url } from "@edge-session/core/kit";
import { CompactEncrypt, compactDecrypt } from "jose";
import { describe, expect, test } from "vitest";
import { jweDecrypt, jweEncrypt, jweKey } from "./jwe.ts";
import { singleCharacterEdits } from "./tamper.ts";

const SALT = "edge-session.cookie";
const SECRET = "a-secret-of-at-least-thirty-two-characters";
const OLD_SECRET = "the-previous-secret-still-being-accepted";
const PLAINTEXT = '{"data":{"user":"ada","cart":["apple"]},"iat":1700000000}';

function header(jwe: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(fromBase64url(jwe.split(".")[0]!)!));
}

describe("JWE dir + A256GCM", () => {
  test("round trip; compact form with an empty encrypted-key segment", async () => {
    const jwe = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    const parts = jwe.split(".");
    expect(parts).toHaveLength(5);
    expect(parts[1]).toBe("");
    expect(jwe).not.toContain("ada");
    expect(await jweDecrypt(jwe, { salt: SALT, secrets: [SECRET] })).toBe(PLAINTEXT);
  });

  test("the protected header names the algorithms and a kid that is not the secret", async () => {
    const jwe = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    const { kid } = await jweKey(SALT, SECRET);
    expect(header(jwe)).toEqual({ alg: "dir", enc: "A256GCM", kid });
    expect(kid).toMatch(/^[A-Za-z0-9_-]{11}$/); // 64 bits
    expect(SECRET).not.toContain(kid);
    expect((await jweKey(SALT, OLD_SECRET)).kid).not.toBe(kid);
    expect((await jweKey("another.salt", SECRET)).kid).not.toBe(kid);
  });

  test("is standard JWE: jose decrypts what we write, and we read what jose writes, with and without zip", async () => {
    const { key, kid } = await jweKey(SALT, SECRET);
    for (const compress of [false, true]) {
      const ours = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress });
      const opened = await compactDecrypt(ours, key);
      expect(new TextDecoder().decode(opened.plaintext)).toBe(PLAINTEXT);
      expect(opened.protectedHeader).toEqual(
        compress ? { alg: "dir", enc: "A256GCM", kid, zip: "DEF" } : { alg: "dir", enc: "A256GCM", kid },
      );
    }
    const theirs = await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid })
      .encrypt(key);
    expect(await jweDecrypt(theirs, { salt: SALT, secrets: [SECRET] })).toBe(PLAINTEXT);
  });

  test("each encryption uses a fresh IV", async () => {
    const a = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    const b = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
  });

  test("keys are derived once per secret and cached", async () => {
    expect(jweKey(SALT, SECRET)).toBe(jweKey(SALT, SECRET));
    const { key } = await jweKey(SALT, SECRET);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: "AES-GCM", length: 256 });
  });

  test("compress adds zip: DEF and shrinks repetitive data", async () => {
    const big = JSON.stringify({ data: { items: Array.from({ length: 200 }, () => "apple") }, iat: 1 });
    const plain = await jweEncrypt(big, { salt: SALT, secret: SECRET, compress: false });
    const zipped = await jweEncrypt(big, { salt: SALT, secret: SECRET, compress: true });
    expect(header(zipped).zip).toBe("DEF");
    expect(zipped.length).toBeLessThan(plain.length / 3);
    expect(await jweDecrypt(zipped, { salt: SALT, secrets: [SECRET] })).toBe(big);
  });

  test("rotation: the old secret still decrypts, the first secret encrypts", async () => {
    const old = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: OLD_SECRET, compress: false });
    expect(await jweDecrypt(old, { salt: SALT, secrets: [SECRET, OLD_SECRET] })).toBe(PLAINTEXT);
    expect(await jweDecrypt(old, { salt: SALT, secrets: [SECRET] })).toBeNull();
    const fresh = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    expect(header(fresh).kid).toBe((await jweKey(SALT, SECRET)).kid);
  });

  test("a wrong salt does not decrypt", async () => {
    const jwe = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    expect(await jweDecrypt(jwe, { salt: "other.salt", secrets: [SECRET] })).toBeNull();
  });

  test("a kid naming no key of ours is refused before any decryption", async () => {
    const { key } = await jweKey(SALT, SECRET);
    const mislabelled = await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: "AAAAAAAAAAA" })
      .encrypt(key);
    expect(await jweDecrypt(mislabelled, { salt: SALT, secrets: [SECRET] })).toBeNull();
    // The same key with the right kid is accepted: the kid alone made the difference.
    const labelled = await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: (await jweKey(SALT, SECRET)).kid })
      .encrypt(key);
    expect(await jweDecrypt(labelled, { salt: SALT, secrets: [SECRET] })).toBe(PLAINTEXT);
  });

  test("a kid of ours on another key's ciphertext fails authentication", async () => {
    const { key: oldKey } = await jweKey(SALT, OLD_SECRET);
    const forged = await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: (await jweKey(SALT, SECRET)).kid })
      .encrypt(oldKey);
    expect(await jweDecrypt(forged, { salt: SALT, secrets: [SECRET, OLD_SECRET] })).toBeNull();
  });

  test("other algorithms, critical extensions and missing kids are refused", async () => {
    const { key, kid } = await jweKey(SALT, SECRET);
    const rawKey = new Uint8Array(32);
    const variants = [
      await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT)).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(key),
      await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
        .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid, crit: ["x-unknown"], "x-unknown": 1 })
        .encrypt(key, { crit: { "x-unknown": true } }),
      await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
        .setProtectedHeader({ alg: "A256KW", enc: "A256GCM", kid })
        .encrypt(rawKey),
    ];
    for (const jwe of variants) expect(await jweDecrypt(jwe, { salt: SALT, secrets: [SECRET] })).toBeNull();
  });

  test("every single-character change to any segment is rejected", async () => {
    const jwe = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: true });
    const edits = singleCharacterEdits(jwe);
    for (const tampered of edits) expect(await jweDecrypt(tampered, { salt: SALT, secrets: [SECRET] }), tampered).toBeNull();
  });

  test("truncation at every length and segment swaps are rejected", async () => {
    const jwe = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    for (let n = 0; n < jwe.length; n++) expect(await jweDecrypt(jwe.slice(0, n), { salt: SALT, secrets: [SECRET] })).toBeNull();
    const other = await jweEncrypt('{"data":{},"iat":1}', { salt: SALT, secret: SECRET, compress: false });
    const [h, , iv, ct, tag] = jwe.split(".");
    const [, , iv2, ct2, tag2] = other.split(".");
    for (const mixed of [`${h}..${iv2}.${ct}.${tag}`, `${h}..${iv}.${ct2}.${tag}`, `${h}..${iv}.${ct}.${tag2}`]) {
      expect(await jweDecrypt(mixed, { salt: SALT, secrets: [SECRET] })).toBeNull();
    }
  });

  test("garbage, non-ASCII, oversized and JWS-shaped input is rejected without throwing", async () => {
    const jwe = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    const inputs = [
      "",
      "....",
      "a.b.c.d.e",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
      jwe.replace(".", ".x"),
      `${jwe}.`,
      `é${jwe.slice(1)}`,
      `${"A".repeat(300)}..${"A".repeat(16)}.${"A".repeat(4000)}.${"A".repeat(22)}`,
      "x".repeat(1_000_000),
      `e30..${"A".repeat(16)}.AAAA.${"A".repeat(22)}`, // header "{}"
      `bm90IGpzb24..${"A".repeat(16)}.AAAA.${"A".repeat(22)}`, // header "not json"
    ];
    for (const input of inputs) await expect(jweDecrypt(input, { salt: SALT, secrets: [SECRET] })).resolves.toBeNull();
  });
});
