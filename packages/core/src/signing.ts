import { base64url, fromBase64url, utf8 } from "./encoding.ts";
import { digestSha256, type HmacKey, type HmacPath, importHmacKey, selectHmacPath } from "./hmac-runtime.ts";
import { promiseCache } from "./promise-cache.ts";

export type { HmacKey, HmacPath } from "./hmac-runtime.ts";

let path: HmacPath | undefined;

/**
 * The HMAC-SHA256 implementation this runtime signs and verifies with, chosen
 * once by measurement (docs/design.md, "Performance choices").
 * @example
 * hmacPath(); // "js" on Node and Deno, "node" on Bun, "webcrypto" on workerd
 */
export function hmacPath(): HmacPath {
  path ??= selectHmacPath();
  return path;
}

/**
 * HMAC-SHA256 keys derived the way Django's `salted_hmac` derives them:
 * key = SHA-256(keySalt + secret). A different salt per purpose gives a
 * separate key per purpose from one secret.
 *
 * Keys are derived once per (salt, secret) and cached for the life of the
 * isolate (pads precomputed, or a CryptoKey imported: `importKey` costs
 * ~16 µs on Node every time, and this is the hot path).
 */
const cachedKey = promiseCache<HmacKey>(256);

/**
 * The HMAC-SHA256 key Django's `salted_hmac(keySalt, …, secret)` uses, derived once and cached.
 * @example
 * const key = await saltedHmacKey("django.core.signing.Signersigner", "predictable-secret");
 */
export function saltedHmacKey(keySalt: string, secret: string): Promise<HmacKey> {
  return cachedKey(`${keySalt}\u0000${secret}`, async () => {
    const chosen = hmacPath();
    return importHmacKey(await digestSha256(utf8(keySalt + secret), chosen), chosen);
  });
}

/**
 * The keys for every secret, first (signing) key first.
 * @example
 * const keys = await saltedHmacKeys("my-purpose", ["new secret…", "old secret…"]);
 */
export function saltedHmacKeys(keySalt: string, secrets: readonly string[]): Promise<HmacKey[]> {
  return Promise.all(secrets.map((secret) => saltedHmacKey(keySalt, secret)));
}

/**
 * base64url(HMAC-SHA256(key, value)), unpadded — Django's `base64_hmac`.
 * Computed synchronously off WebCrypto: the promise is already settled.
 * @example
 * await hmacSign(await saltedHmacKey("django.core.signing.Signersigner", "predictable-secret"), "foo");
 * // "jZQoX_FtSO70jX9HLRGg2A_2s4kdDBxz1QoO_OpEQb0"
 */
export async function hmacSign(key: HmacKey, value: string): Promise<string> {
  const mac = key.mac(utf8(value));
  return base64url(mac instanceof Uint8Array ? mac : await mac);
}

/**
 * Whether `signature` is a valid base64url HMAC of `value` under any of `keys`.
 * Compared in constant time (every byte, or `crypto.subtle.verify`), never by `===`.
 * @example
 * await hmacVerify(await saltedHmacKeys("salt", secrets), "value", signature);
 */
export async function hmacVerify(keys: readonly HmacKey[], value: string, signature: string): Promise<boolean> {
  return (await hmacMatch(keys, value, signature)) >= 0;
}

/**
 * The index of the first key under which `signature` verifies, or -1; index > 0 means an old secret signed it.
 * @example
 * const index = await hmacMatch(await saltedHmacKeys("salt", secrets), "value", signature);
 */
export async function hmacMatch(keys: readonly HmacKey[], value: string, signature: string): Promise<number> {
  const mac = fromBase64url(signature);
  if (mac?.length !== 32) return -1;
  const data = utf8(value);
  for (let i = 0; i < keys.length; i++) {
    const ok = keys[i]!.verify(mac, data);
    if (ok === true || (ok !== false && (await ok))) return i;
  }
  return -1;
}
