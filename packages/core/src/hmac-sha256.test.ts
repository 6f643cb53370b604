import { describe, expect, it } from "vitest";
import { hmacSha256, hmacSha256Key, sha256 } from "./hmac-sha256.ts";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const repeat = (byte: number, n: number): Uint8Array => new Uint8Array(n).fill(byte);

describe("sha256", () => {
  // FIPS 180-2 appendix B and the NIST CAVS short/long message examples.
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
    [
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
    ],
  ])("NIST vector %j", (message, digest) => {
    expect(hex(sha256(text(message)))).toBe(digest);
  });

  it("NIST vector: one million 'a'", () => {
    expect(hex(sha256(repeat(0x61, 1_000_000)))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("agrees with WebCrypto at every padding boundary (0–200 bytes)", async () => {
    for (let n = 0; n <= 200; n++) {
      const message = crypto.getRandomValues(new Uint8Array(n));
      expect(hex(sha256(message)), `length ${n}`).toBe(hex(new Uint8Array(await crypto.subtle.digest("SHA-256", message))));
    }
  });
});

describe("hmacSha256 (RFC 4231 test cases)", () => {
  const aa131 = repeat(0xaa, 131);
  it.each([
    ["1", repeat(0x0b, 20), text("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"],
    ["2", text("Jefe"), text("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"],
    ["3", repeat(0xaa, 20), repeat(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"],
    [
      "4",
      Uint8Array.from({ length: 25 }, (_, i) => i + 1),
      repeat(0xcd, 50),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    ],
    [
      "6 (key longer than a block)",
      aa131,
      text("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
    [
      "7 (key and data longer than a block)",
      aa131,
      text(
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
      ),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ],
  ])("test case %s", (_, key, data, mac) => {
    expect(hex(hmacSha256(hmacSha256Key(key), data))).toBe(mac);
  });

  it("agrees with WebCrypto for random keys and messages of every length up to 200 bytes", async () => {
    for (let n = 0; n <= 200; n++) {
      const raw = crypto.getRandomValues(new Uint8Array(1 + (n % 90)));
      const message = crypto.getRandomValues(new Uint8Array(n));
      const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      const expected = hex(new Uint8Array(await crypto.subtle.sign("HMAC", key, message)));
      expect(hex(hmacSha256(hmacSha256Key(raw), message)), `key ${raw.length} B, message ${n} B`).toBe(expected);
    }
  });

  it("a precomputed key gives the same MAC on every use (no state left behind)", () => {
    const key = hmacSha256Key(text("key"));
    const first = hex(hmacSha256(key, text("one")));
    hmacSha256(key, repeat(1, 150));
    expect(hex(hmacSha256(key, text("one")))).toBe(first);
  });
});
