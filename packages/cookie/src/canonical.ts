const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Whether an unpadded base64url string is the one canonical encoding of its
 * bytes: the unused low bits of its last character are zero (RFC 4648 §3.5).
 * Decoders ignore those bits, so without this check a MAC or GCM tag has up
 * to 16 spellings that all verify — harmless for forgery, but a "tampered"
 * cookie would then still be accepted, which Django (comparing strings) never does.
 */
export function isCanonicalBase64url(text: string): boolean {
  const unusedBits = [0, -1, 4, 2][text.length % 4]!;
  if (unusedBits <= 0) return unusedBits === 0;
  const value = B64URL.indexOf(text[text.length - 1]!);
  return value >= 0 && (value & ((1 << unusedBits) - 1)) === 0;
}
