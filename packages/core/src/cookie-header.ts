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
 * One forward pass over at most `MAX_HEADER_SCAN` characters: each character
 * is looked at once, a pair costs a constant on top, and nothing is allocated
 * before a match, so every shape (";;;;…", "a=;a=;…", one huge pair) costs
 * about the same per byte as a benign header (docs/design.md, "Input limits").
 */
export function readRequestCookie(header: string | null, name: string): RequestCookie {
  if (!header) return ABSENT;
  const length = Math.min(header.length, MAX_HEADER_SCAN);
  let start = 0;
  for (let i = 0; i < length; i++) {
    const c = header.charCodeAt(i);
    if (c === SEMICOLON) {
      start = i + 1; // a pair without "=": nobody's cookie
    } else if (c === EQUALS) {
      const end = pairEnd(header, i + 1, length);
      if (i - start >= name.length && keyIs(header, start, i, name)) {
        return { present: true, value: cleanValue(header.slice(i + 1, end).trim()) };
      }
      start = end + 1;
      i = end;
    }
  }
  return ABSENT;
}

/**
 * The index of the ";" ending the pair whose value starts at `from`, or
 * `length`. Short values are walked (a native search costs a call per pair,
 * which ";a=;a=;…" would multiply); past 16 characters the native search
 * takes over, each character still looked at once.
 */
function pairEnd(header: string, from: number, length: number): number {
  const walk = Math.min(from + 16, length);
  for (let i = from; i < walk; i++) if (header.charCodeAt(i) === SEMICOLON) return i;
  if (walk === length) return length;
  const end = header.indexOf(";", walk);
  return end < 0 || end > length ? length : end;
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
