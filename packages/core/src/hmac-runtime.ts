import { hmacSha256, hmacSha256Key, sha256 } from "./hmac-sha256.ts";

/**
 * Which HMAC-SHA256 implementation signs and verifies on this runtime, chosen
 * by measurement (docs/design.md, "Performance choices"):
 *
 * - `"js"`: our synchronous SHA-256 with the key pads precomputed — Node and
 *   Deno, where every awaited `crypto.subtle` call is a thread-pool round trip
 *   (~100 µs per request one at a time) for ~1 µs of hashing;
 * - `"node"`: `node:crypto`'s synchronous createHmac, reached through
 *   `process.getBuiltinModule` (no static Node import) — Bun, where it is
 *   native and ~3× faster than the JS one;
 * - `"webcrypto"`: `crypto.subtle` — workerd, where sign/verify run inline
 *   (~3–5 µs, as fast as the JS one), and every runtime not measured.
 * @example
 * const path: HmacPath = selectHmacPath();
 */
export type HmacPath = "js" | "node" | "webcrypto";

/**
 * A derived HMAC-SHA256 key, bound to the implementation that computes with it.
 * @example
 * const key: HmacKey = await importHmacKey(raw, selectHmacPath());
 */
export interface HmacKey {
  readonly path: HmacPath;
  /** The 32-byte MAC of `data`: synchronous except on the WebCrypto path. */
  mac(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Whether `mac` is the MAC of `data`, compared in constant time. */
  verify(mac: Uint8Array, data: Uint8Array): boolean | Promise<boolean>;
}

/** The part of node:crypto used here, declared so library code needs no Node types. */
interface NodeCrypto {
  createHmac(algorithm: "sha256", key: Uint8Array): { update(data: Uint8Array): { digest(): Uint8Array } };
}

interface RuntimeGlobals {
  Bun?: unknown;
  Deno?: unknown;
  navigator?: { userAgent?: string };
  process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };
}

function nodeCrypto(): NodeCrypto | undefined {
  try {
    const module = (globalThis as RuntimeGlobals).process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
    return typeof module?.createHmac === "function" ? module : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The path measured fastest on this runtime; WebCrypto wherever nothing was measured.
 * @example
 * selectHmacPath(); // "js" on Node
 */
export function selectHmacPath(): HmacPath {
  const g = globalThis as RuntimeGlobals;
  if (g.navigator?.userAgent === "Cloudflare-Workers") return "webcrypto";
  if (g.Bun !== undefined) return nodeCrypto() ? "node" : "js";
  if (g.Deno !== undefined) return "js"; // Deno's node:crypto createHmac measured ~3× slower than the JS one
  if (g.process?.versions?.node !== undefined) return "js";
  return "webcrypto";
}

/**
 * Every byte compared, no early exit: the time taken says nothing about where two MACs differ.
 * @example
 * constantTimeEqual(given, expected);
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * An HMAC-SHA256 key for the raw key bytes `raw` on `path`: pads precomputed
 * (js), key bytes kept (node) or a non-extractable CryptoKey imported (webcrypto).
 * @example
 * const key = await importHmacKey(crypto.getRandomValues(new Uint8Array(32)), "js");
 * key.mac(new TextEncoder().encode("value")); // 32 bytes, synchronously
 */
export async function importHmacKey(raw: Uint8Array, path: HmacPath): Promise<HmacKey> {
  if (path === "js") {
    const pads = hmacSha256Key(raw);
    const mac = (data: Uint8Array): Uint8Array => hmacSha256(pads, data);
    return { path, mac, verify: (given, data) => constantTimeEqual(given, mac(data)) };
  }
  const node = path === "node" ? nodeCrypto() : undefined;
  if (node) {
    const key = raw.slice();
    const mac = (data: Uint8Array): Uint8Array => node.createHmac("sha256", key).update(data).digest();
    return { path, mac, verify: (given, data) => constantTimeEqual(given, mac(data)) };
  }
  const key = await crypto.subtle.importKey("raw", raw as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  return {
    path: "webcrypto",
    mac: async (data) => new Uint8Array(await crypto.subtle.sign("HMAC", key, data as Uint8Array<ArrayBuffer>)),
    // WebCrypto's verify compares in constant time itself.
    verify: (given, data) => crypto.subtle.verify("HMAC", key, given as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>),
  };
}

/**
 * SHA-256 for key derivation: synchronous off WebCrypto, once per secret either way.
 * @example
 * const raw = await digestSha256(new TextEncoder().encode(salt + secret), "js");
 */
export async function digestSha256(data: Uint8Array, path: HmacPath): Promise<Uint8Array> {
  if (path !== "webcrypto") return sha256(data);
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>));
}
