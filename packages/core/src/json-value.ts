import { SessionSerializationError } from "./errors.ts";

/**
 * Refuses any value that JSON would drop or change: functions, symbols,
 * BigInt, undefined, NaN/Infinity, cycles and non-plain objects (Date, Map,
 * class instances). Django's JSONSerializer fails loudly on these too; we fail
 * at `set()` time, naming the key, so the bug shows where it was written.
 */
export function assertJsonValue(key: string, value: unknown): void {
  const reason = whyNotJson(value, new Set());
  if (reason) throw new SessionSerializationError(key, reason);
}

function whyNotJson(value: unknown, seen: Set<object>): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : `${value} becomes null in JSON`;
    case "undefined":
      return "undefined is dropped by JSON";
    case "bigint":
      return "BigInt has no JSON form";
    case "function":
      return "a function has no JSON form";
    case "symbol":
      return "a symbol has no JSON form";
  }
  if (value === null) return undefined;
  const object = value as object;
  if (seen.has(object)) return "it contains a cycle";
  seen.add(object);
  let reason: string | undefined;
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length && !reason; i++) {
      reason = i in object ? whyNotJson(object[i], seen) : "a sparse array's holes become null";
    }
  } else {
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      return `a ${object.constructor?.name ?? "non-plain"} object would not survive JSON`;
    }
    if (Object.getOwnPropertySymbols(object).length > 0) return "symbol keys are dropped by JSON";
    for (const k in object) {
      reason = whyNotJson((object as Record<string, unknown>)[k], seen);
      if (reason) break;
    }
  }
  seen.delete(object);
  return reason;
}
