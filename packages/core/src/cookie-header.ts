// RFC 6265 cookie parsing and serialization, tolerant of anything a client sends.
import { MAX_COOKIE_AGE_SECONDS } from "./expiry.ts";

/** Browsers keep at most 4096 bytes of name + value (RFC 6265 §6.1); nothing longer can be ours. */
export const MAX_COOKIE_BYTES = 4096;

/**
 * A `Cookie` header larger than this is not scanned past this point: the scan
 * is linear in the header's length (docs/design.md, "Input limits"), and this
 * cap bounds that linear cost for a 1.5 MB header too.
 */
const MAX_HEADER_SCAN = 32 * 1024;

/** RFC 6265 §4.1.1 cookie-octet: printable US-ASCII except space, DQUOTE, comma, semicolon and backslash. */
const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/** What a request carried under one cookie name. */
export interface RequestCookie {
  /** The request carried a cookie of this name at all (even a malformed one). */
  present: boolean;
  /** Its value if well-formed (quotes removed), else undefined. */
  value: string | undefined;
}

const ABSENT: RequestCookie = { present: false, value: undefined };

/**
 * Finds the cookie `name` in a `Cookie` header. Duplicates: the first one
 * wins, as browsers send the most specific path first (RFC 6265 §5.4 step 2).
 * Never throws: a malformed value counts as present but unusable.
 *
 * One forward pass over at most `MAX_HEADER_SCAN` characters, with a constant
 * amount of work per character and per pair and no allocation before a match,
 * so every shape (";;;;…", "a=;a=;…", one huge pair) costs about the same per
 * byte as a benign header (docs/design.md, "Input limits").
 */
export function readRequestCookie(header: string | null, name: string): RequestCookie {
  if (!header) return ABSENT;
  const length = Math.min(header.length, MAX_HEADER_SCAN);
  let start = 0;
  let eq = -1;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? header.charCodeAt(i) : SEMICOLON;
    if (c === EQUALS) {
      if (eq < 0) eq = i;
    } else if (c === SEMICOLON) {
      if (eq > start && keyIs(header, start, eq, name)) {
        return { present: true, value: cleanValue(header.slice(eq + 1, i).trim()) };
      }
      start = i + 1;
      eq = -1;
    }
  }
  return ABSENT;
}

const SEMICOLON = 0x3b;
const EQUALS = 0x3d;

/** `header.slice(start, end).trim() === name`, without allocating. */
function keyIs(header: string, start: number, end: number, name: string): boolean {
  let from = start;
  let to = end;
  while (from < to && isTrimmed(header.charCodeAt(from))) from++;
  while (to > from && isTrimmed(header.charCodeAt(to - 1))) to--;
  return to - from === name.length && header.startsWith(name, from);
}

/** The characters `String.prototype.trim` removes: ECMAScript WhiteSpace and LineTerminator. */
function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function cleanValue(raw: string): string | undefined {
  let value = raw;
  if (value.length >= 2 && value.charCodeAt(0) === 34 && value.charCodeAt(value.length - 1) === 34) value = value.slice(1, -1);
  if (value.length === 0 || value.length > MAX_COOKIE_BYTES || !COOKIE_OCTETS.test(value)) return undefined;
  return value;
}

/** Attributes of a `Set-Cookie` line, already validated by the options. */
export interface SetCookieAttributes {
  maxAge?: number | undefined;
  expires?: Date | undefined;
  domain?: string | undefined;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: "Strict" | "Lax" | "None";
}

/**
 * `name=value; Max-Age=…; Expires=…; Domain=…; Path=…; HttpOnly; Secure; SameSite=…`
 * in a fixed order, so that tests (and caches) can compare headers byte by byte.
 */
export function serializeSetCookie(name: string, value: string, attributes: SetCookieAttributes): string {
  let { maxAge, expires } = attributes;
  // The last line of defence (docs/design.md, "Input limits"): options and setExpiry refuse lifetimes
  // over 400 days, but a record written before that bound may still carry one. Send what a browser
  // would keep (RFC 6265bis §5.5/§5.6 cap both at 400 days), and never "Expires=Invalid Date".
  if (maxAge !== undefined && maxAge > MAX_COOKIE_AGE_SECONDS) {
    if (expires !== undefined) expires = new Date(expires.getTime() - (maxAge - MAX_COOKIE_AGE_SECONDS) * 1000);
    maxAge = MAX_COOKIE_AGE_SECONDS;
  }
  if (expires !== undefined && !Number.isFinite(expires.getTime())) expires = undefined;
  let line = `${name}=${value}`;
  if (maxAge !== undefined) line += `; Max-Age=${maxAge}`;
  if (expires !== undefined) line += `; Expires=${expires.toUTCString()}`;
  if (attributes.domain !== undefined) line += `; Domain=${attributes.domain}`;
  line += `; Path=${attributes.path}`;
  if (attributes.httpOnly) line += "; HttpOnly";
  if (attributes.secure) line += "; Secure";
  line += `; SameSite=${attributes.sameSite}`;
  return line;
}
