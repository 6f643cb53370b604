/** The session's cookies in one request: `sessionid` and, for a chunked session, `sessionid.1`, `sessionid.2`, … */
export interface SessionCookies {
  names: string[];
  /** Bytes of `name=value` pairs as the browser sent them. */
  bytes: number;
}

/**
 * Which of the request's cookies carry the session (the cookie stores split a value over
 * 4 KB into numbered chunks; docs/design.md, "Cookies over 4 KB"), for the session panel.
 */
export function sessionCookies(header: string | undefined, name = "sessionid"): SessionCookies {
  const found: SessionCookies = { names: [], bytes: 0 };
  for (const pair of (header ?? "").split(";")) {
    const trimmed = pair.trim();
    const cookieName = trimmed.slice(0, trimmed.indexOf("="));
    if (cookieName === name || (cookieName.startsWith(`${name}.`) && /^\d+$/.test(cookieName.slice(name.length + 1)))) {
      found.names.push(cookieName);
      found.bytes += trimmed.length;
    }
  }
  return found;
}
