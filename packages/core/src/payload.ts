import type { ExpirySetting, SessionPatch, SessionPayload } from "./store.ts";

/** An empty session. */
export function emptyPayload(): SessionPayload {
  return { data: {}, flash: {}, expiry: undefined };
}

export function isEmptyPayload(payload: SessionPayload): boolean {
  for (const _ in payload.data) return false;
  for (const _ in payload.flash) return false;
  return true;
}

/**
 * The value a server store keeps: `{"d":data,"f":flash,"x":expiry}`, with `f`
 * and `x` only when set. Expiry is metadata beside the data, never a key in it.
 */
export function serializePayload(payload: SessionPayload): string {
  let json = `{"d":${JSON.stringify(payload.data)}`;
  if (!isEmptyObject(payload.flash)) json += `,"f":${JSON.stringify(payload.flash)}`;
  if (payload.expiry !== undefined) json += `,"x":${JSON.stringify(payload.expiry)}`;
  return `${json}}`;
}

/** Parses a stored value; null when it is not one of ours (corrupt records read as absent, like Django's decode). */
export function parsePayload(value: string): SessionPayload | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!isPlainObject(parsed) || !isPlainObject(parsed.d)) return null;
  const flash = parsed.f ?? {};
  if (!isPlainObject(flash)) return null;
  const expiry = parsed.x;
  if (expiry !== undefined && !isExpirySetting(expiry)) return null;
  return { data: parsed.d, flash, expiry };
}

function isExpirySetting(value: unknown): value is ExpirySetting {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0;
  return isPlainObject(value) && typeof value.at === "number" && Number.isFinite(value.at);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEmptyObject(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

/**
 * Applies a `patch` to a stored value, for stores that run JavaScript next to
 * their data (memory, files, Durable Objects). Null when the value is not one
 * of ours. Keys are defined as own properties, so `__proto__` stays a key.
 */
export function applyPatch(value: string, changes: SessionPatch): string | null {
  const payload = parsePayload(value);
  if (!payload) return null;
  const data = changes.clear ? {} : payload.data;
  const flash = changes.clear ? {} : payload.flash;
  applyChanges(data, changes.data);
  applyChanges(flash, changes.flash);
  const expiry =
    changes.expiry === undefined ? payload.expiry : changes.expiry === null ? undefined : (JSON.parse(changes.expiry) as ExpirySetting);
  return serializePayload({ data, flash, expiry });
}

function applyChanges(target: Record<string, unknown>, changes: SessionPatch["data"]): void {
  for (const [key, json] of changes) {
    if (json === null) delete target[key];
    else Object.defineProperty(target, key, { value: JSON.parse(json), writable: true, enumerable: true, configurable: true });
  }
}
