import { describe, expect, it } from "vitest";
import { SessionSerializationError } from "./errors.ts";
import { assertJsonValue } from "./json-value.ts";

describe("assertJsonValue", () => {
  it("accepts everything JSON keeps as it is", () => {
    for (const value of [null, true, 0, -1.5, "é", [], [1, [2, { a: null }]], {}, { a: { b: [1, "x"] } }, Object.create(null)]) {
      expect(() => assertJsonValue("k", value)).not.toThrow();
    }
  });

  it("accepts a shared (non-cyclic) object referenced twice", () => {
    const shared = { a: 1 };
    expect(() => assertJsonValue("k", { x: shared, y: shared })).not.toThrow();
  });

  it.each([
    ["undefined", undefined],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["BigInt", 1n],
    ["function", () => 1],
    ["symbol", Symbol("s")],
    ["Date", new Date(0)],
    ["Map", new Map()],
    ["Set", new Set()],
    ["class instance", new (class Cart {})()],
    ["nested Date", { a: [1, { when: new Date(0) }] }],
    ["undefined property", { a: undefined }],
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the case
    ["sparse array", [1, , 3]],
    ["symbol key", { [Symbol("s")]: 1 }],
  ])("refuses %s, naming the key", (_label, value) => {
    expect(() => assertJsonValue("cart", value)).toThrow(SessionSerializationError);
    try {
      assertJsonValue("cart", value);
    } catch (error) {
      expect(error).toMatchObject({ key: "cart", code: "ERR_SESSION_SERIALIZATION" });
    }
  });

  it("refuses cycles", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => assertJsonValue("k", cyclic)).toThrow(/cycle/);
  });
});
