import { env } from "cloudflare:workers";
import type { SessionPatch } from "@edge-session/core";
import { describe, expect, it } from "vitest";
import { countingD1 } from "../test/counting.ts";
import { d1Store } from "./d1-store.ts";

// d1Store.patch is one SQL statement built from SQLite's JSON functions (src/d1-patch.ts).
// These tests read the stored text itself: a value that only parses back equal is not enough,
// since a foreign JSON encoder could round a number or respell a string and still parse.

const inMinutes = (minutes: number): number => Date.now() + minutes * 60_000;
const freshId = (): string => crypto.randomUUID();
const text = (value: unknown): string => JSON.stringify(value);
const patch = (changes: Partial<SessionPatch>): SessionPatch => ({ clear: false, data: [], flash: [], ...changes });
const rawValue = async (id: string): Promise<string | undefined> =>
  (await env.DB.prepare("SELECT value FROM sessions WHERE id = ?1").bind(id).first<{ value: string }>())?.value;

/** Values as the engine serializes them (JSON.stringify), including the ones foreign JSON libraries change. */
const AWKWARD_VALUES: unknown[] = [
  0.30000000000000004,
  1e21,
  -1.5e-7,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  12345678901234567000, // beyond 2^53: JSON.stringify spells it with all its digits
  [],
  {},
  [[], {}, [{}]],
  { b: null, a: [null] },
  null,
  false,
  "",
  "\u0000",
  "a\u0000b",
  "é ☃ 𝄞 \u2028 \u2029",
  "\ud800", // a lone surrogate: JSON.stringify escapes it
  'quote " and backslash \\ and newline \n and tab \t',
  "</script>",
];

/** Keys a JSON path cannot spell as they are, and keys that are special elsewhere. */
const AWKWARD_KEYS = ['k"q', 'a\\"b', "a.b", "[0]", "$", "$.d", "__proto__", "constructor", "", " ", "é", "\u0000", "\\", "1", "*", "'"];

describe("d1Store.patch: one SQL statement, exact to the byte", () => {
  it("is one round trip to D1", async () => {
    const log: string[] = [];
    const store = d1Store(countingD1(env.DB, log));
    const id = freshId();
    await store.create(id, '{"d":{}}', inMinutes(30));
    log.length = 0;
    expect(await store.patch(id, patch({ data: [["a", "1"]], flash: [["b", "2"]], expiry: "60" }), inMinutes(30))).toBe("ok");
    expect(log).toEqual(["d1.query"]);
  });

  it("splices each value's JSON text into the record exactly as the engine wrote it", async () => {
    const store = d1Store(env.DB);
    for (const [i, value] of AWKWARD_VALUES.entries()) {
      const id = freshId();
      await store.create(id, '{"d":{}}', inMinutes(30));
      expect(await store.patch(id, patch({ data: [["k", text(value)]] }), inMinutes(30))).toBe("ok");
      expect(await rawValue(id), `value ${i}`).toBe(`{"d":{"k":${text(value)}}}`);
    }
  });

  it("sets and deletes keys that a JSON path cannot spell, without touching their neighbours", async () => {
    const store = d1Store(env.DB);
    for (const key of AWKWARD_KEYS) {
      const id = freshId();
      await store.create(id, text({ d: { [key]: "old", near: 1 } }), inMinutes(30));
      expect(await store.patch(id, patch({ data: [[key, '"new"']] }), inMinutes(30))).toBe("ok");
      expect(await rawValue(id), `set ${text(key)}`).toBe(`{"d":{"near":1,${text(key)}:"new"}}`);
      expect(await store.patch(id, patch({ data: [[key, null]] }), inMinutes(30))).toBe("ok");
      expect(await rawValue(id), `delete ${text(key)}`).toBe('{"d":{"near":1}}');
    }
  });

  it("leaves the members it does not change as they were written, byte for byte", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    const before = Object.fromEntries(AWKWARD_VALUES.map((value, i) => [`v${i}`, value]));
    const flash = { "note\u0000": 1e21, "x.y": [] };
    await store.create(id, `{"d":${text(before)},"f":${text(flash)},"x":{"at":1767225600000}}`, inMinutes(30));
    expect(await store.patch(id, patch({ data: [["added", "0.1"]] }), inMinutes(30))).toBe("ok");
    expect(await rawValue(id)).toBe(`{"d":${text(before).slice(0, -1)},"added":0.1},"f":${text(flash)},"x":{"at":1767225600000}}`);
  });

  it("in one patch: the last change of a key wins, and a key set then deleted is gone", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    await store.create(id, '{"d":{"a":1,"b":2}}', inMinutes(30));
    const changes = patch({
      data: [
        ["a", "10"],
        ["c", "3"],
        ["a", "11"],
        ["b", "20"],
        ["b", null],
      ],
    });
    expect(await store.patch(id, changes, inMinutes(30))).toBe("ok");
    expect(await rawValue(id)).toBe('{"d":{"c":3,"a":11}}');
  });

  it("flash: added beside data, and omitted again once empty", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    await store.create(id, '{"d":{"a":1}}', inMinutes(30));
    await store.patch(id, patch({ flash: [["notice", '"Saved ✓"']] }), inMinutes(30));
    expect(await rawValue(id)).toBe('{"d":{"a":1},"f":{"notice":"Saved ✓"}}');
    await store.patch(id, patch({ flash: [["notice", null]] }), inMinutes(30));
    expect(await rawValue(id)).toBe('{"d":{"a":1}}');
  });

  it("expiry: kept when absent from the patch, set, and removed by null", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    await store.create(id, '{"d":{},"x":1209600}', inMinutes(30));
    await store.patch(id, patch({ data: [["a", "1"]] }), inMinutes(30));
    expect(await rawValue(id)).toBe('{"d":{"a":1},"x":1209600}');
    await store.patch(id, patch({ expiry: '{"at":1767225600000}' }), inMinutes(30));
    expect(await rawValue(id)).toBe('{"d":{"a":1},"x":{"at":1767225600000}}');
    await store.patch(id, patch({ expiry: "0" }), inMinutes(30));
    expect(await rawValue(id)).toBe('{"d":{"a":1},"x":0}');
    await store.patch(id, patch({ expiry: null }), inMinutes(30));
    expect(await rawValue(id)).toBe('{"d":{"a":1}}');
  });

  it("clear: starts from no data and no flash, keeps the expiry unless the patch changes it", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    await store.create(id, '{"d":{"a":1,"b":2},"f":{"c":3},"x":600}', inMinutes(30));
    await store.patch(id, patch({ clear: true, data: [["b", "22"]] }), inMinutes(30));
    expect(await rawValue(id)).toBe('{"d":{"b":22},"x":600}');
    await store.patch(id, patch({ clear: true }), inMinutes(30));
    expect(await rawValue(id)).toBe('{"d":{},"x":600}');
  });

  it("advances the version by one and sets expires_at", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    await store.create(id, '{"d":{}}', inMinutes(30));
    const expiresAt = inMinutes(45) + 3;
    await store.patch(id, patch({ data: [["a", "1"]] }), expiresAt);
    await store.patch(id, patch({ data: [["b", "2"]] }), expiresAt);
    expect(await store.get(id)).toEqual({ value: '{"d":{"a":1,"b":2}}', version: 3, expiresAt });
  });

  it("'gone' for an expired row, or one whose value is not the engine's payload: the row is left as it was", async () => {
    const store = d1Store(env.DB);
    const expired = freshId();
    await store.create(expired, '{"d":{"a":1}}', Date.now() - 1);
    expect(await store.patch(expired, patch({ data: [["b", "2"]] }), inMinutes(30))).toBe("gone");
    expect(await rawValue(expired)).toBe('{"d":{"a":1}}');
    for (const corrupt of ["not json", '{"d":[1]}', '{"x":1}', "[]", ""]) {
      const id = freshId();
      await store.create(id, corrupt, inMinutes(30));
      expect(await store.patch(id, patch({ data: [["b", "2"]] }), inMinutes(30)), corrupt).toBe("gone");
      expect(await store.get(id)).toMatchObject({ value: corrupt, version: 1 });
    }
  });

  it("judges expiry by its `now` option", async () => {
    let clock = Date.now();
    const store = d1Store(env.DB, { now: () => clock });
    const id = freshId();
    const expiresAt = clock + 60_000;
    await store.create(id, '{"d":{}}', expiresAt);
    clock = expiresAt;
    expect(await store.patch(id, patch({ data: [["a", "1"]] }), clock + 60_000)).toBe("gone");
    clock = expiresAt - 1;
    expect(await store.patch(id, patch({ data: [["a", "1"]] }), clock + 60_000)).toBe("ok");
  });

  for (const writers of [20, 50]) {
    it(`${writers} concurrent patches of one row, each to its own key: all land, version + ${writers}`, async () => {
      const store = d1Store(env.DB);
      const id = freshId();
      await store.create(id, '{"d":{"start":true}}', inMinutes(30));
      const results = await Promise.all(
        Array.from({ length: writers }, (_, i) => store.patch(id, patch({ data: [[`k${i}`, text({ i, f: i / 10 })]] }), inMinutes(30))),
      );
      expect(results).toEqual(Array(writers).fill("ok"));
      const record = await store.get(id);
      expect(record?.version).toBe(1 + writers);
      const data = JSON.parse(record?.value ?? "").d;
      expect(Object.keys(data)).toHaveLength(1 + writers);
      for (let i = 0; i < writers; i++) expect(data[`k${i}`]).toEqual({ i, f: i / 10 });
    });
  }
});
