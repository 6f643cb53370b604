import { describe, expect, it } from "vitest";
import type { SessionStore } from "../store.ts";
import { describePatch } from "./describe-store-patch.ts";
import { itWhen, probeStore } from "./probe.ts";

/** Makes the store under test; called once per test, so each test may get a fresh prefix or namespace. */
export type MakeStore = () => SessionStore | Promise<SessionStore>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Ids of this test only: no test depends on another's clean-up, and none can pass by finding a store empty. */
function idsFor(): (name: string) => string {
  const prefix = `t${crypto.randomUUID().slice(0, 8)}`;
  return (name) => `${prefix}-${name}`;
}

/**
 * The store conformance suite. Every store package runs it against its real
 * backend, in a ~10-line test file; third parties can run it on theirs.
 * Capabilities decide what is asserted: compare-and-set only where `atomic`,
 * expiry only where the backend's TTL floor lets a test wait for it.
 * @example
 * describeStore("memoryStore", () => memoryStore());
 */
export function describeStore(name: string, makeStore: MakeStore): void {
  const later = (ms = 3_600_000): number => Date.now() + ms;
  const probe = probeStore(makeStore);
  const atomic = probe?.capabilities.atomic;
  const waitableTtl = probe && (probe.capabilities.minTtlSeconds ?? 0) <= 2;

  describe(`${name}: store conformance`, () => {
    it("returns null for an unknown id", async () => {
      const store = await makeStore();
      const id = idsFor();
      expect(await store.get(id("never-created"))).toBeNull();
    });

    it("creates at version 1 and reads back the exact value and expiry", async () => {
      const store = await makeStore();
      const id = idsFor();
      const expiresAt = later();
      expect(await store.create(id("a"), '{"d":{"n":1}}', expiresAt)).toBe(true);
      expect(await store.get(id("a"))).toEqual({ value: '{"d":{"n":1}}', version: 1, expiresAt });
    });

    it("hands back values byte for byte, even ones that look like JSON numbers, null or base64", async () => {
      const store = await makeStore();
      const id = idsFor();
      const values = ["123", "null", "true", '"quoted"', "aGVsbG8=", "", "é ☃ 𝄞 \u0000 \n\t\\", "x".repeat(20_000)];
      for (const [i, value] of values.entries()) {
        expect(await store.create(id(`v${i}`), value, later())).toBe(true);
        expect((await store.get(id(`v${i}`)))?.value).toBe(value);
      }
    });

    it("refuses to create over an existing id and leaves the record as it was", async () => {
      const store = await makeStore();
      const id = idsFor();
      const expiresAt = later();
      expect(await store.create(id("a"), "first", expiresAt)).toBe(true);
      expect(await store.create(id("a"), "second", later(7_200_000))).toBe(false);
      expect(await store.get(id("a"))).toEqual({ value: "first", version: 1, expiresAt });
    });

    it("updates: the value, the expiry and a version that goes up by one each time", async () => {
      const store = await makeStore();
      const id = idsFor();
      await store.create(id("a"), "v1", later());
      const expiresAt = later(7_200_000);
      expect(await store.update(id("a"), "v2", expiresAt, 1)).toBe("ok");
      expect(await store.get(id("a"))).toEqual({ value: "v2", version: 2, expiresAt });
      expect(await store.update(id("a"), "v3", expiresAt, 2)).toBe("ok");
      expect(await store.get(id("a"))).toMatchObject({ value: "v3", version: 3 });
    });

    it('answers "gone" to an update of a deleted or never-created record, and does not create it', async () => {
      const store = await makeStore();
      const id = idsFor();
      await store.create(id("a"), "v1", later());
      await store.delete(id("a"));
      expect(await store.update(id("a"), "resurrected", later(), 1)).toBe("gone");
      expect(await store.update(id("b"), "invented", later(), 1)).toBe("gone");
      expect(await store.get(id("a"))).toBeNull();
      expect(await store.get(id("b"))).toBeNull();
    });

    it("deletes idempotently, and only the record named", async () => {
      const store = await makeStore();
      const id = idsFor();
      await store.create(id("a"), "a", later());
      await store.create(id("b"), "b", later());
      await store.delete(id("a"));
      await store.delete(id("a"));
      await store.delete(id("never-created"));
      expect(await store.get(id("a"))).toBeNull();
      expect((await store.get(id("b")))?.value).toBe("b");
    });

    it("treats ids with * ? [ ] : / % literally (no patterns, no paths)", async () => {
      const store = await makeStore();
      const id = idsFor();
      const odd = [id("a*"), id("a?"), id("[ab]"), id("x:y"), id("../etc/passwd"), id("100%"), id("%2F")];
      for (const key of odd) expect(await store.create(key, key, later())).toBe(true);
      expect(await store.get(id("ab"))).toBeNull();
      expect(await store.get(id("a"))).toBeNull();
      expect(await store.get(id("/"))).toBeNull();
      await store.delete(id("*"));
      await store.delete(id("a"));
      for (const key of odd) expect((await store.get(key))?.value).toBe(key);
      await store.delete(id("a*"));
      expect(await store.get(id("a*"))).toBeNull();
      expect((await store.get(id("a?")))?.value).toBe(id("a?"));
    });

    it("creates 50 records in parallel, each readable", async () => {
      const store = await makeStore();
      const id = idsFor();
      const keys = Array.from({ length: 50 }, (_, i) => id(`p${i}`));
      const created = await Promise.all(keys.map((key) => store.create(key, key, later())));
      expect(created.every(Boolean)).toBe(true);
      const read = await Promise.all(keys.map((key) => store.get(key)));
      expect(read.map((record) => record?.value)).toEqual(keys);
    });

    it("runs 50 parallel updates of one record at one version: exactly one wins where atomic", async () => {
      const store = await makeStore();
      const id = idsFor();
      await store.create(id("hot"), "v1", later());
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.update(id("hot"), `w${i}`, later(), 1)));
      const record = await store.get(id("hot"));
      if (store.capabilities.atomic) {
        expect(results.filter((r) => r === "ok")).toHaveLength(1);
        expect(results.filter((r) => r === "conflict")).toHaveLength(49);
        expect(record?.value).toBe(`w${results.indexOf("ok")}`);
        expect(record?.version).toBe(2);
      } else {
        // Last write wins, and every one of them is a real write.
        expect(results.every((r) => r === "ok")).toBe(true);
        expect(record?.value).toMatch(/^w\d+$/);
      }
    });

    itWhen(atomic)('answers "conflict" to a stale version where atomic, changing nothing', async () => {
      const store = await makeStore();
      if (!store.capabilities.atomic) return; // last-write-wins stores make no such promise
      const id = idsFor();
      await store.create(id("a"), "v1", later());
      expect(await store.update(id("a"), "v2", later(), 1)).toBe("ok");
      expect(await store.update(id("a"), "stale", later(), 1)).toBe("conflict");
      expect(await store.update(id("a"), "future", later(), 7)).toBe("conflict");
      expect(await store.get(id("a"))).toMatchObject({ value: "v2", version: 2 });
    });

    itWhen(atomic)("lets 50 parallel creates of one id succeed once where atomic", async () => {
      const store = await makeStore();
      if (!store.capabilities.atomic) return;
      const id = idsFor();
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.create(id("same"), `c${i}`, later())));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.get(id("same")))?.value).toBe(`c${results.indexOf(true)}`);
    });

    itWhen(waitableTtl)(
      "honours expiry: an expired record is absent, cannot be updated, and its id can be created again",
      async () => {
        const store = await makeStore();
        const floor = store.capabilities.minTtlSeconds ?? 0;
        if (floor > 2) return; // a 60 s TTL floor (KV) cannot be waited out here; the engine enforces expiry instead
        const id = idsFor();
        await store.create(id("short"), "short", Date.now() + 1_000);
        await store.create(id("long"), "long", later());
        expect((await store.get(id("short")))?.value).toBe("short");
        await sleep(1_300);
        expect(await store.get(id("short"))).toBeNull();
        expect(await store.update(id("short"), "again", later(), 1)).toBe("gone");
        expect(await store.create(id("short"), "new", later())).toBe(true);
        expect(await store.get(id("short"))).toMatchObject({ value: "new", version: 1 });
        expect((await store.get(id("long")))?.value).toBe("long");
      },
      10_000,
    );

    itWhen(probe && !!probe.touch)(
      "touches: extends the expiry without changing value or version",
      async () => {
        const store = await makeStore();
        if (!store.touch) return;
        const id = idsFor();
        await store.create(id("a"), "v1", Date.now() + 1_000);
        const extended = later();
        expect(await store.touch(id("a"), extended)).toBe(true);
        expect(await store.get(id("a"))).toEqual({ value: "v1", version: 1, expiresAt: extended });
        expect(await store.touch(id("never-created"), extended)).toBe(false);
        expect(await store.get(id("never-created"))).toBeNull();
        if ((store.capabilities.minTtlSeconds ?? 0) <= 2) {
          await sleep(1_300); // past the original expiry: the touch must have extended the backend's own TTL too
          expect((await store.get(id("a")))?.value).toBe("v1");
        }
      },
      10_000,
    );

    describePatch(makeStore, probe, idsFor);

    itWhen(probe && !!probe.clearExpired)(
      "clears expired records and counts them, keeping live ones",
      async () => {
        const store = await makeStore();
        if (!store.clearExpired) return;
        const id = idsFor();
        await store.create(id("old1"), "x", Date.now() + 500);
        await store.create(id("old2"), "x", Date.now() + 500);
        await store.create(id("live"), "live", later());
        await sleep(800);
        // Other tests' expired records may be counted too; ours must be. (A backend that expires keys by
        // itself, like Redis, has nothing to clear and should not offer clearExpired at all.)
        expect(await store.clearExpired()).toBeGreaterThanOrEqual(2);
        expect(await store.get(id("old1"))).toBeNull();
        expect((await store.get(id("live")))?.value).toBe("live");
        expect(await store.clearExpired()).toBeGreaterThanOrEqual(0);
      },
      10_000,
    );
  });
}
