import { SessionConfigError, SessionSerializationError, SessionTooLargeError } from "@edge-session/core";
import type { CookieSessionStore } from "@edge-session/core/kit";
import { describe, expect, test, vi } from "vitest";
import { accepted, payload, seededText } from "../test/fixtures.ts";
import { cookieStore, DJANGO_SESSION_SALT } from "./cookie-store.ts";
import { djangoDumps, djangoLoads } from "./django-signing.ts";
import { encryptedCookieStore } from "./encrypted-cookie-store.ts";
import { DEFAULT_SALT } from "./store-options.ts";

// Counts HMAC verifications (core picks a pure-JS or WebCrypto HMAC per runtime, so counting
// crypto.subtle calls alone would miss them); everything else is core's own.
const hmacVerifyCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock("@edge-session/core/kit", async (importOriginal) => {
  const kit = await importOriginal<typeof import("@edge-session/core/kit")>();
  return {
    ...kit,
    hmacVerify: (...args: Parameters<typeof kit.hmacVerify>) => {
      hmacVerifyCalls.count++;
      return kit.hmacVerify(...args);
    },
  };
});

const SECRET = "a-secret-of-at-least-thirty-two-characters";
const OLD_SECRET = "the-previous-secret-still-being-accepted";
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0, 345);
const ctx = { secrets: [SECRET], now: NOW };

function randomText(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

// The behaviour both stores share, run on each; encrypted-cookie-store.test.ts has the JWE specifics.
const modes: [string, (options?: { salt?: string; maxChunks?: number }) => CookieSessionStore][] = [
  ["signed", (options) => cookieStore(options)],
  ["encrypted", (options) => encryptedCookieStore(options)],
  ["encrypted + compressed", (options) => encryptedCookieStore({ ...options, compress: true })],
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
      expect(await store.decode(old, { secrets: [SECRET], now: NOW })).toBe("bad-signature");
      const fresh = await store.encode(payload({ a: 1 }), { secrets: [SECRET, OLD_SECRET], now: NOW });
      expect(await store.decode(fresh, { secrets: [SECRET], now: NOW })).toHaveProperty("payload");
      expect(await store.decode(fresh, { secrets: [OLD_SECRET], now: NOW })).toBe("bad-signature");
    });

    test("a store with another salt cannot read it", async () => {
      const value = await store.encode(payload({ a: 1 }), ctx);
      expect(await make({ salt: "other" }).decode(value, ctx)).toBe("bad-signature");
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

    test("decode never throws: garbage, huge, non-ASCII, random and the other mode's cookies are 'malformed'", async () => {
      const signed = await cookieStore().encode(payload({ a: 1 }), ctx);
      const encrypted = await encryptedCookieStore().encode(payload({ a: 1 }), ctx);
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
      for (const input of inputs) await expect(store.decode(input, ctx), input.slice(0, 40)).resolves.toBe("malformed");
      await expect(store.decode(own, { secrets: [], now: NOW })).resolves.toBe("bad-signature");
    });

    test("maxChunks: declared on the store [1]; values up to maxChunks × 4096 bytes encode and decode", async () => {
      expect(store.maxChunks).toBe(1);
      const chunked = make({ maxChunks: 3 });
      expect(chunked.maxChunks).toBe(3);
      const data = { blob: seededText(9000) };
      await expect(store.encode(payload(data), ctx)).rejects.toBeInstanceOf(SessionTooLargeError);
      const value = await chunked.encode(payload(data), ctx);
      expect(value.length).toBeGreaterThan(2 * 4096);
      expect(accepted(await chunked.decode(value, ctx)).payload.data).toEqual(data);
      expect(await store.decode(value, ctx)).toBe("malformed"); // a one-cookie store never reads a joined value
      const error = await chunked.encode(payload({ blob: seededText(13_000) }), ctx).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SessionTooLargeError);
      expect((error as SessionTooLargeError).message).toMatch(/over 3 cookies of 4096 bytes/);
    });

    test("maxChunks must be an integer from 1 to 50", () => {
      for (const bad of [0, -1, 1.5, 51, Number.NaN, "2", Number.POSITIVE_INFINITY]) {
        expect(() => make({ maxChunks: bad as number }), String(bad)).toThrow(SessionConfigError);
      }
      expect(make({ maxChunks: 50 }).maxChunks).toBe(50);
    });
  });
}

describe("cookieStore (signed) specifics", () => {
  test("uses the default salt, and Django's when asked", async () => {
    expect(DEFAULT_SALT).toBe("edge-session.cookie");
    expect(DJANGO_SESSION_SALT).toBe("django.contrib.sessions.backends.signed_cookies");
    const value = await cookieStore().encode(payload({ a: 1 }), ctx);
    expect(await djangoLoads(value, { salt: DEFAULT_SALT, secrets: [SECRET] })).toHaveProperty("json");
    const django = await cookieStore({ salt: DJANGO_SESSION_SALT }).encode(payload({ a: 1 }), ctx);
    expect(await djangoLoads(django, { salt: DJANGO_SESSION_SALT, secrets: [SECRET] })).toHaveProperty("json");
  });

  test("a correctly signed value whose JSON is not a session is 'bad-payload'", async () => {
    for (const json of ["[]", "1", '"text"', '{"_session_expiry": "soon"}', "not json"]) {
      const value = await djangoDumps(json, { salt: DEFAULT_SALT, secret: SECRET, now: NOW, compress: false });
      expect(await cookieStore().decode(value, ctx), json).toBe("bad-payload");
    }
  });

  test("{ encrypt: true } is refused with a pointer to the encrypted entry (signed-only bundles carry no JWE code)", () => {
    expect(() => cookieStore({ encrypt: true } as never)).toThrow(/encryptedCookieStore\(\) from "@edge-session\/cookie\/encrypted"/);
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

describe("options", () => {
  test("bad options are configuration errors", () => {
    expect(() => cookieStore({ salt: "" })).toThrow(SessionConfigError);
    expect(() => cookieStore({ salt: 5 as unknown as string })).toThrow(SessionConfigError);
    expect(() => cookieStore(null as unknown as object)).toThrow(SessionConfigError);
  });
});

describe("verified-value memo", () => {
  test("a repeat read of a cookie costs no HMAC or AES call; a tampered one is verified every time", async () => {
    for (const [store, encrypted] of [
      [cookieStore(), false],
      [encryptedCookieStore(), true],
    ] as const) {
      const value = await store.encode(payload({ user: "ada" }), ctx);
      expect(accepted(await store.decode(value, ctx)).payload.data).toEqual({ user: "ada" });
      const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => unknown>;
      const originals = { verify: subtle.verify, decrypt: subtle.decrypt, sign: subtle.sign };
      let calls = 0;
      hmacVerifyCalls.count = 0;
      for (const [name, original] of Object.entries(originals)) {
        subtle[name] = (...args: unknown[]) => {
          calls++;
          return original!.apply(crypto.subtle, args);
        };
      }
      try {
        expect(accepted(await store.decode(value, ctx)).payload.data).toEqual({ user: "ada" });
        expect(calls + hmacVerifyCalls.count).toBe(0);
        // One character of the signed body, or of the ciphertext: the shape stays valid, so only crypto can refuse it.
        const at = encrypted ? value.lastIndexOf(".") - 3 : 2;
        const tampered = value.slice(0, at) + (value[at] === "A" ? "B" : "A") + value.slice(at + 1);
        expect(await store.decode(tampered, ctx)).toBe("bad-signature");
        expect(await store.decode(tampered, ctx)).toBe("bad-signature");
        expect(encrypted ? calls : hmacVerifyCalls.count).toBe(2);
      } finally {
        Object.assign(subtle, originals);
      }
    }
  });
});
