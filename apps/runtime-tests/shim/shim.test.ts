// The part of "vitest" the suites use behaves alike everywhere: this file runs under vitest (Node,
// workerd), bun test and the Deno shim, and must pass identically on each. What only fails can
// only be seen from outside: on Deno, the last case runs failures.fixture.ts in a child `deno test`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const log: string[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(() => {
  log.push("root:beforeAll");
});

describe("hooks", () => {
  let resource = 0;
  beforeAll(async () => {
    await sleep(1);
    resource = 42;
    log.push("outer:beforeAll");
  });
  afterAll(() => {
    log.push("outer:afterAll");
  });

  it("sees beforeAll's work", () => {
    expect(resource).toBe(42);
    expect(log).toEqual(["root:beforeAll", "outer:beforeAll"]);
  });

  describe("inner", () => {
    beforeAll(() => {
      log.push("inner:beforeAll");
    });
    afterAll(() => {
      log.push("inner:afterAll");
    });
    it("runs its beforeAll when the inner suite starts, after the outer one", () => {
      expect(log).toEqual(["root:beforeAll", "outer:beforeAll", "inner:beforeAll"]);
    });
  });

  it("ran the inner afterAll after the inner suite's last case", () => {
    expect(log.at(-1)).toBe("inner:afterAll");
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
    expect({ a: 1, b: 2 }).toMatchObject({ a: 1 });
    expect({ a: 1 }).toHaveProperty("a", 1);
    expect("sessionid=abc; Path=/").toMatch(/^sessionid=/);
    expect(null).toBeNull();
    expect(undefined).toBeUndefined();
    expect([1, 2, 3]).toContain(2);
    expect("Vary: Cookie").not.toContain("Accept");
    expect([1]).toHaveLength(1);
    expect(3).toBeGreaterThan(2);
    expect(3).toBeGreaterThanOrEqual(3);
    expect(2).toBeLessThan(3);
    expect(3).toBeLessThanOrEqual(3);
    expect(new TypeError("x")).toBeInstanceOf(Error);
    expect(() => {
      throw new TypeError("bad thing");
    }).toThrow(/bad/);
    await expect(Promise.reject(new Error("no"))).rejects.toThrow("no");
    await expect(Promise.reject(new Error("no"))).rejects.not.toBeInstanceOf(TypeError);
    await expect(Promise.resolve(5)).resolves.toBe(5);
  });

  it("has the asymmetric matchers the suites use", () => {
    expect({ when: 1, name: "sessionid", path: "/app" }).toEqual({
      when: expect.any(Number),
      name: expect.stringContaining("session"),
      path: expect.stringMatching(/^\//),
    });
    expect([{ a: 1, b: 2 }]).toEqual([expect.objectContaining({ a: 1 })]);
  });

  it("fails when a matcher does not match, with the message argument in the error", () => {
    // Wording differs (bun:test has its own); that a mismatch throws, and names the message, does not.
    expect(() => expect({ a: 1 }).toEqual({ a: 2 })).toThrow();
    expect(() => expect([1]).toContain(2)).toThrow();
    expect(() => expect(500, "set #3").toBe(200)).toThrow(/set #3/);
  });
});

it.skip("it.skip never runs the case", () => {
  throw new Error("ran a skipped case");
});

interface DenoApi {
  execPath(): string;
  Command: new (
    command: string,
    options: { args: string[]; stdout: "piped"; stderr: "null" },
  ) => { output(): Promise<{ stdout: Uint8Array }> };
}
const deno = (globalThis as { Deno?: DenoApi }).Deno;

/** name → "passed" | "skipped" | "failed: <message>", from `deno test --reporter=junit`. */
function outcomes(junit: string): Record<string, string> {
  const text = (s: string) =>
    s.replace(/&(gt|lt|quot|apos|amp);/g, (_, e: string) => ({ gt: ">", lt: "<", quot: '"', apos: "'", amp: "&" })[e]!);
  const result: Record<string, string> = {};
  for (const [, name, body] of junit.matchAll(/<testcase name="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g)) {
    const failure = /<failure message="([^"]*)"/.exec(body!);
    result[text(name!)] = failure ? `failed: ${text(failure[1]!)}` : body!.includes("<skipped") ? "skipped" : "passed";
  }
  return result;
}

(deno ? it : it.skip)(
  "Deno shim: failing hooks, timeouts and unhandled rejections fail the right cases",
  async () => {
    const file = (name: string) => decodeURIComponent(new URL(name, import.meta.url).pathname);
    const args = ["test", "--allow-all", "--reporter=junit", `--config=${file("../deno.json")}`, file("./failures.fixture.ts")];
    const { stdout } = await new deno!.Command(deno!.execPath(), { args, stdout: "piped", stderr: "null" }).output();
    expect(outcomes(new TextDecoder().decode(stdout))).toEqual({
      "a failing beforeAll > fails the first case": "failed: Uncaught Error: setup failed",
      "a failing beforeAll > inner > and the cases of inner suites": "failed: Uncaught Error: setup failed",
      "a failing afterAll > passes on its own": "passed",
      "a failing afterAll > fails the suite's last case": "failed: Uncaught Error: teardown failed",
      "fails past the timeout given in ms": 'failed: Uncaught Error: test "fails past the timeout given in ms" timed out in 50ms',
      "fails on a rejection nobody handled": "failed: Uncaught Error: nobody awaited this",
      "a suite whose callback throws > (collecting the suite)": "failed: Uncaught Error: collecting failed",
      "is ignored, never run": "skipped",
      "passes after all that": "passed",
    });
  },
  60_000,
);

afterAll(() => {
  // The file's afterAll runs last of all; a failure here fails the file's last case.
  expect(log).toContain("outer:afterAll");
});
