import type { ExpirySetting } from "./store.ts";

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

/** Turns `setExpiry`'s argument into the stored setting; throws RangeError for nonsense. */
export function toExpirySetting(value: number | Date | null): ExpirySetting | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) {
    const at = value.getTime();
    if (!Number.isFinite(at)) throw new RangeError("setExpiry: invalid Date");
    return { at };
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError("setExpiry: expected whole seconds ≥ 0, a Date, or null");
  }
  return value;
}
