import { describe, expect, it } from "vitest";
import type { JsonData, JsonObject, JsonValue } from "./json-types.ts";
import { assertJsonValue } from "./json-value.ts";

/**
 * Compile time: `Data extends JsonData<Data>` (the constraint the bindings and
 * `Session<Data>` use). Run time: every field of the sample passes
 * `assertJsonValue`. Each case checks that the two agree; the
 * `@ts-expect-error` lines are checked by this package's `tsc` typecheck.
 */
function jsonData<Data extends JsonData<Data>>(data: Data): Data {
  return data;
}
function runtimeAccepts(data: object): boolean {
  try {
    for (const [key, value] of Object.entries(data)) assertJsonValue(key, value);
    return true;
  } catch {
    return false;
  }
}

class Cart {
  items: string[] = [];
  add(item: string): void {
    this.items.push(item);
  }
}

describe("JsonData (compile-time JSON check) agrees with assertJsonValue (run time)", () => {
  it("accepts plain data, interfaces with optional fields, arrays, tuples and nulls", () => {
    interface Profile {
      name: string;
      nickname?: string;
      tags: string[];
      last: [string, number];
      address: { city: string; zip: string | null };
    }
    const profile: Profile = { name: "Ada", tags: ["a"], last: ["login", 3], address: { city: "London", zip: null } };
    expect(runtimeAccepts(jsonData(profile))).toBe(true);
    expect(runtimeAccepts(jsonData({ visits: 1, ok: true, nothing: null }))).toBe(true);
    expect(runtimeAccepts(jsonData<Record<string, unknown>>({ anything: 1 }))).toBe(true);
  });

  it("accepts readonly fields, branded strings, enums and nullable objects", () => {
    type UserId = string & { readonly brand: "UserId" };
    enum Role {
      Admin = "admin",
      Member = "member",
    }
    type Data = { readonly ids: readonly UserId[]; role: Role; owner: { id: UserId } | null };
    const data: Data = { ids: ["u1" as UserId], role: Role.Admin, owner: null };
    expect(runtimeAccepts(jsonData(data))).toBe(true);
  });

  it("refuses a record of Dates", () => {
    const data: Record<string, Date> = { at: new Date(0) };
    // @ts-expect-error every value of the record is a Date
    expect(runtimeAccepts(jsonData(data))).toBe(false);
  });

  it("refuses a Date field", () => {
    const data = { at: new Date(0) };
    // @ts-expect-error a Date becomes a string in JSON
    expect(runtimeAccepts(jsonData(data))).toBe(false);
  });

  it("refuses Map and Set fields", () => {
    const map = { seen: new Map([["a", 1]]) };
    const set = { tags: new Set(["a"]) };
    // @ts-expect-error a Map becomes {} in JSON
    expect(runtimeAccepts(jsonData(map))).toBe(false);
    // @ts-expect-error a Set becomes {} in JSON
    expect(runtimeAccepts(jsonData(set))).toBe(false);
  });

  it("refuses function, bigint and symbol fields", () => {
    const fn = { onLogin: () => {} };
    const big = { balance: 10n };
    const sym = { tag: Symbol("t") };
    // @ts-expect-error a function has no JSON form
    expect(runtimeAccepts(jsonData(fn))).toBe(false);
    // @ts-expect-error a bigint has no JSON form
    expect(runtimeAccepts(jsonData(big))).toBe(false);
    // @ts-expect-error a symbol has no JSON form
    expect(runtimeAccepts(jsonData(sym))).toBe(false);
  });

  it("refuses a field that can only be undefined, and undefined inside an array", () => {
    const only = { nothing: undefined };
    const holes = { list: [1, undefined] };
    // @ts-expect-error JSON drops an undefined field
    expect(runtimeAccepts(jsonData(only))).toBe(false);
    // @ts-expect-error undefined in an array becomes null
    expect(runtimeAccepts(jsonData(holes))).toBe(false);
  });

  it("refuses a class instance with methods, and bad values nested deep", () => {
    const cart = { cart: new Cart() };
    const nested = { profile: { seen: [{ at: new Date(0) }] } };
    // @ts-expect-error a class instance is not a plain object
    expect(runtimeAccepts(jsonData(cart))).toBe(false);
    // @ts-expect-error the Date is three levels down
    expect(runtimeAccepts(jsonData(nested))).toBe(false);
  });

  it("JsonValue and JsonObject describe the JSON a session can hold", () => {
    const value: JsonValue = { items: ["a", 1, true, null, { deep: [] }] };
    const object: JsonObject = { theme: "dark" }; // an undefined property would be refused at run time: JSON drops it
    expect(runtimeAccepts({ value })).toBe(true);
    const both: { value: JsonValue; object: JsonObject; list: JsonValue[] } = jsonData({ value, object, list: [value] });
    expect(runtimeAccepts(both)).toBe(true);
    // @ts-expect-error a Date is not a JsonValue
    const bad: JsonValue = new Date(0);
    expect(runtimeAccepts({ bad })).toBe(false);
  });
});
