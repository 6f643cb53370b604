import { base64url, fromBase64url, utf8 } from "./encoding.ts";
import { promiseCache } from "./promise-cache.ts";

/**
 * HMAC-SHA256 keys derived the way Django's `salted_hmac` derives them:
 * key = SHA-256(keySalt + secret). A different salt per purpose gives a
 * separate key per purpose from one secret.
 *
 * Keys are imported once per (salt, secret) and cached for the life of the
 * isolate: `importKey` costs ~16 µs on Node every time, and this is the hot path.
 */
const cachedKey = promiseCache<CryptoKey>(256);

/** The HMAC-SHA256 key Django's `salted_hmac(keySalt, …, secret)` uses, imported once and cached. */
export function saltedHmacKey(keySalt: string, secret: string): Promise<CryptoKey> {
  return cachedKey(`${keySalt}\u0000${secret}`, () =>
    crypto.subtle
      .digest("SHA-256", utf8(keySalt + secret))
      .then((raw) => crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"])),
  );
}

/** The keys for every secret, first (signing) key first. */
export function saltedHmacKeys(keySalt: string, secrets: readonly string[]): Promise<CryptoKey[]> {
  return Promise.all(secrets.map((secret) => saltedHmacKey(keySalt, secret)));
}

/** base64url(HMAC-SHA256(key, value)), unpadded — Django's `base64_hmac`. */
export async function hmacSign(key: CryptoKey, value: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8(value))));
}

/**
 * Whether `signature` is a valid base64url HMAC of `value` under any of `keys`.
 * Compared by `crypto.subtle.verify`, which is constant-time, never by `===`.
 */
export async function hmacVerify(keys: readonly CryptoKey[], value: string, signature: string): Promise<boolean> {
  return (await hmacMatch(keys, value, signature)) >= 0;
}

/** The index of the first key under which `signature` verifies, or -1; index > 0 means an old secret signed it. */
export async function hmacMatch(keys: readonly CryptoKey[], value: string, signature: string): Promise<number> {
  const mac = fromBase64url(signature);
  if (mac?.length !== 32) return -1;
  const data = utf8(value);
  for (let i = 0; i < keys.length; i++) {
    if (await crypto.subtle.verify("HMAC", keys[i]!, mac, data)) return i;
  }
  return -1;
}
