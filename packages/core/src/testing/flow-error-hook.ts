import { describe, expect } from "vitest";
import { Browser } from "./browser.ts";
import { errorLog, type StartFlow } from "./flow-context.ts";
import { itWhen } from "./probe.ts";

/**
 * The `onError` hook (docs/design.md, "Policies: errors, clocks, expiry"):
 * every store failure, interrupted save and refused cookie reaches it before
 * the binding answers, with a reason code and never a value.
 */
export function describeErrorHookFlow(
  start: StartFlow,
  setPath: (key: string, value: unknown) => string,
  { serverStore }: { serverStore: boolean | undefined },
): void {
  async function hooked() {
    const log = errorLog();
    const context = await start();
    const browser = new Browser(context.rebind({ onError: log.hook }));
    return { ...context, browser, log };
  }

  describe("the onError hook", () => {
    itWhen(true)("is not called for a request without a cookie, nor for a good one", async () => {
      const { browser, log } = await hooked();
      await browser.fetch(setPath("a", 1));
      await browser.fetch("/get?key=a");
      expect(log.seen).toEqual([]);
    });

    itWhen(true)("hears of a tampered, a malformed and an expired cookie, by reason only; the session reads empty", async () => {
      const { browser, log, clock } = await hooked();
      await browser.fetch(setPath("secret", "s3cr3t-value"));
      const value = browser.cookie()!;
      const flipped = `${value.slice(0, -2)}${value.endsWith("AA") ? "BB" : "AA"}`;
      // Each refused cookie is removed by its response: a second tab keeps the jar for the expiry case.
      for (const cookie of [`sessionid=${flipped}`, "sessionid=%%%", 'sessionid="a b"']) {
        expect(await browser.fork().json("/get?key=secret", { cookie })).toEqual({ value: null });
      }
      clock.advance(1_209_600 + 1);
      expect(await browser.json("/get?key=secret")).toEqual({ value: null });
      expect(log.seen.map((seen) => seen.code)).toEqual(Array(4).fill("ERR_SESSION_COOKIE"));
      expect(log.seen[0]?.reason).toMatch(/^(bad-signature|malformed)$/);
      expect(log.seen[2]?.reason).toBe("malformed");
      expect(log.seen[3]?.reason).toBe("expired");
      for (const seen of log.seen) {
        expect(seen.message).not.toContain(value.slice(0, 20));
        expect(seen.message).not.toContain("s3cr3t");
      }
    });

    itWhen(serverStore)("hears of a store failure once, with the request, before the 503; the message carries no data", async () => {
      const { browser, log, counter, server } = await hooked();
      if (!server) return;
      await browser.fetch(setPath("a", "private-value"));
      counter.fail.on = true;
      const response = await browser.fetch(setPath("b", "other-private"));
      expect(response.status).toBe(503);
      expect(log.seen).toHaveLength(1);
      expect(log.seen[0]).toMatchObject({ code: "ERR_SESSION_STORE", url: expect.stringContaining("/set?key=b") });
      expect(log.seen[0]?.message).not.toContain("private");
    });

    itWhen(serverStore)("hears of a save interrupted by a concurrent logout", async () => {
      const { browser, log, gates, server } = await hooked();
      if (!server) return;
      await browser.fetch(setPath("user", "alice"));
      const slow = browser.fork().fetch(`${setPath("cart", ["apple"])}&gate=slow`);
      await gates.reached("slow");
      await browser.fetch("/flush");
      gates.open("slow");
      expect((await slow).status).toBe(400);
      expect(log.seen.map((seen) => seen.code)).toEqual(["ERR_SESSION_INTERRUPTED"]);
    });

    itWhen(true)("a hook that throws changes nothing", async () => {
      const context = await start();
      const browser = new Browser(
        context.rebind({
          onError: () => {
            throw new Error("logging is down");
          },
        }),
      );
      await browser.fetch(setPath("a", 1));
      expect(await browser.json("/get?key=a", { cookie: "sessionid=garbage" })).toEqual({ value: null });
    });
  });
}
