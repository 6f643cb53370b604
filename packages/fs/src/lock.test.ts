import { describe, expect, it } from "vitest";
import { pendingLocks, withLock } from "./lock.ts";

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe("withLock", () => {
  it("runs calls for one key one after another, in order", async () => {
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all([withLock("k", job("a")), withLock("k", job("b")), withLock("k", job("c"))]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["a:start", "a:end", "b:start", "b:end", "c:start", "c:end"]);
  });

  it("lets different keys overlap", async () => {
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
    };
    await Promise.all([withLock("x", job("x")), withLock("y", job("y"))]);
    expect(log.slice(0, 2).sort()).toEqual(["x:start", "y:start"]);
  });

  it("keeps going after a failure and reports it to the caller only", async () => {
    const failed = withLock("f", async () => {
      throw new Error("boom");
    });
    const next = withLock("f", async () => "after");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("after");
  });

  it("forgets keys once their queue drains", async () => {
    await Promise.all([withLock("d1", tick), withLock("d2", tick), withLock("d1", tick)]);
    await tick();
    expect(pendingLocks()).toBe(0);
  });
});
