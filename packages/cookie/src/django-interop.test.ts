// Cross-check against Django's algorithm as Python runs it, with the standard library only:
// test/django_reference.py restates django.core.signing and reproduces Django's published
// vector (checked below), so this needs no Django install (the CSRF interop tests use real
// Django from Debian's python3-django). Skipped, with the reason in its name, without python3.
import type { SessionPayload } from "@edge-session/core/kit";
import { fromBase64url } from "@edge-session/core/kit";
import { describe, expect, test } from "vitest";
import { pythonScript } from "../../core/test/python.ts";
import { accepted, payload } from "../test/fixtures.ts";
import { cookieStore, DJANGO_SESSION_SALT } from "./cookie-store.ts";
import { isoformat } from "./django-payload.ts";
import { pythonJson } from "./python-json.ts";
import { zlibDecompress } from "./zlib.ts";

type Op = Record<string, unknown> & { op: string };
// The reference needs only Python's standard library.
const reference = pythonScript({
  script: new URL("../test/django_reference.py", import.meta.url),
  probe: "import json, zlib, hmac, hashlib",
});
const python = <T = Record<string, unknown>>(ops: Op[]): T[] => reference!.run<T>(ops);

const SECRET = "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz-interop";
const OLD_SECRET = "django-insecure-the-previous-secret-key-still-in-fallbacks";
const NOW = 1_717_171_717_000;
const ctx = { secrets: [SECRET], now: NOW };
const store = cookieStore({ salt: DJANGO_SESSION_SALT });

/** Deterministic pseudo-random generator, so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function randomString(rand: () => number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    const kind = rand();
    if (kind < 0.4) out += String.fromCharCode(0x20 + Math.floor(rand() * 95));
    else if (kind < 0.5)
      out += String.fromCharCode(Math.floor(rand() * 0x20)); // controls
    else if (kind < 0.55) out += "\u007f";
    else if (kind < 0.75)
      out += String.fromCharCode(0x80 + Math.floor(rand() * 0x780)); // Latin/Greek/Cyrillic…
    else if (kind < 0.9)
      out += String.fromCodePoint(0x10000 + Math.floor(rand() * 0xfffff)); // astral
    else if (kind < 0.95)
      out += String.fromCharCode(0xd800 + Math.floor(rand() * 0x800)); // lone surrogate
    else out += String.fromCharCode(0x800 + Math.floor(rand() * 0xd000)); // rest of the BMP
  }
  return out;
}

function randomNumber(rand: () => number): number {
  const r = rand();
  if (r < 0.3) return Math.floor((rand() - 0.5) * 2 ** 53);
  if (r < 0.4) return Math.floor(rand() * 1000);
  return (rand() - 0.5) * 10 ** Math.floor(rand() * 60 - 30);
}

const SESSIONS: [string, Record<string, unknown>][] = [
  ["empty", {}],
  ["counter", { visits: 1 }],
  ["cart", { cart: ["apple", "pear"], n: 2 }],
  ["user", { user_id: 42, lang: "fr", name: "Zoë" }],
  ["emoji", { mood: "😀" }],
  ["text in many scripts", { name: "Zoë Ω Ж 日本語 😀 \u007f\t\n", bio: 'quote " and back\\slash' }],
  ["nested", { cart: [{ sku: "a-1", qty: 2, price: 9.99 }], prefs: { theme: "dark", beta: true, tz: null } }],
  ["floats Python writes differently from JS", { small: 0.00001, tiny: 1.5e-7, big: 1e21, neg: -2.5e-10 }],
  [
    "a Django login",
    {
      _auth_user_id: "1",
      _auth_user_backend: "django.contrib.auth.backends.ModelBackend",
      _auth_user_hash: "0c5d4f3a9a4b1f7e8b2c6d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c",
    },
  ],
  ["compressible", { items: Array.from({ length: 150 }, (_, i) => ({ id: i % 5, name: "apple" })) }],
];

describe.skipIf(!reference)(`Django cross-check via python3${reference ? "" : " (skipped: no python3 found)"}`, () => {
  test("the reference reproduces Django's published signing vector", () => {
    const [result] = python([{ op: "sign", value: "foo", secret: "predictable-secret" }]);
    expect(result!.signed).toBe("foo:jZQoX_FtSO70jX9HLRGg2A_2s4kdDBxz1QoO_OpEQb0");
  });

  test("JSON text is byte-identical to Python's json.dumps for 400 random values", () => {
    const rand = prng(20240601);
    const values: unknown[] = [];
    for (let i = 0; i < 400; i++) {
      const value: Record<string, unknown> = {};
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) {
        value[randomString(rand, 1 + Math.floor(rand() * 6))] =
          rand() < 0.5 ? randomString(rand, Math.floor(rand() * 20)) : [randomNumber(rand), { n: randomNumber(rand) }, rand() < 0.5, null];
      }
      values.push(value);
    }
    const results = python<{ json: string }>(values.map((value) => ({ op: "json", json: JSON.stringify(value) })));
    for (const [i, value] of values.entries()) expect(pythonJson(value), JSON.stringify(value)).toBe(results[i]!.json);
  });

  test("cookies: byte-identical when uncompressed; when compressed, the same JSON bytes inside and both sides read both", async () => {
    const ours = await Promise.all(SESSIONS.map(([, data]) => store.encode(payload(data), ctx)));
    const theirs = python<{ cookie: string }>(
      SESSIONS.map(([, data]) => ({
        op: "dumps",
        json: JSON.stringify(data),
        salt: DJANGO_SESSION_SALT,
        secret: SECRET,
        time: NOW / 1000,
        compress: true,
      })),
    ).map((r) => r.cookie);
    const djangoReadsOurs = python<{ json?: string; timestamp?: number; error?: string }>(
      ours.map((cookie) => ({ op: "loads", cookie, salt: DJANGO_SESSION_SALT, secrets: [SECRET] })),
    );

    let identical = 0;
    for (let i = 0; i < SESSIONS.length; i++) {
      const [name, data] = SESSIONS[i]!;
      expect(djangoReadsOurs[i], name).toEqual({ json: pythonJson(data), timestamp: NOW / 1000 });
      expect(accepted(await store.decode(theirs[i]!, ctx)).payload.data, name).toEqual(data);
      if (!theirs[i]!.startsWith(".") && !ours[i]!.startsWith(".")) {
        expect(ours[i], name).toBe(theirs[i]);
        identical++;
      } else {
        // Deflate streams may differ between zlib builds (Node ships Chromium's); what they hold may not.
        const inside = async (cookie: string): Promise<string> =>
          new TextDecoder().decode((await zlibDecompress(fromBase64url(cookie.slice(1).split(":")[0]!)!, 1 << 20))!);
        if (ours[i]!.startsWith(".")) expect(await inside(ours[i]!), name).toBe(await inside(theirs[i]!));
        // Below 1 KiB we skip zlib (its stream set-up costs more than the request); Django read it above.
        else expect(pythonJson(data).length, name).toBeLessThan(1024);
      }
    }
    expect(identical).toBeGreaterThanOrEqual(6);
  });

  test("custom expiry and flash: Django sees _session_expiry as it writes it, and reads the instant back", async () => {
    const at = Date.UTC(2031, 6, 8, 9, 10, 11, 120);
    const cases: [SessionPayload, Record<string, unknown>][] = [
      [payload({ a: 1 }, { expiry: 0 }), { a: 1, _session_expiry: 0 }],
      [payload({ a: 1 }, { expiry: 86_400 }), { a: 1, _session_expiry: 86_400 }],
      [
        payload({ a: 1 }, { expiry: { at }, flash: { notice: "Saved ✓" } }),
        { a: 1, _session_expiry: isoformat(at), _flash: { notice: "Saved ✓" } },
      ],
    ];
    const cookies = await Promise.all(cases.map(([p]) => store.encode(p, ctx)));
    const read = python<{ json: string }>(cookies.map((cookie) => ({ op: "loads", cookie, salt: DJANGO_SESSION_SALT, secrets: [SECRET] })));
    for (const [i, [, dict]] of cases.entries()) expect(JSON.parse(read[i]!.json)).toEqual(dict);
    const [instant] = python<{ ms: number }>([{ op: "fromisoformat", value: isoformat(at) }]);
    expect(instant!.ms).toBe(at);

    // And a Django-written session with an expiry reads back as payload metadata, not data.
    const [django] = python<{ cookie: string }>([
      {
        op: "dumps",
        json: JSON.stringify({ a: 1, _session_expiry: "2031-07-08T11:10:11.120000+02:00" }),
        salt: DJANGO_SESSION_SALT,
        secret: SECRET,
        time: NOW / 1000,
        compress: true,
      },
    ]);
    expect(accepted(await store.decode(django!.cookie, ctx)).payload).toEqual(payload({ a: 1 }, { expiry: { at } }));
  });

  test("rotation matches SECRET_KEY_FALLBACKS both ways; wrong salt and tampering fail in Django too", async () => {
    const signedByOld = await store.encode(payload({ a: 1 }), { secrets: [OLD_SECRET], now: NOW });
    const [fromFallback, withoutFallback, wrongSalt, tampered] = python<{ json?: string; error?: string }>([
      { op: "loads", cookie: signedByOld, salt: DJANGO_SESSION_SALT, secrets: [SECRET, OLD_SECRET] },
      { op: "loads", cookie: signedByOld, salt: DJANGO_SESSION_SALT, secrets: [SECRET] },
      { op: "loads", cookie: signedByOld, salt: "django.core.signing", secrets: [OLD_SECRET] },
      { op: "loads", cookie: `${signedByOld.slice(0, 3)}x${signedByOld.slice(4)}`, salt: DJANGO_SESSION_SALT, secrets: [OLD_SECRET] },
    ]);
    expect(fromFallback).toEqual({ json: '{"a":1}', timestamp: NOW / 1000 });
    expect(withoutFallback).toEqual({ error: "BadSignature" });
    expect(wrongSalt).toEqual({ error: "BadSignature" });
    expect(tampered).toEqual({ error: "BadSignature" });

    const [byOldInDjango] = python<{ cookie: string }>([
      { op: "dumps", json: '{"a":1}', salt: DJANGO_SESSION_SALT, secret: OLD_SECRET, time: NOW / 1000, compress: true },
    ]);
    expect(await store.decode(byOldInDjango!.cookie, { secrets: [SECRET, OLD_SECRET], now: NOW })).toHaveProperty("payload");
    expect(await store.decode(byOldInDjango!.cookie, ctx)).toBeTypeOf("string");
  });

  test("Python's zlib reads our deflate streams and we read Python's, for 30 random sizes", async () => {
    const rand = prng(7);
    const inputs = Array.from({ length: 30 }, (_, i) => pythonJson({ k: randomString(rand, i * 40), r: Array(i).fill("apple") }));
    const compressedByPython = python<{ zlib: string }>(inputs.map((text) => ({ op: "zlib", data: btoa(text) })));
    for (let i = 0; i < inputs.length; i++) {
      const bytes = Uint8Array.from(atob(compressedByPython[i]!.zlib), (c) => c.charCodeAt(0));
      expect(new TextDecoder().decode((await zlibDecompress(bytes, 1 << 20))!)).toBe(inputs[i]);
    }
    const ours = await Promise.all(inputs.map((text) => store.encode(payload({ t: text }), ctx)));
    const read = python<{ json?: string }>(ours.map((cookie) => ({ op: "loads", cookie, salt: DJANGO_SESSION_SALT, secrets: [SECRET] })));
    for (const [i, text] of inputs.entries()) expect(JSON.parse(read[i]!.json!)).toEqual({ t: text });
    expect(ours.filter((c) => c.startsWith(".")).length).toBeGreaterThan(20);
  });
});
