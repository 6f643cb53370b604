import { describe, expect, it } from "vitest";
import { cachedStore } from "./cached-store.ts";
import { memoryStore } from "./memory-store.ts";
import type { SessionStore } from "./store.ts";
import { countingStore, describeStore } from "./testing/index.ts";

describeStore("cachedStore(memory over memory)", () => cachedStore({ cache: memoryStore(), store: memoryStore() }));

const later = (): number => Date.now() + 60_000;

describe("cachedStore", () => {
  it("reads from the cache first and fills it on a miss", async () => {
    const cache = countingStore(memoryStore());
    const store = countingStore(memoryStore());
    const cached = cachedStore({ cache: cache.store, store: store.store });
    await store.store.create("a", "value", later());
    expect((await cached.get("a"))?.value).toBe("value");
    expect(store.calls.get).toBe(1);
    expect((await cached.get("a"))?.value).toBe("value");
    expect(store.calls.get).toBe(1); // second read served by the cache
  });

  it("writes to the store first, then the cache, carrying the store's version", async () => {
    const cache = memoryStore();
    const store = memoryStore();
    const cached = cachedStore({ cache, store });
    await cached.create("a", "v1", later());
    expect(await cached.update("a", "v2", later(), 1)).toBe("ok");
    expect(await store.get("a")).toMatchObject({ value: "v2", version: 2 });
    expect(JSON.parse((await cache.get("a"))!.value)).toEqual({ value: "v2", version: 2 });
  });

  it("evicts a stale cached copy on conflict, so the next read comes from the store", async () => {
    const cache = memoryStore();
    const store = memoryStore();
    const cached = cachedStore({ cache, store });
    await cached.create("a", "v1", later());
    await store.update("a", "written elsewhere", later(), 1); // the cache still says v1
    expect(await cached.update("a", "mine", later(), 1)).toBe("conflict");
    expect(await cached.get("a")).toMatchObject({ value: "written elsewhere", version: 2 });
  });

  it("never fails a request because the cache fails", async () => {
    const broken: SessionStore = {
      capabilities: { atomic: false, consistency: "eventual" },
      get: () => Promise.reject(new Error("cache down")),
      create: () => Promise.reject(new Error("cache down")),
      update: () => Promise.reject(new Error("cache down")),
      delete: () => Promise.reject(new Error("cache down")),
    };
    const store = memoryStore();
    const cached = cachedStore({ cache: broken, store });
    expect(await cached.create("a", "v1", later())).toBe(true);
    expect(await cached.update("a", "v2", later(), 1)).toBe("ok");
    expect((await cached.get("a"))?.value).toBe("v2");
    await cached.delete("a");
    expect(await store.get("a")).toBeNull();
  });

  it("does fail when the store of record fails", async () => {
    const store = countingStore(memoryStore());
    const cached = cachedStore({ cache: memoryStore(), store: store.store });
    store.fail.on = true;
    await expect(cached.create("a", "v1", later())).rejects.toThrow("store outage");
  });
});
