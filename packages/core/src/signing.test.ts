import { describe, expect, it } from "vitest";
import { hmacMatch, hmacPath, hmacSign, hmacVerify, saltedHmacKey } from "./signing.ts";

describe("signing", () => {
  it("reproduces Django's published vector: Signer(key='predictable-secret').sign('foo')", async () => {
    const key = await saltedHmacKey("django.core.signing.Signersigner", "predictable-secret");
    expect(await hmacSign(key, "foo")).toBe("jZQoX_FtSO70jX9HLRGg2A_2s4kdDBxz1QoO_OpEQb0");
  });

  it("signs on the path chosen for this runtime: synchronous JS on Node", async () => {
    expect(hmacPath()).toBe("js");
    expect((await saltedHmacKey("s", "secret")).path).toBe("js");
  });

  it("derives each (salt, secret) key once", () => {
    expect(saltedHmacKey("salt", "secret-one")).toBe(saltedHmacKey("salt", "secret-one"));
    expect(saltedHmacKey("salt", "secret-one")).not.toBe(saltedHmacKey("other salt", "secret-one"));
  });

  it("verifies under any key and says which one signed", async () => {
    const current = await saltedHmacKey("s", "new-secret");
    const previous = await saltedHmacKey("s", "old-secret");
    const signature = await hmacSign(previous, "value");
    expect(await hmacMatch([current, previous], "value", signature)).toBe(1);
    expect(await hmacVerify([current], "value", signature)).toBe(false);
    expect(await hmacVerify([current, previous], "other value", signature)).toBe(false);
  });

  it("refuses signatures that are not 32 bytes of base64url", async () => {
    const key = await saltedHmacKey("s", "secret");
    const signature = await hmacSign(key, "value");
    for (const bad of ["", signature.slice(1), `${signature}A`, signature.replace(/./, "+"), "é".repeat(43)]) {
      expect(await hmacVerify([key], "value", bad)).toBe(false);
    }
  });
});
