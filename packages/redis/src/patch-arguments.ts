import type { SessionPatch } from "@edge-session/core";
import { formatExpiresAt, ttlMs } from "./record.ts";

/**
 * The ARGV of `PATCH_SCRIPT` for one `SessionPatch`. Keys travel as their
 * `JSON.stringify` text, the form the engine's serializer wrote them in, so the
 * script compares them byte for byte without decoding JSON escapes; values
 * travel as the engine's JSON text and are spliced in unchanged.
 * @example
 * ```ts
 * const args = patchArguments({ clear: false, data: [["n", "1"]], flash: [] }, Date.now() + 60_000, Date.now());
 * ```
 */
export function patchArguments(changes: SessionPatch, expiresAt: number, now: number): string[] {
  const expiry = changes.expiry === undefined ? "" : changes.expiry === null ? "-" : changes.expiry;
  const args = [String(now), formatExpiresAt(expiresAt), String(ttlMs(expiresAt, now)), changes.clear ? "1" : "0", expiry];
  args.push(String(changes.data.length));
  for (const [key, json] of changes.data) args.push(JSON.stringify(key), jsonArgument(json));
  for (const [key, json] of changes.flash) args.push(JSON.stringify(key), jsonArgument(json));
  return args;
}

/** "" means "delete" to the script; JSON text is never empty, so a set can never be mistaken for one. */
function jsonArgument(json: string | null): string {
  if (json === "") throw new TypeError("a patch value must be JSON text, not the empty string");
  return json ?? "";
}

/**
 * Checks a script's reply: the scripts answer only these strings, so anything
 * else is a broken server or client and must fail loudly, not pass as "ok".
 * @example
 * ```ts
 * const result = scriptResult(await client.command(["EVALSHA", sha, "1", key, ...args]), ["ok", "gone"]);
 * ```
 */
export function scriptResult<const T extends string>(reply: unknown, allowed: readonly T[]): T {
  if (typeof reply === "string" && (allowed as readonly string[]).includes(reply)) return reply as T;
  throw new TypeError(`unexpected reply from a session script: ${JSON.stringify(reply)}`);
}
