import { serializePayload } from "@edge-session/core/kit";
import { describe, expect, it } from "vitest";
import { fromRow, toRow } from "./layout.ts";

describe("row layout", () => {
  it("splits the engine's payload into key → [position, JSON text] and reassembles it byte for byte", () => {
    const value = serializePayload({
      data: { b: 1e21, a: [], 3: "three", "\u0000": 0.30000000000000004, '"q"': {} },
      flash: { f: "é 𝄞" },
      expiry: { at: 1_900_000_000_000 },
    });
    const row = toRow(value);
    expect(row.opaque).toBeNull();
    expect(row.data).toEqual({
      '"3"': [1, '"three"'],
      '"b"': [2, "1e+21"],
      '"a"': [3, "[]"],
      '"\\u0000"': [4, "0.30000000000000004"],
      '"\\"q\\""': [5, "{}"],
    });
    expect(row.expiry).toBe('{"at":1900000000000}');
    expect(fromRow(row)).toBe(value);
  });

  it("keeps anything else opaque, as a JSON string, whatever it holds", () => {
    for (const value of ["", "123", "null", '{"d":{} }', '{"d":{"a":1},"z":1}', '{"d":{"a":1.0}}', "é ☃ 𝄞 \u0000 \n\t\\", "\ud800"]) {
      const row = toRow(value);
      expect(row, value).toMatchObject({ data: null, flash: null, expiry: null });
      expect(row.opaque).not.toContain("\u0000");
      expect(fromRow(row)).toBe(value);
    }
  });
});
