// Proves the runner's "vitest" is vitest: the same file runs under vitest (Node),
// bun test and the Deno shim, and must pass identically everywhere.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

const log: string[] = [];

beforeAll(() => {
  log.push("root:beforeAll");
});

describe("hooks", () => {
  let resource = 0;
  beforeAll(async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    resource = 42;
    log.push("outer:beforeAll");
  });
  afterAll(() => {
    log.push("outer:afterAll");
  });
  beforeEach(() => {
    log.push("outer:beforeEach");
  });
  afterEach(() => {
    log.push("outer:afterEach");
  });

  it("sees beforeAll's work", () => {
    expect(resource).toBe(42);
    expect(log).toEqual(["root:beforeAll", "outer:beforeAll", "outer:beforeEach"]);
  });

  describe("inner", () => {
    beforeEach(() => {
      log.push("inner:beforeEach");
    });
    afterEach(() => {
      log.push("inner:afterEach");
    });
    it("runs outer hooks around inner ones", () => {
      expect(log.slice(-3)).toEqual(["outer:afterEach", "outer:beforeEach", "inner:beforeEach"]);
    });
  });

  it("ran the inner afterEach before the outer one", () => {
    expect(log.slice(-3)).toEqual(["inner:afterEach", "outer:afterEach", "outer:beforeEach"]);
  });
});

describe("after a finished suite", () => {
  it("ran its afterAll once, after its last case", () => {
    expect(log.filter((entry) => entry === "outer:afterAll")).toHaveLength(1);
    expect(log.at(-1)).toBe("outer:afterAll");
  });
});

describe("vitest's expect", () => {
  it("has the matchers the suites use", async () => {
    expect({ a: [1, { b: "c" }] }).toEqual({ a: [1, { b: "c" }] });
    expect("sessionid=abc; Path=/").toMatch(/^sessionid=/);
    expect(null).toBeNull();
    expect([1, 2, 3]).toContain(2);
    expect("Vary: Cookie").toContain("Cookie");
    expect(3).toBeGreaterThan(2);
    expect({ a: 1, b: 2 }).toMatchObject({ a: 1 });
    expect({ a: 1 }).toHaveProperty("a", 1);
    expect([1]).toHaveLength(1);
    expect(() => {
      throw new TypeError("bad thing");
    }).toThrow(TypeError);
    expect(() => {
      throw new TypeError("bad thing");
    }).toThrow(/bad/);
    await expect(Promise.reject(new Error("no"))).rejects.toThrow("no");
    await expect(Promise.resolve(5)).resolves.toBe(5);
    expect({ when: 1 }).toEqual({ when: expect.any(Number) });
    expect("abc").toEqual(expect.stringContaining("b"));
    expect(1).toBeOneOf([1, 2]);
    expect(1).toBeTypeOf("number");
  });

  it("fails when a matcher does not match", () => {
    // Messages differ (bun:test words them its own way); that a mismatch throws does not.
    expect(() => expect({ a: 1 }).toEqual({ a: 2 })).toThrow();
    expect(() => expect(null).toBeNull()).not.toThrow();
    expect(() => expect([1]).toContain(2)).toThrow();
  });

  it("counts assertions for expect.assertions", () => {
    expect.assertions(2);
    expect(1).toBe(1);
    expect(2).toBe(2);
  });
});

describe.skip("a skipped suite", () => {
  it("never runs", () => {
    throw new Error("ran a skipped case");
  });
});

// bun:test has skipIf but no runIf: suites meant for every runtime use skipIf only.
describe("skipIf", () => {
  it.skipIf(true)("is skipped", () => {
    throw new Error("ran a skipped case");
  });
  it.skipIf(false)("runs", () => {
    expect(true).toBe(true);
  });
});

afterAll(() => {
  // The root afterAll runs last of all; a failure here fails the file's last case.
  expect(log).toContain("outer:afterAll");
});
