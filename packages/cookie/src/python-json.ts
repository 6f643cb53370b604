import { SessionSerializationError } from "@edge-session/core";

const MAX_DEPTH = 512;

/**
 * JSON text exactly as Python's `json.dumps(obj, separators=(",", ":"))` writes
 * it — the bytes Django's `JSONSerializer` signs. Python defaults to
 * `ensure_ascii=True`, so every character outside 0x20–0x7E is escaped as a
 * lowercase `\uXXXX` (astral characters as their UTF-16 surrogate pair), and
 * floats use Python's `repr` (`1e-05`, not JS's `0.00001`).
 *
 * `path` names the top-level session key in a SessionSerializationError for a
 * value JSON cannot carry unchanged (the engine already refuses those at
 * `set()`; this is the last line of defence, never a silent change).
 */
export function pythonJson(value: unknown, path = "(root)", depth = 0): string {
  // A cookie holds at most 4096 bytes, so anything nested this deep is a cycle or a mistake;
  // failing here beats a RangeError from a blown stack.
  if (depth > MAX_DEPTH) throw new SessionSerializationError(path, "it is nested too deeply (or contains a cycle)");
  switch (typeof value) {
    case "string":
      return pythonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return pythonNumber(value, path);
    case "object":
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ",";
          out += pythonJson(value[i], path, depth + 1);
        }
        return `${out}]`;
      }
      if (!isPlainObject(value)) throw new SessionSerializationError(path, "a non-plain object would not survive JSON");
      return pythonObject(value as Record<string, unknown>, path, depth + 1);
    default:
      throw new SessionSerializationError(path, `a ${typeof value} has no JSON form`);
  }
}

/**
 * `{"k":v,…}` in property order (JS order: integer-like keys first, then
 * insertion order). Without `path`, each top-level key names its own errors.
 */
export function pythonObject(object: Record<string, unknown>, path?: string, depth = 0): string {
  let out = "{";
  let first = true;
  for (const key of Object.keys(object)) {
    const item = object[key];
    const itemPath = path ?? key;
    if (item === undefined) throw new SessionSerializationError(itemPath, "undefined is dropped by JSON");
    if (!first) out += ",";
    first = false;
    out += `${pythonString(key)}:${pythonJson(item, itemPath, depth)}`;
  }
  return `${out}}`;
}

// Everything JSON.stringify leaves unescaped that Python's ensure_ascii escapes:
// DEL and every UTF-16 code unit ≥ 0x80 (so astral characters become two escapes).
const NON_ASCII = /[\u007f-\uffff]/;
const NON_ASCII_ALL = /[\u007f-\uffff]/g;

function escapeUnit(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * JSON.stringify already writes `\"`, `\\`, `\b \f \n \r \t` and lowercase
 * `\u00XX` for the other control characters, and (well-formed JSON.stringify,
 * ES2019) lowercase `\udXXX` for lone surrogates — all as Python does.
 */
export function pythonString(text: string): string {
  const json = JSON.stringify(text);
  return NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, escapeUnit) : json;
}

/**
 * Python's `float.__repr__`: shortest round-trip digits (same as JS), fixed
 * notation for 1e-4 ≤ |x| < 1e16, otherwise `d.ddde±XX` with at least two
 * exponent digits. Integral JS numbers below 1e21 print as Python ints do
 * (all digits); from 1e21 both languages agree on `1e+21`.
 */
function pythonNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new SessionSerializationError(path, `${value} has no JSON form`);
  if (Number.isInteger(value)) return Object.is(value, -0) ? "0" : String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4) return String(value); // non-integers are all < 2^53 < 1e16: fixed in both languages
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  const sign = exponent[0] === "-" ? "-" : "+";
  const digits = exponent.replace(/^[+-]/, "");
  return `${mantissa}e${sign}${digits.padStart(2, "0")}`;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
