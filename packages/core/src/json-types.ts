/**
 * Compile-time counterparts of `assertJsonValue` (docs/design.md, "Values and
 * serialization"): session data must survive JSON, so a field typed `Date`,
 * `Map`, `Set`, function, `bigint`, `symbol` or `undefined` alone is a type
 * error where the data type is declared, not only a `SessionSerializationError`
 * at `set()` time.
 * @module
 */

/**
 * A JSON scalar.
 * @example
 * const flag: JsonPrimitive = true;
 */
export type JsonPrimitive = string | number | boolean | null;

/**
 * Any value JSON round-trips unchanged (NaN and Infinity aside, which only the runtime check sees).
 * @example
 * const cart: JsonValue = { items: ["apple"], total: 3 };
 */
export type JsonValue = JsonPrimitive | JsonValue[] | readonly JsonValue[] | JsonObject;

/**
 * A JSON object: string keys to JSON values. An optional key may be absent (it is never stored as `undefined`).
 * @example
 * const prefs: JsonObject = { theme: "dark", columns: 3 };
 */
export type JsonObject = { [key: string]: JsonValue | undefined };

declare const notJson: unique symbol;

/**
 * What a field that JSON cannot hold is checked against: no value has this
 * type, so the compiler reports the field, its type and the reason, e.g.
 * `Type 'Date' is not assignable to type 'NotJson<"a Date becomes a string in JSON: store toISOString() or getTime()">'`.
 * @example
 * type Bad = JsonData<{ at: Date }>; // { at: NotJson<"a Date becomes a string in JSON: …"> }
 */
export interface NotJson<Reason extends string> {
  readonly [notJson]: Reason;
}

/**
 * The JSON-checked image of a data type, for use as a self-referencing
 * constraint: `Data extends JsonData<Data>` accepts exactly the data types
 * whose every field is JSON, including interfaces (which have no index
 * signature, so `Record<string, JsonValue>` would refuse them) and optional
 * fields. A field typed `unknown` or `any` passes: it is checked at run time,
 * as the default `SessionData` is.
 * @example
 * ```ts
 * function save<Data extends JsonData<Data>>(data: Data) {}
 * save({ visits: 1 });
 * // @ts-expect-error a Date field is not JSON
 * save({ at: new Date() });
 * ```
 */
export type JsonData<T> = { [K in keyof T]: K extends symbol ? NotJson<"symbol keys are dropped by JSON"> : JsonField<T[K]> };

/** An object property: may be optional (`undefined` is absence), but not `undefined` alone. */
export type JsonField<V> = [V] extends [undefined]
  ? [undefined] extends [V]
    ? NotJson<"a field that can only be undefined is never stored: JSON drops it">
    : V // never
  : JsonChecked<Exclude<V, undefined>> | (undefined extends V ? undefined : never);

/** A value position (array element or property without its optionality). Distributes over unions. */
export type JsonChecked<V> = unknown extends V
  ? V // unknown or any: checked at run time only
  : V extends JsonValue
    ? V // already JSON (a JsonValue field included): no need to look inside, which would recurse forever
    : V extends undefined
      ? NotJson<"undefined is dropped by JSON (in an array it becomes null)">
      : V extends bigint
        ? NotJson<"a bigint has no JSON form: store it as a string">
        : V extends symbol
          ? NotJson<"a symbol has no JSON form">
          : V extends (...args: never[]) => unknown
            ? NotJson<"a function has no JSON form">
            : V extends Date
              ? NotJson<"a Date becomes a string in JSON: store toISOString() or getTime()">
              : V extends ReadonlyMap<unknown, unknown> | ReadonlySet<unknown> | WeakMap<object, unknown> | WeakSet<object>
                ? NotJson<"a Map or Set becomes {} in JSON: store an array or a plain object">
                : V extends RegExp | Error | Promise<unknown> | ArrayBuffer | ArrayBufferView
                  ? NotJson<"this object would not survive JSON">
                  : V extends readonly unknown[]
                    ? { [I in keyof V]: JsonChecked<V[I]> }
                    : V extends object
                      ? JsonData<V>
                      : NotJson<"not a JSON value">;
