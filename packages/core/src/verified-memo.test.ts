import { describe, expect, it } from "vitest";
import { VerifiedMemo } from "./verified-memo.ts";

/** The call sites' pattern: a memo hit, else a (counted) verification whose success is remembered. */
function reader(memo: VerifiedMemo<string>, verify: (scope: readonly string[], value: string) => boolean) {
  let verifications = 0;
  return {
    read(scope: readonly string[], value: string): string | null {
      const known = memo.get(scope, value);
      if (known !== undefined) return known;
      verifications++;
      if (!verify(scope, value)) return null;
      memo.set(scope, value, `verified:${value}`);
      return `verified:${value}`;
    },
    verifications: () => verifications,
  };
}

describe("VerifiedMemo", () => {
  it("hits only the exact value, under the same scope", () => {
    const memo = new VerifiedMemo<string>(10);
    memo.set(["s1"], "cookie", "id");
    expect(memo.get(["s1"], "cookie")).toBe("id");
    expect(memo.get(["s1"], "cookie ")).toBeUndefined();
    expect(memo.get(["s2", "s1"], "cookie")).toBeUndefined(); // another secret list: another scope
    expect(memo.get(["s1"], "cookie")).toBe("id");
  });

  it("is bounded, evicting the least recently used", () => {
    const memo = new VerifiedMemo<number>(3);
    for (const [i, value] of ["a", "b", "c"].entries()) memo.set(["s"], value, i);
    memo.get(["s"], "a");
    memo.set(["s"], "d", 3);
    expect(memo.get(["s"], "b")).toBeUndefined();
    expect([memo.get(["s"], "a"), memo.get(["s"], "c"), memo.get(["s"], "d")]).toEqual([0, 2, 3]);
  });

  // docs/design.md, "Input limits": a memo may change only the cost of a verdict, never the verdict.
  // Issue 10 defect 3: the key was [salt, ...secrets].join("\0"), so these two scopes collided and
  // the second app accepted the first app's cookie once the first had read it.
  it("keys scopes unambiguously: salt 'shared' with [S1, S2] never hits for salt 'shared\\0'+S1 with [S2] (defect 3)", () => {
    const S1 = "first-secret-0123456789abcdef0123";
    const S2 = "second-secret-0123456789abcdef012";
    const memo = new VerifiedMemo<string>(10);
    // The first app's verifier accepts its own cookie; the second app's accepts nothing of the first's.
    const appA = ["shared", S1, S2];
    const appB = [`shared\u0000${S1}`, S2];
    const r = reader(memo, (scope) => scope === appA);
    expect(r.read(appA, "cookie-of-A")).toBe("verified:cookie-of-A");
    expect(r.read(appB, "cookie-of-A")).toBeNull(); // warm memo, same verdict as cold
    expect(memo.get(appB, "cookie-of-A")).toBeUndefined();
    // Nor may a scope key run into the value: ["a"] + "\"]x" is not ["a\"]x"] + "".
    memo.set(["a"], '"]x', "one");
    expect(memo.get(['a"]x'], "")).toBeUndefined();
    expect(memo.get(["a", "b"], "")).toBeUndefined();
  });

  it("keeps one memo per scope: two apps alternating re-verify 0 times in 20 warm reads (defect 3)", () => {
    const memo = new VerifiedMemo<string>(100);
    const r = reader(memo, () => true);
    const apps = [
      ["salt-a", "secret-a-0123456789abcdef0123456"],
      ["salt-b", "secret-b-0123456789abcdef0123456"],
    ];
    r.read(apps[0]!, "cookie-a");
    r.read(apps[1]!, "cookie-b");
    const cold = r.verifications();
    expect(cold).toBe(2);
    for (let i = 0; i < 20; i++) r.read(apps[i % 2]!, i % 2 ? "cookie-b" : "cookie-a");
    expect(r.verifications() - cold).toBe(0); // the old memo cleared itself on every change of secrets: 19 of 20
  });

  it("never remembers a rejection: a bad value is verified on every read", () => {
    const memo = new VerifiedMemo<string>(10);
    const r = reader(memo, () => false);
    for (let i = 0; i < 5; i++) expect(r.read(["s"], "forged")).toBeNull();
    expect(r.verifications()).toBe(5);
  });
});
