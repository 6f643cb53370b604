import { describe, expect, it } from "vitest";
import { countSubtleCalls, perRequest } from "./crypto-count.ts";

describe("countSubtleCalls", () => {
  it("counts each crypto.subtle method while active and restores the originals after", async () => {
    const sign = crypto.subtle.sign;
    const key = await crypto.subtle.importKey("raw", new Uint8Array(32), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const counts = await countSubtleCalls(async () => {
      await crypto.subtle.sign("HMAC", key, new Uint8Array(1));
      await crypto.subtle.sign("HMAC", key, new Uint8Array(2));
      await crypto.subtle.digest("SHA-256", new Uint8Array(3));
    });
    expect(counts).toEqual({ sign: 2, digest: 1 });
    expect(crypto.subtle.sign).toBe(sign);
    await crypto.subtle.sign("HMAC", key, new Uint8Array(1)); // not counted any more
    expect(counts.sign).toBe(2);
  });
  it("counts zlib streams apart from crypto.subtle calls", async () => {
    const original = globalThis.CompressionStream;
    const counts = await countSubtleCalls(async () => {
      const stream = new CompressionStream("deflate");
      expect(stream).toBeInstanceOf(original);
    });
    expect(counts).toEqual({ "new CompressionStream": 1 });
    expect(globalThis.CompressionStream).toBe(original);
    expect(perRequest({ verify: 2, "new CompressionStream": 2 }, 2)).toEqual({ total: 1, detail: "verify 1, + new CompressionStream 1" });
  });
  it("reports calls per request", () => {
    expect(perRequest({ verify: 4, sign: 2 }, 2)).toEqual({ total: 3, detail: "sign 1, verify 2" });
  });
});
