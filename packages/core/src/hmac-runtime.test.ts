import { describe, expect, it } from "vitest";
import { constantTimeEqual, digestSha256, type HmacPath, importHmacKey, selectHmacPath } from "./hmac-runtime.ts";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const PATHS: HmacPath[] = ["js", "node", "webcrypto"];

describe("hmac-runtime", () => {
  it("picks the synchronous JS path on Node (vitest runs on Node)", () => {
    expect(selectHmacPath()).toBe("js");
  });

  it.each(PATHS)("%s: the same MACs as WebCrypto, and verify accepts exactly them", async (path) => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 200]) {
      const raw = crypto.getRandomValues(new Uint8Array(32));
      const data = crypto.getRandomValues(new Uint8Array(n));
      const reference = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      const expected = new Uint8Array(await crypto.subtle.sign("HMAC", reference, data));
      const key = await importHmacKey(raw, path);
      expect(key.path).toBe(path);
      expect(hex(await key.mac(data)), `${n} bytes`).toBe(hex(expected));
      expect(await key.verify(expected, data)).toBe(true);
      const forged = expected.slice();
      forged[n % 32]! ^= 1;
      expect(await key.verify(forged, data)).toBe(false);
      expect(await key.verify(expected.subarray(0, 31), data)).toBe(false);
    }
  });

  it("the JS and node paths answer synchronously, WebCrypto with a promise", async () => {
    const raw = text("k".repeat(32));
    for (const path of ["js", "node"] as const) {
      const key = await importHmacKey(raw, path);
      expect(key.mac(text("v"))).toBeInstanceOf(Uint8Array);
      expect(typeof key.verify(new Uint8Array(32), text("v"))).toBe("boolean");
    }
    expect((await importHmacKey(raw, "webcrypto")).mac(text("v"))).toBeInstanceOf(Promise);
  });

  it("a key does not change when the caller's key bytes do", async () => {
    for (const path of PATHS) {
      const raw = text("k".repeat(32));
      const key = await importHmacKey(raw, path);
      const before = hex(await key.mac(text("v")));
      raw.fill(0);
      expect(hex(await key.mac(text("v"))), path).toBe(before);
    }
  });

  it("digestSha256 is SHA-256 on every path", async () => {
    for (const path of PATHS) {
      expect(hex(await digestSha256(text("abc"), path))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
  });

  it("constantTimeEqual: equal only for the same bytes and length", () => {
    const a = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(constantTimeEqual(a, a.slice())).toBe(true);
    for (const i of [0, 17, 31]) {
      const b = a.slice();
      b[i]! ^= 0x80;
      expect(constantTimeEqual(a, b)).toBe(false);
    }
    expect(constantTimeEqual(a, a.subarray(0, 31))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
