import { utf8 } from "@edge-session/core/kit";

/**
 * Maps a session id to a file name that cannot escape the directory.
 *
 * Ids are never put into a path as they are: the conformance suite (and any
 * caller) may hand over ids containing `/`, `..`, `:`, `*`, `?`, `%` or NUL,
 * which must work literally, not be rejected. So the name is the lowercase hex
 * of the id's UTF-8 bytes: its alphabet is `[0-9a-f]`, which makes path
 * traversal impossible by construction, and it is case-insensitive-safe
 * (macOS and Windows file systems fold case, so base64url could collide).
 *
 * File names are limited to 255 bytes on every common file system; hex doubles
 * the length, so ids over {@link MAX_HEX_ID_BYTES} bytes are named by their
 * SHA-256 instead. The record stores the id itself, and reads compare it, so a
 * hash collision could never hand one session another's data.
 */
export const MAX_HEX_ID_BYTES = 100;

export const RECORD_SUFFIX = ".json";
const HEX = /^[0-9a-f]*$/;

export async function fileNameFor(prefix: string, id: string): Promise<string> {
  const bytes = utf8(id);
  const body =
    bytes.length <= MAX_HEX_ID_BYTES ? `x${hex(bytes)}` : `h${hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)))}`;
  // The check the path relies on, kept next to the join: nothing but [0-9a-f] after the tag reaches it.
  // A plain Error: the engine is the one place that wraps store failures (docs/design.md, "Policies: errors, clocks, expiry").
  if (!HEX.test(body.slice(1))) throw new Error("session file name outside [0-9a-f]");
  return `${prefix}${body}${RECORD_SUFFIX}`;
}

/** True for names this store writes (record files), for `clearExpired`'s directory scan. */
export function isRecordName(prefix: string, name: string): boolean {
  if (!name.startsWith(prefix) || !name.endsWith(RECORD_SUFFIX)) return false;
  const body = name.slice(prefix.length, -RECORD_SUFFIX.length);
  return (body.startsWith("x") || (body.startsWith("h") && body.length === 65)) && HEX.test(body.slice(1));
}

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}
