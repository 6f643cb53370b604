import { fromBase64url } from "@edge-session/core/kit";
import { CompactEncrypt, compactDecrypt } from "jose";
import { describe, expect, test } from "vitest";
import { singleCharacterEdits } from "../test/tamper.ts";
import { jweDecrypt, jweEncrypt, jweKey } from "./jwe.ts";

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
    expect(await jweDecrypt(jwe, { salt: SALT, secrets: [SECRET] })).toEqual({ plaintext: PLAINTEXT });
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
    expect(await jweDecrypt(theirs, { salt: SALT, secrets: [SECRET] })).toEqual({ plaintext: PLAINTEXT });
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
    expect(await jweDecrypt(zipped, { salt: SALT, secrets: [SECRET] })).toEqual({ plaintext: big });
  });

  test("rotation: the old secret still decrypts, the first secret encrypts", async () => {
    const old = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: OLD_SECRET, compress: false });
    expect(await jweDecrypt(old, { salt: SALT, secrets: [SECRET, OLD_SECRET] })).toEqual({ plaintext: PLAINTEXT });
    expect(await jweDecrypt(old, { salt: SALT, secrets: [SECRET] })).toBe("bad-signature");
    const fresh = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    expect(header(fresh).kid).toBe((await jweKey(SALT, SECRET)).kid);
  });

  test("a wrong salt does not decrypt", async () => {
    const jwe = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    expect(await jweDecrypt(jwe, { salt: "other.salt", secrets: [SECRET] })).toBe("bad-signature");
  });

  test("a kid naming no key of ours is refused before any decryption", async () => {
    const { key } = await jweKey(SALT, SECRET);
    const mislabelled = await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: "AAAAAAAAAAA" })
      .encrypt(key);
    expect(await jweDecrypt(mislabelled, { salt: SALT, secrets: [SECRET] })).toBe("bad-signature");
    // The same key with the right kid is accepted: the kid alone made the difference.
    const labelled = await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: (await jweKey(SALT, SECRET)).kid })
      .encrypt(key);
    expect(await jweDecrypt(labelled, { salt: SALT, secrets: [SECRET] })).toEqual({ plaintext: PLAINTEXT });
  });

  test("a kid of ours on another key's ciphertext fails authentication", async () => {
    const { key: oldKey } = await jweKey(SALT, OLD_SECRET);
    const forged = await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: (await jweKey(SALT, SECRET)).kid })
      .encrypt(oldKey);
    expect(await jweDecrypt(forged, { salt: SALT, secrets: [SECRET, OLD_SECRET] })).toBe("bad-signature");
  });

  test("other algorithms, critical extensions and missing kids are 'malformed' (header checked before any AES work)", async () => {
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
    for (const jwe of variants) expect(await jweDecrypt(jwe, { salt: SALT, secrets: [SECRET] })).toBe("malformed");
  });

  test("every single-character change to any segment is rejected", async () => {
    const jwe = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: true });
    const edits = singleCharacterEdits(jwe);
    for (const tampered of edits) {
      expect(["malformed", "bad-signature"], tampered).toContain(await jweDecrypt(tampered, { salt: SALT, secrets: [SECRET] }));
    }
  });

  test("truncation at every length and segment swaps are rejected", async () => {
    const jwe = await jweEncrypt(PLAINTEXT, { salt: SALT, secret: SECRET, compress: false });
    for (let n = 0; n < jwe.length; n++) {
      expect(["malformed", "bad-signature"]).toContain(await jweDecrypt(jwe.slice(0, n), { salt: SALT, secrets: [SECRET] }));
    }
    const other = await jweEncrypt('{"data":{},"iat":1}', { salt: SALT, secret: SECRET, compress: false });
    const [h, , iv, ct, tag] = jwe.split(".");
    const [, , iv2, ct2, tag2] = other.split(".");
    for (const mixed of [`${h}..${iv2}.${ct}.${tag}`, `${h}..${iv}.${ct2}.${tag}`, `${h}..${iv}.${ct}.${tag2}`]) {
      expect(await jweDecrypt(mixed, { salt: SALT, secrets: [SECRET] })).toBe("bad-signature");
    }
  });

  test("garbage, non-ASCII, oversized and JWS-shaped input is 'malformed', without throwing", async () => {
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
    for (const input of inputs) await expect(jweDecrypt(input, { salt: SALT, secrets: [SECRET] })).resolves.toBe("malformed");
  });

  test("a respelled segment (unused low bits of its last character set) is 'malformed': core's base64url decoder is canonical-only, though jose accepts it", async () => {
    const text = "x".repeat(58); // 58 bytes → 78 characters: the ciphertext segment has unused bits
    const jwe = await jweEncrypt(text, { salt: SALT, secret: SECRET, compress: false });
    const { key } = await jweKey(SALT, SECRET);
    const segments = jwe.split(".");
    let respelledCount = 0;
    for (const index of [0, 2, 3, 4]) {
      const segment = segments[index]!;
      if (segment.length % 4 === 0) continue; // no unused bits: nothing to respell
      const last = segment[segment.length - 1]!;
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      const respelled = [...segments];
      respelled[index] = segment.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1]!;
      const value = respelled.join(".");
      expect(await jweDecrypt(value, { salt: SALT, secrets: [SECRET] }), `segment ${index}`).toBe("malformed");
      if (index !== 0) {
        // jose's decoder ignores the unused bits and decrypts the respelled token: this check is what refuses it.
        expect(new TextDecoder().decode((await compactDecrypt(value, key)).plaintext)).toBe(text);
      }
      respelledCount++;
    }
    expect(respelledCount).toBe(3); // the IV (16 characters) has no unused bits; header, ciphertext and tag do
  });

  test("an authentic token whose compression is broken is 'bad-payload'", async () => {
    const { key, kid } = await jweKey(SALT, SECRET);
    const broken = await new CompactEncrypt(new Uint8Array([0xff, 0xff, 0xff]))
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid, zip: "DEF" })
      .encrypt(key);
    expect(await jweDecrypt(broken, { salt: SALT, secrets: [SECRET] })).toBe("bad-payload");
  });

  test("maxBytes: a value longer than one cookie verifies only when allowed", async () => {
    const long = JSON.stringify({ blob: "x".repeat(5000) });
    const jwe = await jweEncrypt(long, { salt: SALT, secret: SECRET, compress: false });
    expect(await jweDecrypt(jwe, { salt: SALT, secrets: [SECRET] })).toBe("malformed");
    expect(await jweDecrypt(jwe, { salt: SALT, secrets: [SECRET], maxBytes: 3 * 4096 })).toEqual({ plaintext: long });
  });
});
