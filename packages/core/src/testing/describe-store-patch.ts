import { expect } from "vitest";
import { parsePayload, serializePayload } from "../payload.ts";
import type { SessionPatch, SessionStore } from "../store.ts";
import { itWhen } from "./probe.ts";

/**
 * The `patch` cases of the store conformance suite (docs/design.md,
 * "Concurrent writes"): exact splicing of this request's changes, "gone"
 * instead of resurrection, a version that compare-and-set writers see, and
 * parallel patches that all land.
 */
export function describePatch(
  makeStore: () => SessionStore | Promise<SessionStore>,
  probe: SessionStore | undefined,
  ids: () => (name: string) => string,
): void {
  const later = (ms = 3_600_000): number => Date.now() + ms;
  const applies = probe ? !!probe.patch : undefined;
  const json = (value: unknown): string => JSON.stringify(value);
  const change = (data: [string, unknown][], more: Partial<SessionPatch> = {}): SessionPatch => ({
    clear: false,
    data: data.map(([key, value]) => [key, value === undefined ? null : json(value)] as const),
    flash: [],
    ...more,
  });
  const value = (data: Record<string, unknown>, flash: Record<string, unknown> = {}, expiry?: number | { at: number }) =>
    serializePayload({ data, flash, expiry });
  async function withPatch(): Promise<(SessionStore & Required<Pick<SessionStore, "patch">>) | undefined> {
    const store = await makeStore();
    return store.patch ? (store as SessionStore & Required<Pick<SessionStore, "patch">>) : undefined;
  }

  itWhen(applies)("patches: sets and deletes keys, flash values and expiry, and advances the version", async () => {
    const store = await withPatch();
    if (!store) return;
    const id = ids();
    await store.create(id("a"), value({ keep: 1, drop: 2 }, { old: "x" }), later());
    const expiresAt = later(7_200_000);
    const patch: SessionPatch = {
      clear: false,
      data: [
        ["added", json({ nested: [1, "two"] })],
        ["drop", null],
      ],
      flash: [
        ["old", null],
        ["notice", json("Saved ✓")],
      ],
      expiry: json(3600),
    };
    expect(await store.patch(id("a"), patch, expiresAt)).toBe("ok");
    const record = await store.get(id("a"));
    expect(record).toMatchObject({ version: 2, expiresAt });
    expect(parsePayload(record!.value)).toEqual({
      data: { keep: 1, added: { nested: [1, "two"] } },
      flash: { notice: "Saved ✓" },
      expiry: 3600,
    });
    expect(await store.patch(id("a"), change([], { expiry: null }), expiresAt)).toBe("ok");
    expect(parsePayload((await store.get(id("a")))!.value)?.expiry).toBeUndefined();
  });

  itWhen(applies)("patches values exactly: awkward numbers, empty containers, NUL, unicode and odd keys", async () => {
    const store = await withPatch();
    if (!store) return;
    const id = ids();
    await store.create(id("a"), value({}), later());
    const awkward: [string, unknown][] = [
      ["float", 0.30000000000000004],
      ["big", 1e21],
      ["tiny", 5e-324],
      ["max", Number.MAX_SAFE_INTEGER],
      ["emptyArray", []],
      ["emptyObject", {}],
      ["nul", "a\u0000b"],
      ["unicode", "é ☃ 𝄞 \u2028"],
      ['quote"key', "q"],
      ["back\\slash", "b"],
      ["dot.key", "d"],
      ["[bracket]", "k"],
      ["$.path", "p"],
      ["__proto__", { polluted: true }],
      ["", "empty key"],
      ["nested", { a: [[], {}, [{}]], b: null, c: false }],
    ];
    expect(await store.patch(id("a"), change(awkward), later())).toBe("ok");
    const stored = parsePayload((await store.get(id("a")))!.value)!;
    for (const [key, expected] of awkward) expect(Object.hasOwn(stored.data, key) && stored.data[key], key).toEqual(expected);
    expect(Object.keys(stored.data).sort()).toEqual(awkward.map(([key]) => key).sort());
    expect(Object.getPrototypeOf(stored.data)).toBe(Object.prototype);
  });

  itWhen(applies)("patches with clear: drops every key and flash value first, then applies the rest", async () => {
    const store = await withPatch();
    if (!store) return;
    const id = ids();
    await store.create(id("a"), value({ a: 1, b: 2 }, { f: 1 }, 600), later());
    expect(await store.patch(id("a"), change([["c", 3]], { clear: true }), later())).toBe("ok");
    expect(parsePayload((await store.get(id("a")))!.value)).toEqual({ data: { c: 3 }, flash: {}, expiry: 600 });
  });

  itWhen(applies)('answers "gone" to a patch of a deleted, expired or never-created record, and creates nothing', async () => {
    const store = await withPatch();
    if (!store) return;
    const id = ids();
    await store.create(id("a"), value({ a: 1 }), later());
    await store.delete(id("a"));
    expect(await store.patch(id("a"), change([["b", 2]]), later())).toBe("gone");
    expect(await store.patch(id("never"), change([["b", 2]]), later())).toBe("gone");
    expect(await store.get(id("a"))).toBeNull();
    expect(await store.get(id("never"))).toBeNull();
  });

  itWhen(applies)("a patch advances the version, so a compare-and-set writer at the old version conflicts", async () => {
    const store = await withPatch();
    if (!store) return;
    const id = ids();
    await store.create(id("a"), value({ a: 1 }), later());
    expect(await store.patch(id("a"), change([["b", 2]]), later())).toBe("ok");
    const update = await store.update(id("a"), value({ a: 1, c: 3 }), later(), 1);
    if (store.capabilities.atomic) {
      expect(update).toBe("conflict");
      expect(parsePayload((await store.get(id("a")))!.value)?.data).toEqual({ a: 1, b: 2 });
    }
    const current = (await store.get(id("a")))!;
    expect(await store.update(id("a"), value({ a: 1, b: 2, c: 3 }), later(), current.version)).toBe("ok");
    expect(await store.patch(id("a"), change([["d", 4]]), later())).toBe("ok");
    expect(parsePayload((await store.get(id("a")))!.value)?.data).toEqual({ a: 1, b: 2, c: 3, d: 4 });
  });

  itWhen(applies)("50 parallel patches of one record, each to its own key, all land", async () => {
    const store = await withPatch();
    if (!store) return;
    const id = ids();
    await store.create(id("hot"), value({ start: true }), later());
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.patch(id("hot"), change([[`k${i}`, i]]), later())));
    expect(results.every((result) => result === "ok")).toBe(true);
    const record = (await store.get(id("hot")))!;
    const data = parsePayload(record.value)!.data;
    expect(Object.keys(data)).toHaveLength(51);
    for (let i = 0; i < 50; i++) expect(data[`k${i}`]).toBe(i);
    if (store.capabilities.atomic) expect(record.version).toBe(51);
  });

  itWhen(applies)("a delete racing parallel patches leaves no record behind", async () => {
    const store = await withPatch();
    if (!store) return;
    const id = ids();
    await store.create(id("a"), value({ a: 1 }), later());
    const patches = Array.from({ length: 10 }, (_, i) => store.patch(id("a"), change([[`k${i}`, i]]), later()));
    await store.delete(id("a"));
    await Promise.all(patches);
    expect(await store.get(id("a"))).toBeNull();
  });
}
