/**
 * The value of cookie `name` in a response's Set-Cookie lines (the last one
 * wins, as in a browser), or undefined. A removal (empty value or Max-Age=0)
 * counts as undefined.
 */
export function setCookieValue(response: Response, name: string): string | undefined {
  let found: string | undefined;
  for (const line of response.headers.getSetCookie()) {
    const eq = line.indexOf("=");
    if (eq < 0 || line.slice(0, eq).trim() !== name) continue;
    const end = line.indexOf(";", eq);
    const value = line.slice(eq + 1, end < 0 ? undefined : end).trim();
    found = value === "" || /;\s*max-age=0(\s*;|\s*$)/i.test(line) ? undefined : value;
  }
  return found;
}

/**
 * A forged copy of a cookie value: one character near the middle changed to
 * another of the same alphabet. The middle of the value is payload or
 * ciphertext in every format measured here, and every bit of a middle base64
 * character is significant, so the forgery must fail verification.
 */
export function tamper(value: string): string {
  const isAlnum = (c: string): boolean => /[A-Za-z0-9]/.test(c);
  for (let i = Math.floor(value.length / 2); i < value.length; i++) {
    const c = value[i]!;
    if (!isAlnum(c)) continue;
    const replacement = c === "A" ? "B" : "A";
    return value.slice(0, i) + replacement + value.slice(i + 1);
  }
  throw new Error(`cannot tamper with cookie value ${value}`);
}
