import { describe, expect, it } from "vitest";
import { SessionConfigError } from "./errors.ts";
import { memoryStore } from "./memory-store.ts";
import { resolveOptions, type SessionOptions } from "./options.ts";

const secret = "options-test-secret-0123456789abcdef";

describe("resolveOptions", () => {
  it("fills Django's defaults, secure by default", () => {
    const resolved = resolveOptions({ store: memoryStore(), secret });
    expect(resolved.cookie).toEqual({
      name: "sessionid",
      maxAge: 1_209_600,
      domain: undefined,
      path: "/",
      secure: true,
      httpOnly: true,
      sameSite: "Lax",
    });
    expect(resolved.touchAfter).toBe(604_800);
    expect(resolved.secrets).toEqual([secret]);
  });

  it("resolves an options object once", () => {
    const options = { store: memoryStore(), secret };
    expect(resolveOptions(options)).toBe(resolveOptions(options));
  });

  it.each<[string, Partial<SessionOptions>]>([
    ["a missing secret", { secret: undefined as never }],
    ["a short secret", { secret: "x".repeat(31) }],
    ["a short fallback secret", { secret: [secret, "short"] }],
    ["an empty secret list", { secret: [] }],
    ["a missing store", { store: undefined as never }],
    ["a store without update", { store: { capabilities: { atomic: true, consistency: "strong" }, get: async () => null } as never }],
    ["a bad cookie name", { cookie: { name: "sess id" } }],
    ["a zero maxAge", { cookie: { maxAge: 0 } }],
    ["a path with ';'", { cookie: { path: "/;x" } }],
    ["SameSite=None without Secure", { cookie: { sameSite: "None", secure: false } }],
    ["a negative touchAfter", { touchAfter: -1 }],
  ])("refuses %s with SessionConfigError", (_label, override) => {
    expect(() => resolveOptions({ store: memoryStore(), secret, ...override })).toThrow(SessionConfigError);
  });
});

describe("configuration errors name the option and the entry", () => {
  it.each<[string, unknown, string]>([
    ["an unset single secret", undefined, "options.secret is missing (undefined): is its environment variable set?"],
    ["an empty single secret", "", "options.secret is missing (empty): is its environment variable set?"],
    ["a short single secret", "x".repeat(12), "options.secret is 12 characters, needs at least 32"],
    ["an unset fallback", [secret, undefined], "options.secret[1] is missing (undefined): is its environment variable set?"],
    ["a short fallback", [secret, "y".repeat(20)], "options.secret[1] is 20 characters, needs at least 32"],
    ["a number", [42], "options.secret[0] is a number, not a string"],
    ["an empty list", [], "options.secret is an empty list: give at least one secret of 32 or more characters"],
  ])("%s", (_label, value, message) => {
    expect(() => resolveOptions({ store: memoryStore(), secret: value as string })).toThrow(new SessionConfigError(message));
  });

  it("never quotes a secret in the message", () => {
    const short = "hunter2-but-not-long-enough";
    expect(() => resolveOptions({ store: memoryStore(), secret: short })).toThrow(/^(?!.*hunter2)/);
  });

  it("refuses an onError that is not a function, and a schema that is not Standard Schema v1", () => {
    expect(() => resolveOptions({ store: memoryStore(), secret, onError: "log" as never })).toThrow(/options\.onError must be a function/);
    expect(() => resolveOptions({ store: memoryStore(), secret, schema: { parse() {} } as never })).toThrow(/Standard Schema v1/);
  });

  it("a hook that throws is swallowed", () => {
    const resolved = resolveOptions({
      store: memoryStore(),
      secret,
      onError: () => {
        throw new Error("logger down");
      },
    });
    expect(() => resolved.onError?.(new SessionConfigError("x"), new Request("https://example.test/"))).not.toThrow();
  });
});
