/**
 * Test helpers shared by the cookie package's tests: a payload builder, the
 * decoded-or-fail check and deterministic filler text.
 */
import type { CookieRejection, DecodedCookie, SessionPayload } from "@edge-session/core/kit";

/** The decoded cookie, failing the test with the store's reason when it was refused. */
export function accepted(decoded: DecodedCookie | CookieRejection): DecodedCookie {
  if (typeof decoded === "string") throw new Error(`cookie refused: ${decoded}`);
  return decoded;
}

/** A session payload with `data`, no flash and the default expiry, unless `extra` says otherwise. */
export const payload = (data: Record<string, unknown>, extra: Partial<SessionPayload> = {}): SessionPayload => ({
  data,
  flash: {},
  expiry: undefined,
  ...extra,
});

/** The same pseudo-random (hardly compressible) text for the same length and seed, every run (xorshift32). */
export function seededText(length: number, seed = 0x9e3779b9): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let state = seed;
  let out = "";
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out += alphabet[(state >>> 0) % alphabet.length];
  }
  return out;
}
