import type { CookieRejection } from "@edge-session/core/kit";
import {
  base62,
  base64url,
  fromBase62,
  fromBase64url,
  hmacSign,
  hmacVerify,
  MAX_COOKIE_BYTES,
  saltedHmacKey,
  saltedHmacKeys,
  utf8,
  VerifiedMemo,
} from "@edge-session/core/kit";
import { MAX_INFLATED_BYTES_PER_CHUNK, MAX_TIMESTAMP } from "./store-options.ts";
import { zlibCompress, zlibDecompress } from "./zlib.ts";

// Django's django.core.signing, byte for byte (Django 3.1+, sha256):
//   Signer.signature(v)  = b64_encode(salted_hmac(salt + "signer", v, key).digest())
//   salted_hmac          = HMAC-SHA256(key = SHA-256(key_salt + secret), v)
//   TimestampSigner.sign = Signer.sign(f"{v}:{b62_encode(int(time.time()))}")
//   sign_object          = "." + b64(zlib(json)) when that is shorter by ≥ 2 bytes, else b64(json)
// Keys come from core's saltedHmacKey: imported once per (salt, secret) and cached.

/** Django's `Signer(key=secret, salt=salt).sign(value)`: `value:signature`, no timestamp. */
export async function djangoSign(value: string, options: { salt: string; secret: string }): Promise<string> {
  const key = await saltedHmacKey(`${options.salt}signer`, options.secret);
  return `${value}:${await hmacSign(key, value)}`;
}

/** Options of {@link djangoDumps}. */
export interface DumpsOptions {
  salt: string;
  /** The signing secret (Django's SECRET_KEY). */
  secret: string;
  /** Epoch ms; signed as whole Unix seconds, as Django's `int(time.time())`. */
  now: number;
  /** Try zlib and keep it when it saves ≥ 2 bytes — Django's `compress=True`. */
  compress: boolean;
  /** Only try zlib for JSON of at least this many bytes [0: always, as Django]. */
  compressFrom?: number;
}

/**
 * `signing.dumps(obj, salt=salt, compress=compress)` given the serializer's
 * output (`json` must already be Python's ASCII-only compact JSON).
 */
export async function djangoDumps(json: string, options: DumpsOptions): Promise<string> {
  const raw = utf8(json);
  let body: string | undefined;
  // zlib output is never under 9 bytes (2 header + 3 deflate + 4 Adler-32), so
  // below 11 input bytes Django's test can never pass: skip the stream set-up.
  if (options.compress && raw.length > 10 && raw.length >= (options.compressFrom ?? 0)) {
    const compressed = await zlibCompress(raw);
    if (compressed && compressed.length < raw.length - 1) body = `.${base64url(compressed)}`;
  }
  body ??= base64url(raw);
  const value = `${body}:${base62(Math.floor(options.now / 1000))}`;
  return djangoSign(value, options);
}

/** What {@link djangoLoads} recovers: the JSON text and the signed Unix time in seconds. */
export interface LoadedValue {
  json: string;
  timestamp: number;
}

// base64url body (optionally "."-prefixed), base62 seconds, 43-char base64url SHA-256 HMAC.
// Eight base62 digits reach past year 9999 (MAX_TIMESTAMP).
// The signature's last character carries 2 unused bits, which must be zero (RFC 4648 §3.5): Django compares
// signature strings, so a respelled signature must not verify here either.
const SIGNED_SHAPE = /^(\.?)([A-Za-z0-9_-]+):([0-9A-Za-z]{1,8}):[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Cookie values that verified (and decompressed) in this isolate, keyed by the
 * exact string under the exact salt and secrets: a returning visitor's read
 * costs no WebCrypto call and no inflate. Rejected values are never kept.
 */
const verified = new VerifiedMemo<string>(5_000);

/** Options of {@link djangoLoads}. */
export interface LoadsOptions {
  salt: string;
  secrets: readonly string[];
  /** Longer values are "malformed" before any crypto [one cookie: 4096 bytes]. */
  maxBytes?: number;
  /** Cap on the decompressed JSON (zip-bomb guard). */
  maxInflatedBytes?: number;
}

/**
 * `signing.loads(value, salt=salt)` without the age check (the engine owns
 * expiry). Never throws; refuses with the reason: "malformed" (not this
 * format, checked before any crypto), "bad-signature" (no secret of ours
 * signed it), "bad-payload" (signed by us but not decodable: base64, zlib or
 * UTF-8). The signature is checked before any decoding or decompression.
 */
export async function djangoLoads(signed: string, options: LoadsOptions): Promise<LoadedValue | CookieRejection> {
  if (typeof signed !== "string" || signed.length > (options.maxBytes ?? MAX_COOKIE_BYTES)) return "malformed";
  const match = SIGNED_SHAPE.exec(signed);
  if (!match) return "malformed";
  const [, dot, body, stamp] = match as unknown as [string, string, string, string];
  const timestamp = fromBase62(stamp);
  if (timestamp === null || timestamp > MAX_TIMESTAMP) return "malformed";
  const memoKey = [options.salt, ...options.secrets];
  const known = verified.get(memoKey, signed);
  if (known) return { json: known, timestamp };
  const cut = signed.lastIndexOf(":");
  try {
    const keys = await saltedHmacKeys(`${options.salt}signer`, options.secrets);
    if (!(await hmacVerify(keys, signed.slice(0, cut), signed.slice(cut + 1)))) return "bad-signature";
  } catch {
    return "bad-signature"; // a runtime crypto failure verifies nothing; an unreadable cookie, not an error
  }
  try {
    let bytes = fromBase64url(body);
    if (!bytes) return "bad-payload";
    if (dot) {
      bytes = await zlibDecompress(bytes, options.maxInflatedBytes ?? MAX_INFLATED_BYTES_PER_CHUNK);
      if (!bytes) return "bad-payload";
    }
    const json = strictUtf8.decode(bytes);
    verified.set(memoKey, signed, json);
    return { json, timestamp };
  } catch {
    return "bad-payload"; // signed by us, yet not UTF-8 (only another app sharing the key and salt could do that)
  }
}
