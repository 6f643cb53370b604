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
