import { describe, expect, it } from "vitest";
import { serializeSetCookie } from "./cookie-header.ts";
import { SessionConfigError } from "./errors.ts";
import { MAX_COOKIE_AGE_SECONDS, toExpirySetting } from "./expiry.ts";
import { memoryStore } from "./memory-store.ts";
import { resolveOptions } from "./options.ts";

const SECRET = "expiry-test-secret-0123456789abcdef";
const DAY = 86_400;

// docs/design.md, "Input limits": cookie lifetimes are capped at 400 days (RFC 6265bis §5.5).
// Issue 10 defect 8: maxAge = MAX_SAFE_INTEGER and setExpiry(MAX_SAFE_INTEGER) both produced
// "Max-Age=9007199254740991; Expires=Invalid Date".
describe("the 400-day cookie lifetime cap (issue 10 defect 8)", () => {
  it("is 400 days", () => {
    expect(MAX_COOKIE_AGE_SECONDS).toBe(400 * DAY);
  });

  it("refuses cookie.maxAge above 400 days with SessionConfigError, and accepts exactly 400 days", () => {
    const options = (maxAge: number) => () => resolveOptions({ store: memoryStore(), secret: SECRET, cookie: { maxAge } });
    expect(options(Number.MAX_SAFE_INTEGER)).toThrow(SessionConfigError);
    expect(options(8.64e12)).toThrow(/at most 34560000 seconds/);
    expect(options(400 * DAY + 1)).toThrow(SessionConfigError);
    expect(options(400 * DAY)().cookie.maxAge).toBe(400 * DAY);
  });

  it("refuses setExpiry seconds above 400 days with a RangeError, and accepts exactly 400 days", () => {
    expect(() => toExpirySetting(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
    expect(() => toExpirySetting(400 * DAY + 1)).toThrow(/400 days/);
    expect(toExpirySetting(400 * DAY)).toBe(400 * DAY);
    expect(toExpirySetting(0)).toBe(0);
  });

  it("refuses a setExpiry Date more than 400 days after the session clock when the clock is given", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(() => toExpirySetting(new Date(now + (400 * DAY + 1) * 1000), now)).toThrow(RangeError);
    expect(toExpirySetting(new Date(now + 400 * DAY * 1000), now)).toEqual({ at: now + 400 * DAY * 1000 });
  });

  it("never writes Expires=Invalid Date: a longer lifetime reaching the cookie line is capped as a browser would", () => {
    const now = Date.UTC(2026, 0, 1);
    const attributes = { path: "/", httpOnly: true, secure: true, sameSite: "Lax" as const };
    const line = serializeSetCookie("sid", "v", { ...attributes, maxAge: Number.MAX_SAFE_INTEGER, expires: new Date(Number.NaN) });
    expect(line).toBe("sid=v; Max-Age=34560000; Path=/; HttpOnly; Secure; SameSite=Lax");
    const capped = serializeSetCookie("sid", "v", { ...attributes, maxAge: 500 * DAY, expires: new Date(now + 500 * DAY * 1000) });
    expect(capped).toBe(
      `sid=v; Max-Age=34560000; Expires=${new Date(now + 400 * DAY * 1000).toUTCString()}; Path=/; HttpOnly; Secure; SameSite=Lax`,
    );
    expect(line).not.toMatch(/Invalid Date/);
  });
});
