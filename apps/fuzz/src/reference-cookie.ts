/**
 * The fuzzer's oracle for "which value is our cookie": RFC 6265 §5.4's reading
 * written the obvious way (split on ";", first "=" splits name and value, the
 * first match wins), within the 32 KiB scan cap and the cookie-octet and
 * 4096-byte rules of docs/design.md, "Input limits". Independent of core's
 * one-pass parser, so the fuzz run also checks that the two agree.
 * @example
 * referenceCookie("a=1; sessionid=abc", "sessionid"); // { present: true, value: "abc" }
 */
export function referenceCookie(header: string, name: string): { present: boolean; value: string | undefined } {
  for (const pair of header.slice(0, 32 * 1024).split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      let value = pair.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      const usable = value.length > 0 && value.length <= 4096 && /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/.test(value);
      return { present: true, value: usable ? value : undefined };
    }
  }
  return { present: false, value: undefined };
}
