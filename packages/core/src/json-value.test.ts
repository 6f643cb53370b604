import { describe, expect, it } from "vitest";
import { SessionSerializationError } from "./errors.ts";
import { assertJsonValue, MAX_JSON_DEPTH } from "./json-value.ts";

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
    ["symbol key on an array", Object.assign([1], { [Symbol("s")]: 1 })],
    ["an Array subclass", new (class List extends Array {})()],
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

// docs/design.md, "Values and serialization": a value either survives JSON unchanged or fails
// with SessionSerializationError naming the key. Issue 10 defects 4-7 were values that JSON
// silently altered (or a raw RangeError); each case below was accepted by the old check.
describe("assertJsonValue refuses what JSON silently alters (issue 10)", () => {
  const refused = (value: unknown): SessionSerializationError => {
    try {
      assertJsonValue("cart", value);
    } catch (error) {
      expect(error).toBeInstanceOf(SessionSerializationError);
      expect(error).toMatchObject({ key: "cart", code: "ERR_SESSION_SERIALIZATION" });
      return error as SessionSerializationError;
    }
    throw new Error("accepted a value JSON would alter");
  };

  it("defect 4: refuses -0, top-level and nested, since JSON turns it into 0", () => {
    expect(JSON.parse(JSON.stringify({ x: [-0] })).x[0]).toBe(0); // what storing it would have done
    expect(refused(-0).message).toMatch(/-0 becomes 0/);
    expect(refused({ x: [-0] }).message).toMatch(/at \.x\[0\]/);
    expect(() => assertJsonValue("k", 0)).not.toThrow();
  });

  it("defect 5: refuses an array with an extra own property, which JSON drops", () => {
    expect(refused(Object.assign([1, 2], { extra: 3 })).message).toMatch(/non-index properties/);
    expect(refused({ list: Object.assign([], { extra: 3 }) }).message).toMatch(/at \.list/);
    const sparsePlusExtra = Object.assign([1, 2, 3], { extra: 4 });
    delete sparsePlusExtra[1]; // a hole and an extra key: the own-name count alone would balance out
    refused(sparsePlusExtra);
  });

  it("defect 6: refuses a non-enumerable own property, which JSON drops", () => {
    expect(refused(Object.defineProperty({ a: 1 }, "hidden", { value: 2 })).message).toMatch(/non-enumerable/);
    refused({ nested: [Object.defineProperty({}, "hidden", { value: 2 })] });
  });

  const nest = (depth: number, leaf: unknown = 1): unknown => {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
    return value;
  };

  it(`defect 7: nesting deeper than ${MAX_JSON_DEPTH} is a SessionSerializationError, never a RangeError`, () => {
    expect(MAX_JSON_DEPTH).toBe(512); // the documented limit
    expect(() => assertJsonValue("k", nest(MAX_JSON_DEPTH))).not.toThrow();
    expect(JSON.parse(JSON.stringify({ d: { k: nest(MAX_JSON_DEPTH) } }))).toEqual({ d: { k: nest(MAX_JSON_DEPTH) } });
    expect(refused(nest(MAX_JSON_DEPTH + 1)).message).toMatch(/deeper than 512/);
    expect(refused(nest(100_000)).message).toMatch(/deeper than 512/);
  });
});
