import { describe, expect, it } from "vitest";
import type { StandardSchemaV1 } from "../standard-schema.ts";
import { Browser } from "./browser.ts";
import { errorLog, type StartFlow } from "./flow-context.ts";

/**
 * A hand-written Standard Schema v1 validator (the suites import only
 * vitest): `visits` a number, `cart` a list of strings, both optional; the
 * keys the flow app uses otherwise are free. Async, as a schema may be.
 */
const shopSchema: StandardSchemaV1<unknown, { visits?: number; cart?: string[] }> = {
  "~standard": {
    version: 1,
    vendor: "edge-session-tests",
    async validate(value) {
      const data = value as Record<string, unknown>;
      const issues: { message: string; path: string[] }[] = [];
      if ("visits" in data && typeof data.visits !== "number") issues.push({ message: "visits must be a number", path: ["visits"] });
      if ("cart" in data && !(Array.isArray(data.cart) && data.cart.every((item) => typeof item === "string"))) {
        issues.push({ message: "cart must be a list of strings", path: ["cart"] });
      }
      return issues.length ? { issues } : { value: data };
    },
  },
};

/** The `schema` option (docs/design.md, "Validated data"), through the binding under test. */
export function describeSchemaFlow(start: StartFlow, setPath: (key: string, value: unknown) => string): void {
  describe("validated data (schema)", () => {
    it("set() of a value the schema refuses fails with ERR_SESSION_VALIDATION naming the key, and stores nothing", async () => {
      const context = await start();
      const browser = new Browser(context.rebind({ schema: shopSchema }));
      await browser.fetch(setPath("visits", 1));
      const refused = await browser.fetch(`${setPath("visits", "many")}&catch=1`);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toEqual({ code: "ERR_SESSION_VALIDATION", key: "visits" });
      expect((await browser.fetch(`${setPath("cart", ["apple", 2])}&catch=1`)).status).toBe(422);
      expect(await browser.json("/all")).toEqual({ visits: 1 });
      await browser.fetch(setPath("cart", ["apple"]));
      expect(await browser.json("/all")).toEqual({ visits: 1, cart: ["apple"] });
    });

    it("stored data that no longer validates reads as an empty session, reported to onError", async () => {
      const log = errorLog();
      const context = await start();
      const before = new Browser(context.rebind({}));
      await before.fetch(setPath("visits", "old shape"));
      const after = new Browser(context.rebind({ schema: shopSchema, onError: log.hook }));
      after.jar = new Map(before.jar);
      expect(await after.json("/all")).toEqual({});
      expect(log.seen.map((seen) => seen.code)).toEqual(["ERR_SESSION_VALIDATION"]);
      expect(log.seen[0]?.message).not.toContain("old shape");
      await after.fetch(setPath("visits", 1));
      expect(await after.json("/all")).toEqual({ visits: 1 });
    });

    it("the CSRF secret is the engine's, not the schema's business", async () => {
      const context = await start();
      const strict: StandardSchemaV1<unknown, { visits?: number }> = {
        "~standard": {
          version: 1,
          vendor: "edge-session-tests",
          validate: (value) =>
            Object.keys(value as object).every((key) => key === "visits")
              ? { value: value as { visits?: number } }
              : { issues: [{ message: "unknown key" }] },
        },
      };
      const browser = new Browser(context.rebind({ schema: strict, csrf: true }));
      await browser.fetch("/csrf");
      await browser.fetch(setPath("visits", 2));
      expect((await browser.json("/all")).visits).toBe(2);
    });
  });
}
