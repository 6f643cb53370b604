import { SessionConfigError, SessionTooLargeError } from "@edge-session/core";
import type { CookieCodecContext, CookieRejection, CookieSessionStore, DecodedCookie, SessionPayload } from "@edge-session/core/kit";
import { parsePayload, serializePayload } from "@edge-session/core/kit";
import { fromDjangoSessionJson, toDjangoSessionJson } from "./django-payload.ts";
import { djangoDumps, djangoLoads } from "./django-signing.ts";
import { jweDecrypt, jweEncrypt } from "./jwe.ts";
import { MAX_COOKIE_BYTES } from "./limits.ts";

/** Options of {@link cookieStore}. */
export interface CookieStoreOptions {
  /**
   * Separates this cookie's keys from every other use of the secret
   * [`"edge-session.cookie"`]. To share sessions with Django, use
   * {@link DJANGO_SESSION_SALT} and Django's SECRET_KEY as the secret.
   */
  salt?: string;
  /** Encrypt (JWE `dir` + `A256GCM`) instead of sign, so the browser cannot read the data [false]. */
  encrypt?: boolean;
  /**
   * zlib-compress when it saves space [true when signing, as Django's
   * signed_cookies backend does; false when encrypting, since the length of
   * compressed ciphertext leaks how much of the data repeats (CRIME/BREACH)].
   */
  compress?: boolean;
}

/** The default salt: keys for edge-session cookies differ from every other use of the secret. */
export const DEFAULT_SALT = "edge-session.cookie";

/** The salt of Django's `django.contrib.sessions.backends.signed_cookies`: use it to share cookies with Django. */
export const DJANGO_SESSION_SALT = "django.contrib.sessions.backends.signed_cookies";

const MAX_TIMESTAMP = 253_402_300_799; // 9999-12-31T23:59:59Z, as in signed mode

/**
 * Signed mode tries zlib only for session JSON of 1 KiB or more. A
 * CompressionStream costs ~100–500 µs to set up on Node and workerd, more than
 * the whole rest of a request; below 1 KiB compression saves a few hundred
 * bytes of a 4096-byte budget at best. And compressed cookies cannot be
 * byte-identical to Django's anyway: Node and workerd ship Chromium's zlib,
 * whose deflate output differs from CPython's zlib (both sides still read each other).
 */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A session store that keeps the whole session in the cookie: signed in
 * Django's `signing.dumps` format by default, or encrypted as a JWE. Stateless:
 * a cookie stays valid until it expires, whatever happened since.
 */
export function cookieStore(options: CookieStoreOptions = {}): CookieSessionStore {
  if (typeof options !== "object" || options === null) throw new SessionConfigError("cookieStore options must be an object");
  const salt = options.salt ?? DEFAULT_SALT;
  if (typeof salt !== "string" || salt.length === 0) throw new SessionConfigError("cookieStore salt must be a non-empty string");
  const encrypt = options.encrypt ?? false;
  const compress = options.compress ?? !encrypt;
  return encrypt ? encryptedStore(salt, compress) : signedStore(salt, compress);
}

function signedStore(salt: string, compress: boolean): CookieSessionStore {
  return {
    kind: "cookie",
    // Last write wins: two tabs' cookies never merge. "strong": what the browser sends is what was set.
    capabilities: { atomic: false, consistency: "strong" },
    async encode(payload: SessionPayload, context: CookieCodecContext): Promise<string> {
      const json = toDjangoSessionJson(payload);
      const value = await djangoDumps(json, {
        salt,
        secret: signingSecret(context),
        now: context.now,
        compress,
        compressFrom: COMPRESS_FROM_BYTES,
      });
      return checkSize(value);
    },
    async decode(value: string, context: CookieCodecContext): Promise<DecodedCookie | CookieRejection> {
      const loaded = await djangoLoads(value, { salt, secrets: context.secrets });
      if (!loaded) return "bad-signature";
      const payload = fromDjangoSessionJson(loaded.json);
      return payload ? { payload, issuedAt: loaded.timestamp * 1000 } : "bad-payload";
    },
  };
}

function encryptedStore(salt: string, compress: boolean): CookieSessionStore {
  return {
    kind: "cookie",
    capabilities: { atomic: false, consistency: "strong" },
    async encode(payload: SessionPayload, context: CookieCodecContext): Promise<string> {
      const value = await jweEncrypt(encryptedPlaintext(payload, context.now), { salt, secret: signingSecret(context), compress });
      return checkSize(value);
    },
    async decode(value: string, context: CookieCodecContext): Promise<DecodedCookie | CookieRejection> {
      const plaintext = await jweDecrypt(value, { salt, secrets: context.secrets });
      return plaintext === null ? "bad-signature" : (parseEncryptedPlaintext(plaintext) ?? "bad-payload");
    },
  };
}

/**
 * `<iat seconds>.<payload>`: the issue time, then the payload in core's one
 * serialization (the same a server store keeps), all inside the ciphertext.
 */
function encryptedPlaintext(payload: SessionPayload, now: number): string {
  return `${Math.floor(now / 1000)}.${serializePayload(payload)}`;
}

function parseEncryptedPlaintext(plaintext: string): { payload: SessionPayload; issuedAt: number } | null {
  const dot = plaintext.indexOf(".");
  const iat = Number(plaintext.slice(0, dot));
  if (dot < 1 || !Number.isSafeInteger(iat) || iat < 0 || iat > MAX_TIMESTAMP) return null;
  const payload = parsePayload(plaintext.slice(dot + 1));
  return payload && { payload, issuedAt: iat * 1000 };
}

function signingSecret(context: CookieCodecContext): string {
  const secret = context.secrets[0];
  if (typeof secret !== "string" || secret.length === 0) throw new SessionConfigError("cookieStore needs a secret to sign with");
  return secret;
}

/** The engine checks the whole Set-Cookie too; this guarantees no oversized value ever leaves the store. */
function checkSize(value: string): string {
  if (value.length > MAX_COOKIE_BYTES) throw new SessionTooLargeError(value.length, MAX_COOKIE_BYTES);
  return value;
}
