import { describe, expect, it } from "vitest";
import { VerifiedMemo } from "./verified-memo.ts";

describe("VerifiedMemo", () => {
  it("hits only the exact value, under the same secrets", () => {
    const memo = new VerifiedMemo<string>(10);
    memo.set(["s1"], "cookie", "id");
    expect(memo.get(["s1"], "cookie")).toBe("id");
    expect(memo.get(["s1"], "cookie ")).toBeUndefined();
    expect(memo.get(["s2", "s1"], "cookie")).toBeUndefined(); // secrets changed: starts afresh
    expect(memo.get(["s1"], "cookie")).toBeUndefined();
  });

  it("is bounded, evicting the least recently used", () => {
    const memo = new VerifiedMemo<number>(3);
    for (const [i, value] of ["a", "b", "c"].entries()) memo.set(["s"], value, i);
    memo.get(["s"], "a");
    memo.set(["s"], "d", 3);
    expect(memo.get(["s"], "b")).toBeUndefined();
    expect([memo.get(["s"], "a"), memo.get(["s"], "c"), memo.get(["s"], "d")]).toEqual([0, 2, 3]);
  });
});
