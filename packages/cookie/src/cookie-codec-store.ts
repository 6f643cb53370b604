import type { CookieCodecContext, CookieRejection, CookieSessionStore, DecodedCookie, SessionPayload } from "@edge-session/core/kit";
import { checkSize, type ResolvedCookieOptions, signingSecret } from "./store-options.ts";

// The store object both cookie modes return; only the value format differs
// (docs/design.md, "Cookies"). This module imports neither format, so the
// signed entry bundles no JWE code and the encrypted one no Django signing.

/**
 * What a format needs to seal a value: the salt, the secret that signs or
 * encrypts (the first of the engine's list) and the clock.
 * @example
 * const keys: SealKeys = { salt: DEFAULT_SALT, secret: env.SESSION_SECRET, now: Date.now() };
 */
export interface SealKeys {
  readonly salt: string;
  readonly secret: string;
  /** Epoch ms. */
  readonly now: number;
}

/**
 * What a format needs to open a value: the salt, every secret that may have
 * sealed it, and the byte limits implied by `maxChunks`.
 * @example
 * const loaded = await djangoLoads(value, keys); // keys: OpenKeys
 */
export interface OpenKeys {
  readonly salt: string;
  readonly secrets: readonly string[];
  /** Longer values are refused before any crypto. */
  readonly maxBytes: number;
  /** The most decompressed bytes a value may inflate to. */
  readonly maxInflatedBytes: number;
}

/**
 * One cookie value format: seal a payload into a value, open a value again
 * (a rejection reason for anything that does not verify or parse, never a throw).
 * @example
 * const codec: CookieCodec = { seal: (payload, keys) => sealSomehow(payload, keys), open: (value, keys) => openSomehow(value, keys) };
 */
export interface CookieCodec {
  seal(payload: SessionPayload, keys: SealKeys): Promise<string>;
  open(value: string, keys: OpenKeys): Promise<DecodedCookie | CookieRejection>;
}

/**
 * A cookie session store around one value format: the secret checked, the
 * size budget enforced on every value it writes, the limits passed to every read.
 * @example
 * return cookieCodecStore("cookieStore", resolveCookieOptions("cookieStore", options), codec);
 */
export function cookieCodecStore(factory: string, limits: ResolvedCookieOptions, codec: CookieCodec): CookieSessionStore {
  const { salt } = limits;
  return {
    kind: "cookie",
    // Last write wins: two tabs' cookies never merge. "strong": what the browser sends is what was set.
    capabilities: { atomic: false, consistency: "strong" },
    maxChunks: limits.maxChunks,
    async encode(payload: SessionPayload, context: CookieCodecContext): Promise<string> {
      const value = await codec.seal(payload, { salt, secret: signingSecret(factory, context), now: context.now });
      return checkSize(value, limits);
    },
    async decode(value: string, context: CookieCodecContext): Promise<DecodedCookie | CookieRejection> {
      return await codec.open(value, {
        salt,
        secrets: context.secrets,
        maxBytes: limits.maxValueBytes,
        maxInflatedBytes: limits.maxInflatedBytes,
      });
    },
  };
}
