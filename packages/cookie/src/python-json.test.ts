import { SessionSerializationError } from "@edge-session/core";
import { describe, expect, test } from "vitest";
import { pythonJson, pythonObject, pythonString } from "./python-json.ts";

describe("pythonString: json.dumps with ensure_ascii", () => {
  test("ASCII printable text is left alone, quotes and backslashes escaped", () => {
    expect(pythonString(`a "quoted" \\ /slash ~`)).toBe(String.raw`"a \"quoted\" \\ /slash ~"`);
  });

  test("control characters: short forms, others lowercase \\u00XX", () => {
    expect(pythonString("\b\f\n\r\t")).toBe(String.raw`"\b\f\n\r\t"`);
    expect(pythonString("\u0000\u001f\u000b")).toBe(String.raw`"\u0000\u001f\u000b"`);
  });

  test("DEL (0x7f), Latin-1, BMP: lowercase \\uXXXX", () => {
    expect(pythonString("\u007f")).toBe(String.raw`"\u007f"`);
    expect(pythonString("Zoë")).toBe(String.raw`"Zo\u00eb"`);
    expect(pythonString("€ 日本")).toBe(String.raw`"\u20ac \u65e5\u672c"`);
    expect(pythonString("\uffff")).toBe(String.raw`"\uffff"`);
  });

  test("astral characters become their surrogate pair; lone surrogates are escaped", () => {
    expect(pythonString("😀")).toBe(String.raw`"\ud83d\ude00"`);
    expect(pythonString("𝄞x")).toBe(String.raw`"\ud834\udd1ex"`);
    expect(pythonString("\ud800")).toBe(String.raw`"\ud800"`);
    expect(pythonString("a\udc00b")).toBe(String.raw`"a\udc00b"`);
  });

  test("output is pure ASCII and parses back to the same text", () => {
    const text = "mixed ✓ 😀 \u007f \u0080 \u00ff \u0100 ok";
    const json = pythonString(text);
    expect(/^[\x20-\x7e]*$/.test(json)).toBe(true);
    expect(JSON.parse(json)).toBe(text);
  });
});

describe("pythonJson: numbers as Python's repr", () => {
  const cases: [number, string][] = [
    [0, "0"],
    [-0, "0"],
    [42, "42"],
    [-7, "-7"],
    [0.5, "0.5"],
    [123.456, "123.456"],
    [0.1 + 0.2, "0.30000000000000004"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [0.000015, "1.5e-05"],
    [1.5e-7, "1.5e-07"],
    [-2.5e-10, "-2.5e-10"],
    [5e-324, "5e-324"],
    [1e20, "100000000000000000000"],
    [1e21, "1e+21"],
    [1.5e300, "1.5e+300"],
    [Number.MAX_SAFE_INTEGER, "9007199254740991"],
  ];
  for (const [value, expected] of cases) {
    test(`${value} → ${expected}`, () => expect(pythonJson(value)).toBe(expected));
  }
});

describe("pythonJson: structure", () => {
  test("compact separators, nesting, key order of the object", () => {
    expect(pythonJson({ b: [1, { c: null, d: true }], a: "x", e: {} })).toBe('{"b":[1,{"c":null,"d":true}],"a":"x","e":{}}');
  });

  test("keys are escaped too", () => {
    expect(pythonJson({ clé: 1 })).toBe(String.raw`{"cl\u00e9":1}`);
  });

  test("objects without a prototype are plain", () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = 1;
    expect(pythonJson(bare)).toBe('{"k":1}');
  });
});

describe("values JSON cannot carry fail, naming the top-level key", () => {
  const bad: [string, unknown][] = [
    ["undefined", undefined],
    ["function", () => 1],
    ["symbol", Symbol("s")],
    ["bigint", 1n],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["Date", new Date(0)],
    ["Map", new Map()],
    ["nested undefined", { deep: [1, { x: undefined }] }],
    // biome-ignore lint/suspicious/noSparseArray: a hole is what this case is about
    ["sparse array", [1, , 3]],
  ];
  for (const [name, value] of bad) {
    test(name, () => {
      let error: unknown;
      try {
        pythonObject({ ok: 1, culprit: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SessionSerializationError);
      expect((error as SessionSerializationError).key).toBe("culprit");
    });
  }

  test("a cycle fails cleanly instead of overflowing the stack", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => pythonObject({ loop: cyclic })).toThrow(SessionSerializationError);
  });
});
