import { parsePayload } from "@edge-session/core/kit";

/**
 * How one session value is kept in a row (docs/design.md, "Stores"). The
 * engine's value is `{"d":{…},"f":{…},"x":…}`; the row keeps each data and
 * flash key in a `jsonb` object, so that `patch` can set and delete keys with
 * jsonb operators in one statement. Two things jsonb would otherwise change are
 * kept out of its reach:
 * - values: jsonb rewrites numbers (`1e21` → `1000000000000000000000`), drops
 *   `-0`'s sign, rejects `\u0000` in strings and reorders keys. So each value is
 *   kept as its JSON *text*, a jsonb string, never as a jsonb value;
 * - keys: the jsonb key is the key's JSON text (`"a\u0000b"` with its quotes and
 *   escapes, which `JSON.stringify` always writes in valid Unicode), and each
 *   entry carries its position, so the original order comes back.
 * An entry is `"<key JSON>": [position, "<value JSON>"]`.
 *
 * A value that is not exactly the engine's serialization (the store contract
 * calls values opaque) goes to the `opaque` column as a JSON string, which
 * keeps any string byte for byte, a NUL included (a `text` column would refuse
 * it); such a row is never patched.
 */
export interface RowValue {
  data: Record<string, [number, string]> | null;
  flash: Record<string, [number, string]> | null;
  expiry: string | null;
  opaque: string | null;
}

/**
 * Splits a value into the row's columns.
 * @example
 * ```ts
 * toRow('{"d":{"n":1}}'); // { data: { '"n"': [1, "1"] }, flash: {}, expiry: null, opaque: null }
 * ```
 */
export function toRow(value: string): RowValue {
  const payload = parsePayload(value);
  if (payload) {
    const row: RowValue = {
      data: entries(payload.data),
      flash: entries(payload.flash),
      expiry: payload.expiry === undefined ? null : JSON.stringify(payload.expiry),
      opaque: null,
    };
    // Only when the row gives back exactly these bytes (no whitespace, no other members, no escapes
    // spelled differently) is the split kept; anything else is stored as it came.
    if (fromRow(row) === value) return row;
  }
  return { data: null, flash: null, expiry: null, opaque: JSON.stringify(value) };
}

/**
 * Reassembles the engine's value from the row's columns.
 * @example
 * ```ts
 * fromRow({ data: { '"n"': [1, "1"] }, flash: {}, expiry: null, opaque: null }); // '{"d":{"n":1}}'
 * ```
 */
export function fromRow(row: RowValue): string {
  if (row.opaque !== null) return JSON.parse(row.opaque) as string;
  let value = `{"d":${object(row.data ?? {})}`;
  const flash = object(row.flash ?? {});
  if (flash !== "{}") value += `,"f":${flash}`;
  if (row.expiry !== null) value += `,"x":${row.expiry}`;
  return `${value}}`;
}

function entries(source: Record<string, unknown>): Record<string, [number, string]> {
  const out: Record<string, [number, string]> = {};
  let position = 0;
  for (const [key, value] of Object.entries(source)) out[JSON.stringify(key)] = [++position, JSON.stringify(value)];
  return out;
}

function object(stored: Record<string, [number, string]>): string {
  const sorted = Object.entries(stored).sort((a, b) => a[1][0] - b[1][0]);
  return `{${sorted.map(([key, [, json]]) => `${key}:${json}`).join(",")}}`;
}
