import type { CookieRejection } from "@edge-session/core/kit";
import { base64url, fromBase64url, MAX_COOKIE_BYTES, promiseCache, utf8, VerifiedMemo } from "@edge-session/core/kit";
import { MAX_INFLATED_BYTES_PER_CHUNK } from "./store-options.ts";
import { zlibCompress, zlibDecompress } from "./zlib.ts";

// JWE compact serialization (RFC 7516 §7.1) with "dir" + "A256GCM" (RFC 7518
// §4.5, §5.3): one AES-256-GCM key per secret, no key wrapping, so the cookie
// is header..iv.ciphertext.tag with an empty encrypted-key segment.
//
// Written on WebCrypto directly rather than with jose: for this one algorithm
// pair the format is a few lines, while jose's generic JWE path adds ~20 KB of
// minified code to every Worker (it would have been most of our bundle). The
// tests check both directions against jose, so the cookies stay standard JWE.

/** An AES-256-GCM key derived from one secret, and its public key id. */
export interface JweKey {
  /** base64url of 64 bits of HKDF output under a separate `info`: names the key, reveals nothing of it or the secret. */
  readonly kid: string;
  readonly key: CryptoKey;
}

// HKDF (RFC 5869) salt: a fixed string naming the purpose. The configured
// cookie salt goes into `info`, so two cookie stores with different salts
// derive unrelated keys from one secret, as they get unrelated HMAC keys in signed mode.
const HKDF_SALT = utf8("edge-session/cookie/jwe/v1");
const cachedKey = promiseCache<JweKey>(256);

/**
 * The key for `secret` under `salt`, derived once per isolate and cached:
 * importKey + two HKDF derivations cost tens of µs, which no request should pay twice.
 */
export function jweKey(salt: string, secret: string): Promise<JweKey> {
  return cachedKey(`${salt}\u0000${secret}`, () => deriveJweKey(salt, secret));
}

async function deriveJweKey(salt: string, secret: string): Promise<JweKey> {
  const material = await crypto.subtle.importKey("raw", utf8(secret), "HKDF", false, ["deriveKey", "deriveBits"]);
  const params = (info: string): HkdfParams => ({ name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info: utf8(info) });
  const key = await crypto.subtle.deriveKey(params(`A256GCM key|${salt}`), material, { name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ]);
  const kidBits = await crypto.subtle.deriveBits(params(`key id|${salt}`), material, 64);
  return { kid: base64url(new Uint8Array(kidBits)), key };
}

/** Encrypts `plaintext` under the first secret's key; `compress` adds `zip: "DEF"` (RFC 7516 §4.1.3). */
export async function jweEncrypt(plaintext: string, options: { salt: string; secret: string; compress: boolean }): Promise<string> {
  const { kid, key } = await jweKey(options.salt, options.secret);
  let data = utf8(plaintext);
  const header = base64url(
    utf8(JSON.stringify(options.compress ? { alg: "dir", enc: "A256GCM", kid, zip: "DEF" } : { alg: "dir", enc: "A256GCM", kid })),
  );
  if (options.compress) data = (await zlibCompress(data, "deflate-raw")) ?? data;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  // RFC 7516 §5.1 step 14: the additional authenticated data is the ASCII of the encoded protected header.
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: utf8(header), tagLength: 128 }, key, data),
  );
  return `${header}..${base64url(iv)}.${base64url(sealed.subarray(0, -16))}.${base64url(sealed.subarray(-16))}`;
}

// header . (empty encrypted key) . 96-bit IV (16 chars) . ciphertext . 128-bit tag (22 chars)
const JWE_SHAPE = /^([A-Za-z0-9_-]{16,400})\.\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{22})$/;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Values that decrypted in this isolate (exact string, same salt and secrets): a repeat read costs no AES work. */
const decrypted = new VerifiedMemo<string>(5_000);

/** Options of {@link jweDecrypt}. */
export interface JweDecryptOptions {
  salt: string;
  secrets: readonly string[];
  /** Longer values are "malformed" before any crypto [one cookie: 4096 bytes]. */
  maxBytes?: number;
  /** Cap on the inflated plaintext of a `zip: "DEF"` token (zip-bomb guard). */
  maxInflatedBytes?: number;
}

/**
 * The plaintext of a JWE made by {@link jweEncrypt} under any of `secrets`,
 * or why not: "malformed" (not our compact JWE: shape, base64url, or a
 * protected header other than ours — all before any AES work),
 * "bad-signature" (no secret of ours has its `kid`, or the GCM tag fails),
 * "bad-payload" (authentic, but its compression or UTF-8 is broken). Never throws.
 */
export async function jweDecrypt(value: string, options: JweDecryptOptions): Promise<{ plaintext: string } | CookieRejection> {
  if (typeof value !== "string" || value.length > (options.maxBytes ?? MAX_COOKIE_BYTES)) return "malformed";
  const match = JWE_SHAPE.exec(value);
  if (!match) return "malformed";
  const [, headerSegment, ivSegment, cipherSegment, tagSegment] = match as unknown as [string, string, string, string, string];
  // core's fromBase64url accepts only the canonical spelling (zero unused bits, RFC 4648 §3.5), so a
  // respelled segment — which jose's lenient decoder would accept — is refused here, before any AES work.
  const iv = fromBase64url(ivSegment);
  const ciphertext = fromBase64url(cipherSegment);
  const tag = fromBase64url(tagSegment);
  const header = readHeader(headerSegment);
  if (!iv || !ciphertext || !tag || !header) return "malformed";
  const memoKey = [options.salt, ...options.secrets];
  const known = decrypted.get(memoKey, value);
  if (known !== undefined) return { plaintext: known };
  let opened: ArrayBuffer | undefined;
  try {
    for (const secret of options.secrets) {
      const { kid, key } = await jweKey(options.salt, secret);
      if (kid !== header.kid) continue;
      opened = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv, additionalData: utf8(headerSegment), tagLength: 128 },
        key,
        concat(ciphertext, tag),
      );
      break;
    }
  } catch {
    return "bad-signature"; // the GCM tag did not verify: tampered, or another key with the same kid
  }
  if (!opened) return "bad-signature"; // no secret of ours has this kid: rotated out, or another application's cookie
  try {
    let plaintext: Uint8Array<ArrayBuffer> | null = new Uint8Array(opened);
    if (header.zip) plaintext = await zlibDecompress(plaintext, options.maxInflatedBytes ?? MAX_INFLATED_BYTES_PER_CHUNK, "deflate-raw");
    if (!plaintext) return "bad-payload";
    const text = strictUtf8.decode(plaintext);
    decrypted.set(memoKey, value, text);
    return { plaintext: text };
  } catch {
    return "bad-payload";
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The protected header, if it is exactly what we write: `dir`, `A256GCM`, a
 * `kid`, optionally `zip: "DEF"` — and nothing else, so no `crit` extension we
 * do not implement can slip through (RFC 7516 §4.1.13).
 */
function readHeader(segment: string): { kid: string; zip: boolean } | null {
  const bytes = fromBase64url(segment);
  if (!bytes) return null;
  let header: unknown;
  try {
    header = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return null;
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) return null;
  const { alg, enc, kid, zip, ...rest } = header as Record<string, unknown>;
  if (alg !== "dir" || enc !== "A256GCM" || typeof kid !== "string" || (zip !== undefined && zip !== "DEF")) return null;
  if (Object.keys(rest).length > 0) return null;
  return { kid, zip: zip === "DEF" };
}
