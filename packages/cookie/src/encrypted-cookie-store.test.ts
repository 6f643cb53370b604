import { SessionConfigError } from "@edge-session/core";
import { describe, expect, test } from "vitest";
import { accepted, payload } from "../test/fixtures.ts";
import { encryptedCookieStore } from "./encrypted-cookie-store.ts";
import { jweEncrypt } from "./jwe.ts";
import { DEFAULT_SALT } from "./store-options.ts";

// The behaviour shared with the signed store runs on both in cookie-store.test.ts; here, the JWE specifics.

const SECRET = "a-secret-of-at-least-thirty-two-characters";
const ctx = { secrets: [SECRET], now: Date.UTC(2025, 5, 1, 12, 0, 0, 345) };

describe("encryptedCookieStore", () => {
  test("data may use any key, the reserved signed-mode names included", async () => {
    const store = encryptedCookieStore();
    const data = { _flash: 1, _session_expiry: "x" };
    expect(accepted(await store.decode(await store.encode(payload(data), ctx), ctx)).payload.data).toEqual(data);
  });

  test("does not compress by default (compression length leaks, CRIME/BREACH); compress: true does", async () => {
    const data = { items: Array.from({ length: 100 }, () => "apple") };
    const plain = await encryptedCookieStore().encode(payload(data), ctx);
    const zipped = await encryptedCookieStore({ compress: true }).encode(payload(data), ctx);
    expect(zipped.length).toBeLessThan(plain.length / 2);
    expect(accepted(await encryptedCookieStore().decode(zipped, ctx)).payload.data).toEqual(data);
  });

  test("a well-encrypted plaintext of the wrong shape is 'bad-payload'", async () => {
    const store = encryptedCookieStore();
    for (const plaintext of [
      "not json",
      "[]",
      '1.{"d":[]}',
      '1.{"d":{},"f":[]}',
      '1.{"d":{},"x":-1}',
      '1.{"d":{},"x":{"at":"soon"}}',
      '{"d":{}}',
      '.{"d":{}}',
      '-1.{"d":{}}',
      '1.5.{"d":{}}',
      '1e20.{"d":{}}',
      'x.{"d":{}}',
    ]) {
      const value = await jweEncrypt(plaintext, { salt: DEFAULT_SALT, secret: SECRET, compress: false });
      expect(await store.decode(value, ctx), plaintext).toBe("bad-payload");
    }
    const good = await jweEncrypt('1.{"d":{"a":1}}', { salt: DEFAULT_SALT, secret: SECRET, compress: false });
    expect(await store.decode(good, ctx)).toEqual({ payload: payload({ a: 1 }), issuedAt: 1000 });
  });
});

test("bad options are configuration errors, naming encryptedCookieStore", () => {
  expect(() => encryptedCookieStore({ salt: "" })).toThrow(/encryptedCookieStore salt/);
  expect(() => encryptedCookieStore(null as unknown as object)).toThrow(SessionConfigError);
});
