import { base64url } from "./encoding.ts";
import { hmacMatch, hmacSign, saltedHmacKey, saltedHmacKeys } from "./signing.ts";
import { VerifiedMemo } from "./verified-memo.ts";

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
  const signed = `${id}.${await hmacSign(await saltedHmacKey(ID_KEY_SALT, secrets[0]!), id)}`;
  verified.set(secrets, signed, { id, current: true }); // our own signature: the visitor's next read needs no verify
  return signed;
}

/** A verified cookie: its id, and whether the current (first) secret signed it. */
export interface VerifiedId {
  id: string;
  current: boolean;
}

/**
 * The id inside a signed cookie value, or why it was refused. The shape is
 * checked before any crypto, so garbage costs a regex test and never reaches
 * a store (docs/design.md §3).
 */
export async function verifySessionId(
  cookieValue: string,
  secrets: readonly string[],
): Promise<VerifiedId | "malformed" | "bad-signature"> {
  if (!SIGNED_ID.test(cookieValue)) return "malformed";
  const known = verified.get(secrets, cookieValue);
  if (known) return known;
  const id = cookieValue.slice(0, 32);
  const keys = await saltedHmacKeys(ID_KEY_SALT, secrets);
  const match = await hmacMatch(keys, id, cookieValue.slice(33));
  if (match < 0) return "bad-signature";
  const result = { id, current: match === 0 };
  verified.set(secrets, cookieValue, result);
  return result;
}

/** Signed ids verified in this isolate; 10,000 entries of ~76 bytes each is under 2 MB. */
const verified = new VerifiedMemo<VerifiedId>(10_000);
