import { SessionSerializationError } from "@edge-session/core";
import { describe, expect, test } from "vitest";
import { fromDjangoSessionJson, isoformat, parseIsoformat, toDjangoSessionJson } from "./django-payload.ts";

describe("the session dict Django signs", () => {
  test("a plain session is exactly its data", () => {
    expect(toDjangoSessionJson({ data: { a: 1, b: "x" }, flash: {}, expiry: undefined })).toBe('{"a":1,"b":"x"}');
    expect(toDjangoSessionJson({ data: {}, flash: {}, expiry: undefined })).toBe("{}");
  });

  test("a custom expiry rides under Django's _session_expiry: seconds, 0, or an isoformat instant", () => {
    expect(toDjangoSessionJson({ data: { a: 1 }, flash: {}, expiry: 3600 })).toBe('{"a":1,"_session_expiry":3600}');
    expect(toDjangoSessionJson({ data: {}, flash: {}, expiry: 0 })).toBe('{"_session_expiry":0}');
    expect(toDjangoSessionJson({ data: { a: 1 }, flash: {}, expiry: { at: Date.UTC(2030, 0, 2, 3, 4, 5) } })).toBe(
      '{"a":1,"_session_expiry":"2030-01-02T03:04:05+00:00"}',
    );
  });

  test("flash values ride under _flash, only when there are some", () => {
    expect(toDjangoSessionJson({ data: { a: 1 }, flash: { msg: "Saved ✓" }, expiry: 60 })).toBe(
      String.raw`{"a":1,"_session_expiry":60,"_flash":{"msg":"Saved \u2713"}}`,
    );
    expect(toDjangoSessionJson({ data: {}, flash: { n: 1 }, expiry: undefined })).toBe('{"_flash":{"n":1}}');
  });

  test("data may not use the reserved keys", () => {
    for (const key of ["_session_expiry", "_flash"]) {
      expect(() => toDjangoSessionJson({ data: { [key]: 1 }, flash: {}, expiry: undefined })).toThrow(SessionSerializationError);
    }
  });

  test("reading strips the reserved keys out of the data", () => {
    const payload = fromDjangoSessionJson('{"a":1,"_session_expiry":"2030-01-02T03:04:05.250000+00:00","_flash":{"m":"hi"},"z":[1]}');
    expect(payload).toEqual({ data: { a: 1, z: [1] }, flash: { m: "hi" }, expiry: { at: Date.UTC(2030, 0, 2, 3, 4, 5, 250) } });
    expect(Object.keys(payload!.data)).toEqual(["a", "z"]);
  });

  test("round trip", () => {
    for (const payload of [
      { data: { cart: ["apple"], n: 2 }, flash: { notice: "done" }, expiry: 0 },
      { data: {}, flash: {}, expiry: { at: Date.UTC(2031, 5, 6, 7, 8, 9, 10) } },
      { data: { x: null }, flash: {}, expiry: undefined },
    ]) {
      expect(fromDjangoSessionJson(toDjangoSessionJson(payload))).toEqual(payload);
    }
  });

  test("Django's _session_expiry of null means the default", () => {
    expect(fromDjangoSessionJson('{"a":1,"_session_expiry":null}')).toEqual({ data: { a: 1 }, flash: {}, expiry: undefined });
  });

  test("an expiry or flash we cannot read makes the whole cookie unreadable (never silently ignored)", () => {
    for (const json of [
      '{"_session_expiry":-5}',
      '{"_session_expiry":1.5}',
      '{"_session_expiry":"next tuesday"}',
      '{"_session_expiry":"2030-02-30T00:00:00+00:00"}',
      '{"_session_expiry":true}',
      '{"_flash":[1]}',
      '{"_flash":"x"}',
      '{"_flash":null}',
    ]) {
      expect(fromDjangoSessionJson(json), json).toBeNull();
    }
  });

  test("non-objects and bad JSON are unreadable", () => {
    for (const json of ["[]", "null", "1", '"s"', "{", "NaN", '{"a":NaN}']) expect(fromDjangoSessionJson(json)).toBeNull();
  });

  test("a __proto__ key stays data and never touches the prototype", () => {
    const payload = fromDjangoSessionJson('{"__proto__":{"polluted":true},"a":1}');
    expect(Object.getPrototypeOf(payload!.data)).toBe(Object.prototype);
    expect(Object.hasOwn(payload!.data, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("Python's datetime.isoformat / fromisoformat", () => {
  test("whole seconds omit the fraction; milliseconds print as six digits", () => {
    expect(isoformat(Date.UTC(2024, 1, 29, 23, 59, 59))).toBe("2024-02-29T23:59:59+00:00");
    expect(isoformat(Date.UTC(2024, 1, 29, 23, 59, 59, 7))).toBe("2024-02-29T23:59:59.007000+00:00");
    expect(isoformat(0)).toBe("1970-01-01T00:00:00+00:00");
  });

  test("years below 1000 are zero-padded; outside Python's years 1–9999 fails", () => {
    const year5 = new Date(0).setUTCFullYear(5, 0, 1);
    expect(isoformat(year5)).toBe("0005-01-01T00:00:00+00:00");
    expect(() => isoformat(new Date(0).setUTCFullYear(10000, 0, 1))).toThrow(SessionSerializationError);
    expect(() => isoformat(new Date(0).setUTCFullYear(0, 11, 31))).toThrow(SessionSerializationError);
  });

  test("parses what Django writes, with any offset, Z, or naive (as UTC)", () => {
    const at = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
    expect(parseIsoformat("2030-01-02T03:04:05.678000+00:00")).toBe(at);
    expect(parseIsoformat("2030-01-02T03:04:05.678999+00:00")).toBe(at); // microseconds truncate to ms
    expect(parseIsoformat("2030-01-02T03:04:05.678Z")).toBe(at);
    expect(parseIsoformat("2030-01-02T05:34:05.678+02:30")).toBe(at);
    expect(parseIsoformat("2030-01-01T22:04:05.678-05:00")).toBe(at);
    expect(parseIsoformat("2030-01-02 03:04:05.678")).toBe(at);
  });

  test("rejects malformed and out-of-range fields", () => {
    for (const text of [
      "",
      "2030-01-02",
      "2030-13-01T00:00:00",
      "2030-01-32T00:00:00",
      "2030-01-01T24:00:00",
      "2030-01-01T00:60:00",
      "2030-01-01T00:00:00+24:00",
      "2030-01-01T00:00:00.1234+00:00",
      "２０３０-01-01T00:00:00",
      "2030-01-01T00:00:00+00:00junk",
    ]) {
      expect(parseIsoformat(text), text).toBeNull();
    }
  });

  test("round trip across a range of instants", () => {
    for (let i = 0; i < 200; i++) {
      const ms = Math.floor(Math.random() * 8e12) - 1e12;
      expect(parseIsoformat(isoformat(ms))).toBe(ms);
    }
  });
});
