import { SessionConfigError, SessionSerializationError, SessionTooLargeError } from "@edge-session/core";
import type { CookieRejection, CookieSessionStore, DecodedCookie, SessionPayload } from "@edge-session/core/kit";
import { describe, expect, test } from "vitest";
import { cookieStore, DEFAULT_SALT, DJANGO_SESSION_SALT } from "./cookie-store.ts";
import { djangoLoads } from "./django-signing.ts";
import { jweEncrypt } from "./jwe.ts";

/** The decoded cookie, failing the test with the store's reason when it was refused. */
function accepted(decoded: DecodedCookie | CookieRejection): DecodedCookie {
  if (typeof decoded === "string") throw new Error(`cookie refused: ${decoded}`);
  return decoded;
}

const SECRET = "a-secret-of-at-least-thirty-two-characters";
const OLD_SECRET = "the-previous-secret-still-being-accepted";
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0, 345);
const ctx = { secrets: [SECRET], now: NOW };

const payload = (data: Record<string, unknown>, extra: Partial<SessionPayload> = {}): SessionPayload => ({
  data,
  flash: {},
  expiry: undefined,
  ...extra,
});

function randomText(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** The same pseudo-random (hardly compressible) text for the same length, every run. */
function seededText(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let state = 0x9e3779b9;
  let out = "";
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out += alphabet[(state >>> 0) % alphabet.length];
  }
  return out;
}

const modes: [string, () => CookieSessionStore][] = [
  ["signed", () => cookieStore()],
  ["encrypted", () => cookieStore({ encrypt: true })],
  ["encrypted + compressed", () => cookieStore({ encrypt: true, compress: true })],
];

for (const [mode, make] of modes) {
  describe(`cookieStore (${mode})`, () => {
    const store = make();

    test("is a cookie store: last write wins, what the browser sends is what was set", () => {
      expect(store.kind).toBe("cookie");
      expect(store.capabilities).toEqual({ atomic: false, consistency: "strong" });
    });

    test("round trip; issuedAt is the save time in whole seconds", async () => {
      const data = { user: "ada", cart: [{ id: 1, qty: 2 }], note: "Zoë 😀 \u007f", n: null, ok: true };
      const value = await store.encode(payload(data), ctx);
      expect(/^[\x21-\x7e]+$/.test(value)).toBe(true); // RFC 6265 cookie-octets, no quoting needed
      expect(value).not.toMatch(/[,;\\"]/);
      const decoded = await store.decode(value, ctx);
      expect(decoded).toEqual({ payload: payload(data), issuedAt: Math.floor(NOW / 1000) * 1000 });
    });

    test("custom expiry and flash round-trip and never appear among the data's keys", async () => {
      for (const expiry of [0, 3600, { at: Date.UTC(2030, 0, 2, 3, 4, 5, 600) }]) {
        const sent = payload({ visits: 2 }, { flash: { notice: "Saved ✓" }, expiry });
        const decoded = await store.decode(await store.encode(sent, ctx), ctx);
        expect(accepted(decoded).payload).toEqual(sent);
        expect(Object.keys(accepted(decoded).payload.data)).toEqual(["visits"]);
      }
    });

    test("rotation: a cookie from the old secret reads while it is listed; saves use the first", async () => {
      const old = await store.encode(payload({ a: 1 }), { secrets: [OLD_SECRET], now: NOW });
      expect(await store.decode(old, { secrets: [SECRET, OLD_SECRET], now: NOW })).toHaveProperty("payload");
      expect(await store.decode(old, { secrets: [SECRET], now: NOW })).toBeTypeOf("string");
      const fresh = await store.encode(payload({ a: 1 }), { secrets: [SECRET, OLD_SECRET], now: NOW });
      expect(await store.decode(fresh, { secrets: [SECRET], now: NOW })).toHaveProperty("payload");
      expect(await store.decode(fresh, { secrets: [OLD_SECRET], now: NOW })).toBeTypeOf("string");
    });

    test("a store with another salt cannot read it", async () => {
      const value = await store.encode(payload({ a: 1 }), ctx);
      const other = mode === "signed" ? cookieStore({ salt: "other" }) : cookieStore({ salt: "other", encrypt: true });
      expect(await other.decode(value, ctx)).toBeTypeOf("string");
    });

    test("an encoded value over 4096 bytes throws SessionTooLargeError; up to 4096 is fine", async () => {
      await expect(store.encode(payload({ blob: randomText(5000) }), ctx)).rejects.toBeInstanceOf(SessionTooLargeError);
      // Bisect on the size of (deterministic) incompressible data for the boundary: the largest value
      // that encodes is at most 4096 bytes and close to it; one more character fails with size > 4096.
      let ok = 100;
      let tooBig = 6000;
      let error: unknown;
      while (tooBig - ok > 1) {
        const mid = (ok + tooBig) >> 1;
        try {
          await store.encode(payload({ blob: seededText(mid) }), ctx);
          ok = mid;
        } catch (caught) {
          error = caught;
          tooBig = mid;
        }
      }
      const largest = (await store.encode(payload({ blob: seededText(ok) }), ctx)).length;
      expect(largest).toBeGreaterThan(4090);
      expect(largest).toBeLessThanOrEqual(4096);
      expect(error).toBeInstanceOf(SessionTooLargeError);
      expect((error as SessionTooLargeError).size).toBeGreaterThan(4096);
      await expect(store.encode(payload({ blob: seededText(tooBig) }), ctx)).rejects.toBeInstanceOf(SessionTooLargeError);
    });

    test("encode without a secret is a configuration error", async () => {
      await expect(store.encode(payload({ a: 1 }), { secrets: [], now: NOW })).rejects.toBeInstanceOf(SessionConfigError);
    });

    test("decode never throws: garbage, huge, non-ASCII, random and the other mode's cookies read as null", async () => {
      const signed = await cookieStore().encode(payload({ a: 1 }), ctx);
      const encrypted = await cookieStore({ encrypt: true }).encode(payload({ a: 1 }), ctx);
      const own = mode === "signed" ? signed : encrypted;
      const inputs = [
        "",
        " ",
        "null",
        "{}",
        '"quoted"',
        "%E2%82%AC",
        "\u0000\u0001",
        "é",
        "😀",
        "\ud800",
        "x".repeat(4097),
        "A".repeat(2_000_000),
        own.slice(0, -1),
        `${own} `,
        own.replace(/[A-Za-z]/, "é"),
        mode === "signed" ? encrypted : signed,
        ...Array.from({ length: 50 }, () => randomText(1 + Math.floor(Math.random() * 300))),
        ...Array.from({ length: 20 }, () => String.fromCharCode(...crypto.getRandomValues(new Uint16Array(64)))),
      ];
      for (const input of inputs) await expect(store.decode(input, ctx)).resolves.toBeTypeOf("string");
      await expect(store.decode(own, { secrets: [], now: NOW })).resolves.toBeTypeOf("string");
    });
  });
}

describe("cookieStore (signed) specifics", () => {
  test("uses the default salt, and Django's when asked", async () => {
    expect(DEFAULT_SALT).toBe("edge-session.cookie");
    expect(DJANGO_SESSION_SALT).toBe("django.contrib.sessions.backends.signed_cookies");
    const value = await cookieStore().encode(payload({ a: 1 }), ctx);
    expect(await djangoLoads(value, { salt: DEFAULT_SALT, secrets: [SECRET] })).not.toBeNull();
    const django = await cookieStore({ salt: DJANGO_SESSION_SALT }).encode(payload({ a: 1 }), ctx);
    expect(await djangoLoads(django, { salt: DJANGO_SESSION_SALT, secrets: [SECRET] })).not.toBeNull();
  });

  test("the reserved keys are refused as data rather than silently misread", async () => {
    await expect(cookieStore().encode(payload({ _flash: 1 }), ctx)).rejects.toBeInstanceOf(SessionSerializationError);
    await expect(cookieStore().encode(payload({ _session_expiry: 5 }), ctx)).rejects.toBeInstanceOf(SessionSerializationError);
  });

  test("compresses sessions of 1 KiB or more by default (as Django does), not with compress: false", async () => {
    const small = { items: Array.from({ length: 20 }, () => "apple") }; // compressible, but under 1 KiB
    expect((await cookieStore().encode(payload(small), ctx)).startsWith(".")).toBe(false);
    const data = { items: Array.from({ length: 150 }, () => "apple") };
    expect((await cookieStore().encode(payload(data), ctx)).startsWith(".")).toBe(true);
    const plain = await cookieStore({ compress: false }).encode(payload(data), ctx);
    expect(plain.startsWith(".")).toBe(false);
    expect(accepted(await cookieStore().decode(plain, ctx)).payload.data).toEqual(data); // either form reads
  });

  test("a signed cookie's data is readable by the browser (base64): not for secrets", async () => {
    const value = await cookieStore({ compress: false }).encode(payload({ secret: "visible" }), ctx);
    expect(atob(value.split(":")[0]!.replaceAll("-", "+").replaceAll("_", "/"))).toContain("visible");
  });
});

describe("cookieStore (encrypted) specifics", () => {
  test("data may use any key, the reserved signed-mode names included", async () => {
    const store = cookieStore({ encrypt: true });
    const data = { _flash: 1, _session_expiry: "x" };
    expect(accepted(await store.decode(await store.encode(payload(data), ctx), ctx)).payload.data).toEqual(data);
  });

  test("does not compress by default (compression length leaks, CRIME/BREACH); compress: true does", async () => {
    const data = { items: Array.from({ length: 100 }, () => "apple") };
    const plain = await cookieStore({ encrypt: true }).encode(payload(data), ctx);
    const zipped = await cookieStore({ encrypt: true, compress: true }).encode(payload(data), ctx);
    expect(zipped.length).toBeLessThan(plain.length / 2);
    expect(accepted(await cookieStore({ encrypt: true }).decode(zipped, ctx)).payload.data).toEqual(data);
  });

  test("a well-encrypted plaintext of the wrong shape reads as null", async () => {
    const store = cookieStore({ encrypt: true });
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
      expect(await store.decode(value, ctx), plaintext).toBeTypeOf("string");
    }
    const good = await jweEncrypt('1.{"d":{"a":1}}', { salt: DEFAULT_SALT, secret: SECRET, compress: false });
    expect(await store.decode(good, ctx)).toEqual({ payload: payload({ a: 1 }), issuedAt: 1000 });
  });
});

describe("options", () => {
  test("bad options are configuration errors", () => {
    expect(() => cookieStore({ salt: "" })).toThrow(SessionConfigError);
    expect(() => cookieStore({ salt: 5 as unknown as string })).toThrow(SessionConfigError);
    expect(() => cookieStore(null as unknown as object)).toThrow(SessionConfigError);
  });
});

describe("verified-value memo", () => {
  test("a repeat read of a cookie costs no crypto.subtle call; a tampered one is verified every time", async () => {
    for (const [store, encrypted] of [
      [cookieStore(), false],
      [cookieStore({ encrypt: true }), true],
    ] as const) {
      const value = await store.encode(payload({ user: "ada" }), ctx);
      expect(accepted(await store.decode(value, ctx)).payload.data).toEqual({ user: "ada" });
      const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => unknown>;
      const originals = { verify: subtle.verify, decrypt: subtle.decrypt, sign: subtle.sign };
      let calls = 0;
      for (const [name, original] of Object.entries(originals)) {
        subtle[name] = (...args: unknown[]) => {
          calls++;
          return original!.apply(crypto.subtle, args);
        };
      }
      try {
        expect(accepted(await store.decode(value, ctx)).payload.data).toEqual({ user: "ada" });
        expect(calls).toBe(0);
        // One character of the signed body, or of the ciphertext: the shape stays valid, so only crypto can refuse it.
        const at = encrypted ? value.lastIndexOf(".") - 3 : 2;
        const tampered = value.slice(0, at) + (value[at] === "A" ? "B" : "A") + value.slice(at + 1);
        expect(await store.decode(tampered, ctx)).toBeTypeOf("string");
        expect(await store.decode(tampered, ctx)).toBeTypeOf("string");
        expect(calls).toBe(2);
      } finally {
        Object.assign(subtle, originals);
      }
    }
  });
});
