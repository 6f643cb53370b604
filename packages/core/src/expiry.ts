import type { ExpirySetting } from "./store.ts";

/**
 * The longest cookie lifetime, in seconds: 400 days. Browsers cap Max-Age and
 * Expires there (RFC 6265bis §5.5 and §5.6, Chrome since 2022), so a longer
 * `cookie.maxAge` is refused at configuration and a longer `setExpiry` at the
 * call (docs/design.md, "Input limits").
 * @example
 * sessionOptions({ cookie: { maxAge: MAX_COOKIE_AGE_SECONDS } }); // the longest allowed
 */
export const MAX_COOKIE_AGE_SECONDS = 400 * 24 * 60 * 60;

/** Seconds the session lives after a save at `savedAt` — Django's `get_expiry_age`. */
export function expiryAge(expiry: ExpirySetting | undefined, savedAt: number, maxAge: number): number {
  if (typeof expiry === "object") return Math.floor((expiry.at - savedAt) / 1000);
  // Django: "if not expiry" — both the default and 0 (browser session) fall back to the cookie age.
  return expiry ? expiry : maxAge;
}

/** The instant (epoch ms) a session saved at `savedAt` stops being valid. */
export function expiresAt(expiry: ExpirySetting | undefined, savedAt: number, maxAge: number): number {
  return typeof expiry === "object" ? expiry.at : savedAt + expiryAge(expiry, savedAt, maxAge) * 1000;
}

/** Whether the cookie should have no Max-Age/Expires — Django's `get_expire_at_browser_close`. */
export function expiresAtBrowserClose(expiry: ExpirySetting | undefined, defaultAtClose: boolean): boolean {
  return expiry === undefined ? defaultAtClose : expiry === 0;
}

/**
 * Turns `setExpiry`'s argument into the stored setting; throws RangeError for
 * nonsense, and for a number of seconds above {@link MAX_COOKIE_AGE_SECONDS}
 * (docs/design.md, "Input limits": a typed error, not a clamp, so a value is
 * never silently altered). A Date is checked against `now` when the caller
 * passes it; without it, the cookie line caps the lifetime as a browser would.
 */
export function toExpirySetting(value: number | Date | null, now?: number): ExpirySetting | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) {
    const at = value.getTime();
    if (!Number.isFinite(at)) throw new RangeError("setExpiry: invalid Date");
    if (now !== undefined && at - now > MAX_COOKIE_AGE_SECONDS * 1000) {
      throw new RangeError("setExpiry: a Date more than 400 days ahead; browsers cap cookie lifetimes at 400 days");
    }
    return { at };
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError("setExpiry: expected whole seconds ≥ 0, a Date, or null");
  }
  if (value > MAX_COOKIE_AGE_SECONDS) {
    throw new RangeError(`setExpiry: at most ${MAX_COOKIE_AGE_SECONDS} seconds (400 days); browsers cap cookie lifetimes there`);
  }
  return value;
}
