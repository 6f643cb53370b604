// Cases that must fail (or be skipped) under the Deno shim: shim.test.ts runs this file in a
// child `deno test` and checks each outcome. Not a test file itself: no runner picks it up.
import { afterAll, beforeAll, describe, it } from "vitest";

describe("a failing beforeAll", () => {
  beforeAll(() => {
    throw new Error("setup failed");
  });
  it("fails the first case", () => {});
  describe("inner", () => {
    it("and the cases of inner suites", () => {});
  });
});

describe("a failing afterAll", () => {
  afterAll(() => {
    throw new Error("teardown failed");
  });
  it("passes on its own", () => {});
  it("fails the suite's last case", () => {});
});

it("fails past the timeout given in ms", () => new Promise((resolve) => setTimeout(resolve, 300)), 50);

it("fails on a rejection nobody handled", () => {
  void Promise.reject(new Error("nobody awaited this"));
});

describe("a suite whose callback throws", () => {
  throw new Error("collecting failed");
});

it.skip("is ignored, never run", () => {
  throw new Error("ran a skipped case");
});

it("passes after all that", () => {});
