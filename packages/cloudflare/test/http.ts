/** The `name=value` pair of a response's session cookie, to send back as a `Cookie` header; undefined when none was set. */
export function sessionCookie(response: Response, name = "sessionid"): string | undefined {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return header?.split(";", 1)[0];
}

/** A GET request to `path`, carrying `cookie` when given. */
export function get(path: string, cookie?: string): Request {
  return new Request(`https://example.com${path}`, cookie ? { headers: { Cookie: cookie } } : {});
}

/** 32+ characters, as the engine demands of a secret. */
export const SECRET = "test-secret-that-is-at-least-32-characters-long";
