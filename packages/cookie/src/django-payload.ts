import { SessionSerializationError } from "@edge-session/core";
import type { ExpirySetting, SessionPayload } from "@edge-session/core/kit";
import { pythonJson, pythonObject } from "./python-json.ts";

/** Django's own key for a custom expiry (`SessionBase.set_expiry`), so Django sees the same expiry. */
export const EXPIRY_KEY = "_session_expiry";
/** Where flash values ride in the signed cookie; never visible among the session's keys. */
export const FLASH_KEY = "_flash";

/**
 * The dict Django's signed_cookies backend signs, as Python JSON text: the
 * session's keys, then `_session_expiry` when a custom expiry is set and
 * `_flash` when flash values exist. A plain session is exactly its data.
 */
export function toDjangoSessionJson(payload: SessionPayload): string {
  const { data, flash, expiry } = payload;
  for (const reserved of [EXPIRY_KEY, FLASH_KEY]) {
    if (Object.hasOwn(data, reserved)) {
      throw new SessionSerializationError(reserved, "this key is reserved by the signed cookie format (expiry and flash ride under it)");
    }
  }
  let json = pythonObject(data);
  let extra = "";
  if (expiry !== undefined) extra += `,"${EXPIRY_KEY}":${expiryToDjango(expiry)}`;
  if (hasKeys(flash)) extra += `,"${FLASH_KEY}":${pythonJson(flash, "(flash)")}`;
  if (extra) json = json === "{}" ? `{${extra.slice(1)}}` : `${json.slice(0, -1)}${extra}}`;
  return json;
}

/**
 * The payload inside a Django session dict (JSON text); null when it is not a
 * dict or carries an expiry or flash we cannot read — an expiry we cannot
 * enforce must not be ignored, so such a cookie reads as no session.
 */
export function fromDjangoSessionJson(json: string): SessionPayload | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  const record = data as Record<string, unknown>;
  let expiry: ExpirySetting | undefined;
  if (Object.hasOwn(record, EXPIRY_KEY)) {
    const raw = record[EXPIRY_KEY];
    // Django treats a falsy `_session_expiry` other than 0 as "no custom expiry".
    if (raw !== null) {
      const parsed = expiryFromDjango(raw);
      if (parsed === null) return null;
      expiry = parsed;
    }
    delete record[EXPIRY_KEY];
  }
  let flash: Record<string, unknown> = {};
  if (Object.hasOwn(record, FLASH_KEY)) {
    const raw = record[FLASH_KEY];
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
    flash = raw as Record<string, unknown>;
    delete record[FLASH_KEY];
  }
  return { data: record, flash, expiry };
}

/** Seconds as an int; an absolute instant as Python's `datetime.isoformat()` of an aware UTC datetime. */
function expiryToDjango(expiry: ExpirySetting): string {
  if (typeof expiry === "number") {
    if (!Number.isSafeInteger(expiry) || expiry < 0) throw new SessionSerializationError(EXPIRY_KEY, "expiry must be whole seconds ≥ 0");
    return String(expiry);
  }
  return `"${isoformat(expiry.at)}"`;
}

function expiryFromDjango(raw: unknown): ExpirySetting | null {
  if (typeof raw === "number") return Number.isSafeInteger(raw) && raw >= 0 ? raw : null;
  if (typeof raw === "string") {
    const at = parseIsoformat(raw);
    return at === null ? null : { at };
  }
  return null;
}

// Python's datetime.min (year 1). Not Date.UTC(1, …), which reads years 0–99 as 1900–1999.
const MIN_MS = new Date(0).setUTCFullYear(1, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999); // datetime.max, to the millisecond

/**
 * Python's `datetime.isoformat()` of a UTC-aware datetime:
 * `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00`, microseconds only when non-zero.
 */
export function isoformat(ms: number): string {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    throw new SessionSerializationError(EXPIRY_KEY, "the expiry date is outside the years 1–9999 Python can represent");
  }
  const d = new Date(Math.floor(ms));
  const p2 = (n: number): string => String(n).padStart(2, "0");
  let out = `${String(d.getUTCFullYear()).padStart(4, "0")}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  out += `T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const millis = d.getUTCMilliseconds();
  if (millis) out += `.${String(millis * 1000).padStart(6, "0")}`;
  return `${out}+00:00`;
}

// What `isoformat()` writes (fraction of 3 or 6 digits, optional UTC offset), plus a "Z" suffix.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}|\d{6}))?(?:(Z)|([+-])(\d{2}):(\d{2}))?$/;

/**
 * Epoch ms of an ISO datetime as Python's `datetime.fromisoformat` reads the
 * forms Django writes; null if malformed or out of range. A naive datetime
 * (Django with USE_TZ=False) is taken as UTC: the server's zone is unknowable here.
 */
export function parseIsoformat(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ? Math.floor(Number(m[7].padEnd(6, "0")) / 1000) : 0;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, fraction);
  // Reject rolled-over fields (month 13, Feb 30, 24:00) instead of normalising them.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (date.getUTCHours() !== hour || date.getUTCMinutes() !== minute || date.getUTCSeconds() !== second) return null;
  let ms = date.getTime();
  if (m[9]) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
    ms -= m[9] === "+" ? offset : -offset;
  }
  return ms;
}

function hasKeys(object: object): boolean {
  for (const _ in object) return true;
  return false;
}
