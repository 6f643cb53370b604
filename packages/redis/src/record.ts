import type { StoredSession } from "@edge-session/core";

/**
 * One session is one Redis string: `<expiresAt>:<version>:<value>`, with
 * `expiresAt` as exactly 15 decimal digits (epoch ms; 15 digits last until the
 * year 33658). Why a packed string rather than a hash (docs/design.md, "Stores"):
 * - `create` can then be a plain `SET key record NX PX ttl` (one command, atomic);
 * - `@upstash/redis` JSON-parses string replies by default, and a hash's fields
 *   would come back parsed (a stored `{"a":1}` as an object, `"7"` as 7). A
 *   record that starts with zero-padded digits and a colon is never valid JSON,
 *   so it comes back byte for byte whatever the client's deserialization setting;
 * - the fixed-width header lets `touch` overwrite only those 15 bytes (`SETRANGE`);
 * - the value stays the engine's JSON text, which the patch script splices.
 * @example
 * ```ts
 * packRecord('{"d":{}}', 1, 1_763_000_000_000).indexOf(":") === EXPIRES_AT_DIGITS; // true
 * ```
 */
export const EXPIRES_AT_DIGITS = 15;

const RECORD = /^(\d{15}):(\d{1,16}):/;

/**
 * `expiresAt` as the record header stores it; throws RangeError when it cannot be stored exactly.
 * @example
 * ```ts
 * formatExpiresAt(1_763_000_000_123); // "001763000000123"
 * ```
 */
export function formatExpiresAt(expiresAt: number): string {
  if (!Number.isSafeInteger(expiresAt) || expiresAt < 0 || expiresAt >= 10 ** EXPIRES_AT_DIGITS) {
    throw new RangeError(`expiresAt must be epoch milliseconds as a non-negative integer below 1e15, got ${expiresAt}`);
  }
  return String(expiresAt).padStart(EXPIRES_AT_DIGITS, "0");
}

/**
 * Builds the stored string for one session.
 * @example
 * ```ts
 * packRecord('{"d":{"n":1}}', 3, 1_763_000_000_000); // '001763000000000:3:{"d":{"n":1}}'
 * ```
 */
export function packRecord(value: string, version: number, expiresAt: number): string {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new RangeError(`version must be a positive integer, got ${version}`);
  }
  return `${formatExpiresAt(expiresAt)}:${version}:${value}`;
}

/**
 * Reads a stored string back. Anything else (absent, another app's data under
 * the same prefix) is null: it cannot be a session this store wrote.
 * @example
 * ```ts
 * parseRecord("001763000000000:3:v"); // { value: "v", version: 3, expiresAt: 1763000000000 }
 * ```
 */
export function parseRecord(raw: unknown): StoredSession | null {
  if (typeof raw !== "string") return null;
  const match = RECORD.exec(raw);
  if (!match) return null;
  const version = Number(match[2]);
  if (!Number.isSafeInteger(version)) return null;
  return { value: raw.slice(match[0].length), version, expiresAt: Number(match[1]) };
}

/**
 * Redis wants a relative TTL in whole milliseconds, at least 1 (`PX 0` is an
 * error). Relative rather than `PXAT` so that a skew between the store's clock
 * and Redis's does not shorten or stretch a session.
 * @example
 * ```ts
 * ttlMs(Date.now() + 60_000, Date.now()); // 60000
 * ```
 */
export function ttlMs(expiresAt: number, now: number): number {
  return Math.max(1, Math.ceil(expiresAt - now));
}
