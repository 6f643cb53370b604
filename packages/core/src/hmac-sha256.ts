/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) in plain JavaScript,
 * synchronous, for the runtimes where an awaited `crypto.subtle` call costs
 * far more than the hash itself (Node and Deno hop to a thread pool: ~100 µs
 * per request against ~2–6 µs here). See docs/design.md, "Performance choices".
 *
 * HMAC keys are kept as the two SHA-256 states after the inner and outer
 * padded key blocks, computed once per key: a MAC of a cookie-sized value
 * then costs 3 compressions instead of 5. Checked against the NIST and RFC 4231
 * vectors in hmac-sha256.test.ts.
 */

// FIPS 180-4 §4.2.2 and §5.3.3: the round constants are the first 32 bits of the fractional parts of the
// cube roots of the first 64 primes, the initial hash value those of the square roots of the first 8.
// Computed here rather than spelled out: ~700 bytes less in every bundle, and a double's 52-bit fraction
// holds the 32 bits needed with room to spare (the NIST vectors in the test would catch a wrong one).
// Int32Array, not Uint32Array: values read back stay 32-bit integers (no heap numbers in the hot loop).
const PRIMES: number[] = [];
for (let n = 2; PRIMES.length < 64; n++) if (PRIMES.every((p) => n % p)) PRIMES.push(n);
const fraction32 = (x: number): number => ((x - Math.floor(x)) * 0x1_0000_0000) | 0;
const K = Int32Array.from(PRIMES, (p) => fraction32(Math.cbrt(p)));
const IV = PRIMES.slice(0, 8).map((p) => fraction32(Math.sqrt(p)));

const W = new Int32Array(64);
const tail = new Uint8Array(128);

/** One 64-byte block of `bytes` at `offset` into `state` (FIPS 180-4 §6.2.2). */
function compress(state: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** The digest of `message`, hashed on from `start` (a state after `prefixBytes` bytes already hashed). */
function finish(start: ArrayLike<number>, message: Uint8Array, prefixBytes: number): Uint8Array {
  const state = new Int32Array(start);
  const n = message.length;
  let offset = 0;
  for (; offset + 64 <= n; offset += 64) compress(state, message, offset);
  // Padding (FIPS 180-4 §5.1.1): 0x80, zeros, then the message length in bits as a 64-bit big-endian number.
  const rest = n - offset;
  const end = rest + 9 > 64 ? 128 : 64;
  tail.fill(0, 0, end);
  tail.set(message.subarray(offset), 0);
  tail[rest] = 0x80;
  const bits = (prefixBytes + n) * 8;
  const high = Math.floor(bits / 0x1_0000_0000);
  tail[end - 8] = high >>> 24;
  tail[end - 7] = high >>> 16;
  tail[end - 6] = high >>> 8;
  tail[end - 5] = high;
  tail[end - 4] = bits >>> 24;
  tail[end - 3] = bits >>> 16;
  tail[end - 2] = bits >>> 8;
  tail[end - 1] = bits;
  compress(state, tail, 0);
  if (end === 128) compress(state, tail, 64);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const word = state[i]!;
    out[i * 4] = word >>> 24;
    out[i * 4 + 1] = word >>> 16;
    out[i * 4 + 2] = word >>> 8;
    out[i * 4 + 3] = word;
  }
  return out;
}

/**
 * SHA-256 of `message`, synchronously.
 * @example
 * sha256(new TextEncoder().encode("abc")); // ba7816bf… (FIPS 180-2, appendix B.1)
 */
export function sha256(message: Uint8Array): Uint8Array {
  return finish(IV, message, 0);
}

/**
 * An HMAC-SHA256 key as its precomputed inner and outer states (RFC 2104 §2: H(K ⊕ ipad), H(K ⊕ opad)).
 * @example
 * const key: HmacSha256Key = hmacSha256Key(raw);
 */
export interface HmacSha256Key {
  readonly inner: Int32Array;
  readonly outer: Int32Array;
}

/**
 * Precomputes the HMAC-SHA256 pads of a raw key, once per key.
 * @example
 * const key = hmacSha256Key(new TextEncoder().encode("key"));
 */
export function hmacSha256Key(raw: Uint8Array): HmacSha256Key {
  // RFC 2104 §2: a key longer than the block is hashed first; a shorter one is zero-padded.
  const block = new Uint8Array(64);
  block.set(raw.length > 64 ? sha256(raw) : raw);
  const inner = new Int32Array(IV);
  const outer = new Int32Array(IV);
  const pad = new Uint8Array(64);
  for (let i = 0; i < 64; i++) pad[i] = block[i]! ^ 0x36;
  compress(inner, pad, 0);
  for (let i = 0; i < 64; i++) pad[i] = block[i]! ^ 0x5c;
  compress(outer, pad, 0);
  return { inner, outer };
}

/**
 * HMAC-SHA256(key, message), synchronously.
 * @example
 * hmacSha256(hmacSha256Key(new TextEncoder().encode("key")), new TextEncoder().encode("message"));
 */
export function hmacSha256(key: HmacSha256Key, message: Uint8Array): Uint8Array {
  return finish(key.outer, finish(key.inner, message, 64), 64);
}
