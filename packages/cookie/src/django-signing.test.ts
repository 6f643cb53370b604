import type { CookieRejection } from "@edge-session/core/kit";
import { describe, expect, test } from "vitest";
import { singleCharacterEdits } from "../test/tamper.ts";
import { djangoDumps, djangoLoads, djangoSign, type LoadedValue } from "./django-signing.ts";
import { pythonJson } from "./python-json.ts";
import { zlibCompress } from "./zlib.ts";

const SECRET = "django-insecure-edge-session-golden-vector-secret-key";
const OLD_SECRET = "an-older-secret-that-still-verifies-cookies";
const SALT = "django.contrib.sessions.backends.signed_cookies";
const NOW = 1_700_000_000_000; // 2023-11-14T22:13:20Z; base62(1700000000) = "1r31eq"

/** The loaded value, failing the test with the reason when it was refused. */
function ok(loaded: LoadedValue | CookieRejection): LoadedValue {
  if (typeof loaded === "string") throw new Error(`refused: ${loaded}`);
  return loaded;
}

describe("Django's Signer", () => {
  test("reproduces Django's published test vector (tests/signing/tests.py, test_valid_sep)", async () => {
    const signed = await djangoSign("foo", { salt: "django.core.signing.Signer", secret: "predictable-secret" });
    expect(signed).toBe("foo:jZQoX_FtSO70jX9HLRGg2A_2s4kdDBxz1QoO_OpEQb0");
  });

  test("the salt is part of the key (test_signature_with_salt)", async () => {
    const one = await djangoSign("hello", { salt: "one", secret: "predictable-secret" });
    const two = await djangoSign("hello", { salt: "two", secret: "predictable-secret" });
    expect(one).not.toBe(two);
  });
});

// Golden cookies: the output of django_reference.py (Django's signing.dumps restated with
// the stdlib; it reproduces Django's published vector above) for salt = signed_cookies,
// SECRET_KEY = SECRET, time.time() frozen at 1700000000.
const GOLDEN = [
  {
    name: "non-ASCII and astral text, escaped as Python's ensure_ascii does",
    data: { visits: 3, name: "Zoë 😀" },
    cookie: "eyJ2aXNpdHMiOjMsIm5hbWUiOiJab1x1MDBlYiBcdWQ4M2RcdWRlMDAifQ:1r31eq:fHAYLCFtlwCgQTi6R4-dxU8W4iLsC7ehBMAgonJqMZU",
  },
  {
    name: "nested data, null, a float; zlib would not save 2 bytes",
    data: { cart: [{ id: 1, qty: 2 }], user: { id: "42", admin: false }, n: null, f: 0.5 },
    cookie:
      "eyJjYXJ0IjpbeyJpZCI6MSwicXR5IjoyfV0sInVzZXIiOnsiaWQiOiI0MiIsImFkbWluIjpmYWxzZX0sIm4iOm51bGwsImYiOjAuNX0:1r31eq:fWpv-7YgVxznE7AhQMLq2nbRH57uoLBNg1vtu6wLwLM",
  },
  {
    name: "repetitive data, zlib-compressed with the '.' prefix",
    data: { items: Array.from({ length: 40 }, () => "apple") },
    cookie: ".eJyrVsosSc0tVrKKVkosKMhJVdIZpcmiY2sBz4FodQ:1r31eq:6KGdoVEN_JmcAYYpoTu5ZuYj98Ba60XowGgHVyALnMc",
  },
];

// A Django login session, compressed by Python's zlib 1.2.13. Node's zlib (Chromium's fork)
// finds different matches, so our bytes for this one differ; both sides read both.
const DJANGO_LOGIN = {
  data: {
    _auth_user_id: "1",
    _auth_user_backend: "django.contrib.auth.backends.ModelBackend",
    _auth_user_hash: "0c5d4f3a9a4b1f7e8b2c6d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c",
  },
  cookie:
    ".eJxVjMsOwiAQRf-FtSFAKQ-X7v0GMgODVA0kpV0Z_902dqHbe865LxZgXUpYO81hSuzMJDv9bgjxQXUH6Q711nhsdZkn5LvCD9r5tSV6Xg7376BAL1st4ph0HsCDRpktOVTRJE8iS1A4RJ1GMtkKJ72CAfWmG7LZCf_l7P0BAfk4hw:1r31eq:hkXvRMf3BzeLH65qQODhjG1lFVXn7sgkwRPGsbZdJMo",
};

describe("signing.dumps / signing.loads", () => {
  for (const golden of GOLDEN) {
    test(`writes Django's bytes: ${golden.name}`, async () => {
      const cookie = await djangoDumps(pythonJson(golden.data), { salt: SALT, secret: SECRET, now: NOW, compress: true });
      expect(cookie).toBe(golden.cookie);
    });

    test(`reads Django's cookie: ${golden.name}`, async () => {
      const loaded = ok(await djangoLoads(golden.cookie, { salt: SALT, secrets: [SECRET] }));
      expect(JSON.parse(loaded.json)).toEqual(golden.data);
      expect(loaded.timestamp).toBe(NOW / 1000);
    });
  }

  test("reads a compressed Django login session", async () => {
    const loaded = ok(await djangoLoads(DJANGO_LOGIN.cookie, { salt: SALT, secrets: [SECRET] }));
    expect(JSON.parse(loaded.json)).toEqual(DJANGO_LOGIN.data);
    const ours = await djangoDumps(pythonJson(DJANGO_LOGIN.data), { salt: SALT, secret: SECRET, now: NOW, compress: true });
    expect(ours.startsWith(".")).toBe(true);
    expect(JSON.parse(ok(await djangoLoads(ours, { salt: SALT, secrets: [SECRET] })).json)).toEqual(DJANGO_LOGIN.data);
  });

  test("signs whole Unix seconds in base62 (int(time.time()))", async () => {
    const cookie = await djangoDumps("{}", { salt: SALT, secret: SECRET, now: NOW + 999, compress: true });
    expect(cookie.split(":")[1]).toBe("1r31eq");
    expect(ok(await djangoLoads(cookie, { salt: SALT, secrets: [SECRET] })).timestamp).toBe(1_700_000_000);
  });

  test("compress: false never compresses", async () => {
    const json = pythonJson({ items: Array.from({ length: 40 }, () => "apple") });
    const cookie = await djangoDumps(json, { salt: SALT, secret: SECRET, now: NOW, compress: false });
    expect(cookie.startsWith(".")).toBe(false);
    expect(JSON.parse(ok(await djangoLoads(cookie, { salt: SALT, secrets: [SECRET] })).json)).toEqual(JSON.parse(json));
  });
});

describe("the compression threshold: zlib only when len(compressed) < len(raw) - 1", () => {
  // Find, with this runtime's zlib, inputs whose compressed form saves exactly 1 and exactly 2 bytes.
  async function findSaving(saving: number): Promise<string> {
    for (let n = 1; n < 200; n++) {
      for (const filler of ["a", "ab", "abc", "abcd", "xyzzy"]) {
        const json = pythonJson({ k: filler.repeat(n) });
        const compressed = await zlibCompress(new TextEncoder().encode(json));
        if (compressed && compressed.length === json.length - saving) return json;
      }
    }
    throw new Error(`no input found that zlib shortens by exactly ${saving} bytes`);
  }

  test("saving exactly 1 byte: stays uncompressed", async () => {
    const json = await findSaving(1);
    const cookie = await djangoDumps(json, { salt: SALT, secret: SECRET, now: NOW, compress: true });
    expect(cookie.startsWith(".")).toBe(false);
    expect(ok(await djangoLoads(cookie, { salt: SALT, secrets: [SECRET] })).json).toBe(json);
  });

  test("saving exactly 2 bytes: compressed", async () => {
    const json = await findSaving(2);
    const cookie = await djangoDumps(json, { salt: SALT, secret: SECRET, now: NOW, compress: true });
    expect(cookie.startsWith(".")).toBe(true);
    expect(ok(await djangoLoads(cookie, { salt: SALT, secrets: [SECRET] })).json).toBe(json);
  });
});

describe("verification", () => {
  const cookiePromise = djangoDumps(pythonJson({ user: "ada", items: Array.from({ length: 30 }, (_, i) => i % 3) }), {
    salt: SALT,
    secret: SECRET,
    now: NOW,
    compress: true,
  });

  test("rotation: a cookie signed by an old secret verifies while it is listed; new cookies use the first", async () => {
    const old = await djangoDumps('{"a":1}', { salt: SALT, secret: OLD_SECRET, now: NOW, compress: true });
    expect(await djangoLoads(old, { salt: SALT, secrets: [SECRET, OLD_SECRET] })).toHaveProperty("json");
    expect(await djangoLoads(old, { salt: SALT, secrets: [SECRET] })).toBe("bad-signature");
    const fresh = await djangoDumps('{"a":1}', { salt: SALT, secret: SECRET, now: NOW, compress: true });
    expect(await djangoLoads(fresh, { salt: SALT, secrets: [SECRET, OLD_SECRET] })).toHaveProperty("json");
    expect(await djangoLoads(fresh, { salt: SALT, secrets: [OLD_SECRET] })).toBe("bad-signature");
  });

  test("a wrong salt does not verify", async () => {
    const cookie = await cookiePromise;
    expect(await djangoLoads(cookie, { salt: SALT, secrets: [SECRET] })).toHaveProperty("json");
    expect(await djangoLoads(cookie, { salt: "django.core.signing", secrets: [SECRET] })).toBe("bad-signature");
  });

  test("every single-character change to any segment is rejected", async () => {
    const cookie = await cookiePromise;
    expect(cookie.startsWith(".")).toBe(true);
    const edits = singleCharacterEdits(cookie);
    expect(edits.length).toBeGreaterThan(cookie.length);
    for (const tampered of edits) {
      expect(["malformed", "bad-signature"], tampered).toContain(await djangoLoads(tampered, { salt: SALT, secrets: [SECRET] }));
    }
  });

  test("Django's own tamper transforms are rejected (test_decode_detects_tampering)", async () => {
    const cookie = await cookiePromise;
    for (const tampered of [cookie.toUpperCase(), `${cookie}a`, `a${cookie.slice(1)}`, cookie.replaceAll(":", ""), cookie.slice(1)]) {
      expect(["malformed", "bad-signature"]).toContain(await djangoLoads(tampered, { salt: SALT, secrets: [SECRET] }));
    }
  });

  test("truncation at every length is rejected", async () => {
    const cookie = await cookiePromise;
    for (let n = 0; n < cookie.length; n++) {
      expect(["malformed", "bad-signature"]).toContain(await djangoLoads(cookie.slice(0, n), { salt: SALT, secrets: [SECRET] }));
    }
  });

  test("garbage, non-ASCII and oversized values are 'malformed', before any crypto, without throwing", async () => {
    const cookie = await cookiePromise;
    const inputs = [
      "",
      ":",
      "::",
      "a:b:c",
      "%%%",
      `é:1r31eq:${"A".repeat(43)}`,
      cookie.replace("e", "é"),
      `${cookie.split(":")[0]}:${"z".repeat(9)}:${cookie.split(":")[2]}`,
      `${"A".repeat(5000)}:1r31eq:${"A".repeat(43)}`,
      "x".repeat(1_000_000),
      `${cookie}\u0000`,
      "\ud800",
    ];
    for (const input of inputs) await expect(djangoLoads(input, { salt: SALT, secrets: [SECRET] })).resolves.toBe("malformed");
  });

  test("a validly signed body that is not base64, zlib or UTF-8 is 'bad-payload'", async () => {
    const sign = (body: string): Promise<string> => djangoSign(`${body}:1r31eq`, { salt: SALT, secret: SECRET });
    const notZlib = await sign(".AAAAAAAA");
    const truncatedZlib = await sign(".eJyrVsosSc0tVrKKVkos");
    const notUtf8 = await sign("_w"); // 0xff
    const respelled = await sign("_x"); // non-canonical: the unused low bits of the last character are set
    for (const cookie of [notZlib, truncatedZlib, notUtf8, respelled]) {
      expect(await djangoLoads(cookie, { salt: SALT, secrets: [SECRET] })).toBe("bad-payload");
    }
  });

  test("a signed zip bomb is refused past 64 KiB instead of inflated", async () => {
    const bomb = await zlibCompress(new Uint8Array(1024 * 1024).fill(0x20)); // 1 MiB of spaces
    const { base64url } = await import("@edge-session/core/kit");
    const cookie = await djangoSign(`.${base64url(bomb!)}:1r31eq`, { salt: SALT, secret: SECRET });
    expect(cookie.length).toBeLessThan(4096);
    expect(await djangoLoads(cookie, { salt: SALT, secrets: [SECRET] })).toBe("bad-payload");
  });

  test("maxBytes: a value longer than one cookie (a joined chunked session) verifies only when allowed", async () => {
    const json = pythonJson({ blob: Array.from({ length: 600 }, (_, i) => `item-${i * 7919}`).join(",") });
    const cookie = await djangoDumps(json, { salt: SALT, secret: SECRET, now: NOW, compress: false });
    expect(cookie.length).toBeGreaterThan(4096);
    expect(await djangoLoads(cookie, { salt: SALT, secrets: [SECRET] })).toBe("malformed");
    expect(ok(await djangoLoads(cookie, { salt: SALT, secrets: [SECRET], maxBytes: 3 * 4096 })).json).toBe(json);
  });
});
