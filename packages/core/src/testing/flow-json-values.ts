import { describe, expect, it } from "vitest";
import type { Browser } from "./browser.ts";
import { jsonValues } from "./json-values.ts";

/**
 * docs/design.md, "Values and serialization": any JSON value comes back
 * deep-equal through set/get across requests, on the store under test.
 */
export function describeJsonValueFlow(start: () => Promise<{ browser: Browser }>, setPath: (key: string, value: unknown) => string): void {
  describe("values and serialization", () => {
    it("seeded generated JSON values round-trip deep-equal through set and get across requests", async () => {
      const { browser } = await start();
      for (const [index, value] of jsonValues(0x5e55_10, 24, { maxLength: 500 }).entries()) {
        const response = await browser.fetch(setPath("v", value));
        expect(response.status, `set #${index}: ${JSON.stringify(value)}`).toBe(200);
        expect(await browser.json("/get?key=v"), `get #${index}: ${JSON.stringify(value)}`).toEqual({ value });
      }
    });
  });
}
