import type { CookieSessionStore, DecodedCookie, SessionPayload } from "@edge-session/core/kit";
import { parsePayload, serializePayload } from "@edge-session/core/kit";
import { cookieCodecStore } from "./cookie-codec-store.ts";
import { jweDecrypt, jweEncrypt } from "./jwe.ts";
import { type CommonCookieOptions, MAX_TIMESTAMP, resolveCookieOptions } from "./store-options.ts";

/**
 * Options of {@link encryptedCookieStore}.
 * @example
 * const options: EncryptedCookieStoreOptions = { maxChunks: 2, compress: false };
 */
export interface EncryptedCookieStoreOptions extends CommonCookieOptions {
  /**
   * Deflate before encrypting (`zip: "DEF"`) [false: the length of compressed
   * ciphertext leaks how much of the data repeats, CRIME/BREACH].
   */
  compress?: boolean;
}

/**
 * A session store that keeps the whole session in the cookie as a JWE
 * (`dir` + `A256GCM`, RFC 7516/7518): the browser can neither read nor
 * change it. Stateless, like `cookieStore()`; not readable by Django.
 * @example
 * import { encryptedCookieStore } from "@edge-session/cookie/encrypted";
 * withSession(handler, { store: encryptedCookieStore(), secret: env.SESSION_SECRET });
 */
export function encryptedCookieStore(options: EncryptedCookieStoreOptions = {}): CookieSessionStore {
  const limits = resolveCookieOptions("encryptedCookieStore", options);
  const compress = options.compress ?? false;
  return cookieCodecStore("encryptedCookieStore", limits, {
    seal: (payload, { salt, secret, now }) => jweEncrypt(encryptedPlaintext(payload, now), { salt, secret, compress }),
    async open(value, keys) {
      const opened = await jweDecrypt(value, keys);
      if (typeof opened === "string") return opened;
      return parseEncryptedPlaintext(opened.plaintext) ?? "bad-payload";
    },
  });
}

/**
 * `<iat seconds>.<payload>`: the issue time, then the payload in core's one
 * serialization (the same a server store keeps), all inside the ciphertext.
 */
function encryptedPlaintext(payload: SessionPayload, now: number): string {
  return `${Math.floor(now / 1000)}.${serializePayload(payload)}`;
}

function parseEncryptedPlaintext(plaintext: string): DecodedCookie | null {
  const dot = plaintext.indexOf(".");
  const iat = Number(plaintext.slice(0, dot));
  if (dot < 1 || !Number.isSafeInteger(iat) || iat < 0 || iat > MAX_TIMESTAMP) return null;
  const payload = parsePayload(plaintext.slice(dot + 1));
  return payload && { payload, issuedAt: iat * 1000 };
}
