import { SessionSerializationError } from "./errors.ts";

/**
 * How many arrays and objects a session value may nest (docs/design.md,
 * "Values and serialization"). JSON.stringify recurses and overflows the stack
 * at a few thousand levels, a raw RangeError; the limit keeps far below that on
 * every runtime, and counts the value itself (`[]` has depth 1, `[[1]]` depth 2).
 * @example
 * await session.set("deep", nest(MAX_JSON_DEPTH)); // fine; one level more throws SessionSerializationError
 */
export const MAX_JSON_DEPTH = 512;

/**
 * Refuses any value that JSON would drop or change, so a value either
 * survives JSON unchanged or fails here (docs/design.md, "Values and
 * serialization"): functions, symbols, BigInt, undefined, NaN/Infinity, -0,
 * cycles, non-plain objects (Date, Map, class instances), sparse arrays,
 * arrays with extra own properties, non-enumerable own properties, symbol
 * keys, and nesting deeper than {@link MAX_JSON_DEPTH}. Django's
 * JSONSerializer fails loudly on these too; we fail at `set()` time, naming
 * the key (and the path inside the value), so the bug shows where it was written.
 * @example
 * assertJsonValue("cart", { items: [1, 2] }); // fine
 * assertJsonValue("when", new Date()); // throws SessionSerializationError, key "when"
 */
export function assertJsonValue(key: string, value: unknown): void {
  const reason = whyNotJson(value, new Set(), "", 0);
  if (reason) throw new SessionSerializationError(key, reason);
}

/** The reason `value` would not survive JSON unchanged, with where inside it, or undefined. */
function whyNotJson(value: unknown, seen: Set<object>, path: string, depth: number): string | undefined {
  const at = path ? ` (at ${path})` : "";
  switch (typeof value) {
    case "string":
    case "boolean":
      return undefined;
    case "number":
      if (!Number.isFinite(value)) return `${value} becomes null in JSON${at}`;
      // Refused rather than normalised: JSON.stringify(-0) is "0", and a value is never silently altered.
      return Object.is(value, -0) ? `-0 becomes 0 in JSON${at}` : undefined;
    case "undefined":
      return `undefined is dropped by JSON${at}`;
    case "bigint":
      return `BigInt has no JSON form${at}`;
    case "function":
      return `a function has no JSON form${at}`;
    case "symbol":
      return `a symbol has no JSON form${at}`;
  }
  if (value === null) return undefined;
  const object = value as object;
  // A depth counter, not an iterative walk: recursion stops at MAX_JSON_DEPTH, far below any stack limit.
  if (depth >= MAX_JSON_DEPTH) return `it nests deeper than ${MAX_JSON_DEPTH} arrays and objects${at}`;
  if (seen.has(object)) return `it contains a cycle${at}`;
  if (Object.getOwnPropertySymbols(object).length > 0) return `symbol keys are dropped by JSON${at}`;
  const names = Object.getOwnPropertyNames(object);
  seen.add(object);
  let reason: string | undefined;
  if (Array.isArray(object)) {
    if (Object.getPrototypeOf(object) !== Array.prototype) return `an Array subclass would come back a plain array${at}`;
    for (let i = 0; i < object.length && !reason; i++) {
      reason = i in object ? whyNotJson(object[i], seen, `${path}[${i}]`, depth + 1) : `a sparse array's holes become null${at}`;
    }
    // Own names are the indices and "length"; anything more (`Object.assign([1], { extra: 2 })`) JSON drops.
    if (!reason && names.length !== object.length + 1) reason = `an array's non-index properties are dropped by JSON${at}`;
  } else {
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      return `a ${object.constructor?.name ?? "non-plain"} object would not survive JSON${at}`;
    }
    const keys = Object.keys(object);
    if (keys.length !== names.length) return `a non-enumerable property is dropped by JSON${at}`;
    for (const k of keys) {
      reason = whyNotJson((object as Record<string, unknown>)[k], seen, `${path}.${k}`, depth + 1);
      if (reason) break;
    }
  }
  seen.delete(object);
  return reason;
}
