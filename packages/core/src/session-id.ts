import { base64url } from "./encoding.ts";
import { hmacMatch, hmacSign, saltedHmacKey, saltedHmacKeys } from "./signing.ts";

/**
 * Server-store cookies hold `<id>.<signature>`: 24 random bytes (192 bits,
 * above the 128 the design asks for) as 32 base64url characters, then the
 * HMAC-SHA256 of the id under a key used for nothing else.
 */
const ID_BYTES = 24;
const ID_KEY_SALT = "edge-session.session-id.signer";
const SIGNED_ID = /^[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/;

/** A fresh random session id from `crypto.getRandomValues`. */
export function newSessionId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(ID_BYTES)));
}

/** `<id>.<signature>` signed with the first secret. */
export async function signSessionId(id: string, secrets: readonly string[]): Promise<string> {
  return `${id}.${await hmacSign(await saltedHmacKey(ID_KEY_SALT, secrets[0]!), id)}`;
}

/** A verified cookie: its id, and whether the current (first) secret signed it. */
export interface VerifiedId {
  id: string;
  current: boolean;
}

/**
 * The id inside a signed cookie value, or null. The shape is checked before
 * any crypto, so garbage costs a regex test and never reaches a store.
 */
export async function verifySessionId(cookieValue: string, secrets: readonly string[]): Promise<VerifiedId | null> {
  if (!SIGNED_ID.test(cookieValue)) return null;
  const id = cookieValue.slice(0, 32);
  const keys = await saltedHmacKeys(ID_KEY_SALT, secrets);
  const match = await hmacMatch(keys, id, cookieValue.slice(33));
  return match < 0 ? null : { id, current: match === 0 };
}
