// RFC 6265 cookie parsing and serialization, tolerant of anything a client sends.

/** Browsers keep at most 4096 bytes of name + value (RFC 6265 §6.1); nothing longer can be ours. */
export const MAX_COOKIE_BYTES = 4096;

/** A `Cookie` header larger than this is not scanned past this point (no CPU amplification from huge headers). */
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
 */
export function readRequestCookie(header: string | null, name: string): RequestCookie {
  if (!header) return ABSENT;
  const text = header.length > MAX_HEADER_SCAN ? header.slice(0, MAX_HEADER_SCAN) : header;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(";", start);
    if (end < 0) end = text.length;
    const eq = text.indexOf("=", start);
    if (eq > start && eq < end && text.slice(start, eq).trim() === name) {
      return { present: true, value: cleanValue(text.slice(eq + 1, end).trim()) };
    }
    start = end + 1;
  }
  return ABSENT;
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
  let line = `${name}=${value}`;
  if (attributes.maxAge !== undefined) line += `; Max-Age=${attributes.maxAge}`;
  if (attributes.expires !== undefined) line += `; Expires=${attributes.expires.toUTCString()}`;
  if (attributes.domain !== undefined) line += `; Domain=${attributes.domain}`;
  line += `; Path=${attributes.path}`;
  if (attributes.httpOnly) line += "; HttpOnly";
  if (attributes.secure) line += "; Secure";
  line += `; SameSite=${attributes.sameSite}`;
  return line;
}
