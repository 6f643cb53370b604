import { describe, expect, it } from "vitest";
import { promiseCache } from "./promise-cache.ts";

describe("promiseCache", () => {
  it("makes each key once", async () => {
    const cached = promiseCache<number>(10);
    let made = 0;
    const make = async () => ++made;
    expect(await cached("a", make)).toBe(1);
    expect(await cached("a", make)).toBe(1);
    expect(await cached("b", make)).toBe(2);
  });

  it("forgets a rejection, so the next call tries again", async () => {
    const cached = promiseCache<string>(10);
    await expect(cached("k", () => Promise.reject(new Error("transient")))).rejects.toThrow("transient");
    await Promise.resolve();
    expect(await cached("k", async () => "ok")).toBe("ok");
  });

  it("keeps at most `limit` entries, dropping the oldest", async () => {
    const cached = promiseCache<string>(2);
    await cached("a", async () => "a1");
    await cached("b", async () => "b1");
    await cached("c", async () => "c1");
    expect(await cached("a", async () => "a2")).toBe("a2");
    expect(await cached("c", async () => "c2")).toBe("c1");
  });
});
