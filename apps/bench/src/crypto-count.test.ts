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
  it("reports calls per request", () => {
    expect(perRequest({ verify: 4, sign: 2 }, 2)).toEqual({ total: 3, detail: "sign 1, verify 2" });
  });
});
