import { describe, expect } from "vitest";
import { type AnyStore, isCookieStore } from "../store.ts";
import { Browser } from "./browser.ts";
import { errorLog, type StartFlow } from "./flow-context.ts";
import { itWhen } from "./probe.ts";

/** Whether the store spreads a session over several cookies. */
function isChunked(store: AnyStore): boolean {
  return isCookieStore(store) && (store.maxChunks ?? 1) > 1;
}

/** Random-looking text that no compression shrinks much, so sizes are predictable. */
function noise(length: number, seed: number): string {
  let state = seed;
  let text = "";
  while (text.length < length) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += state.toString(36);
  }
  return text.slice(0, length);
}

/** Cookie stores with `maxChunks > 1` (docs/design.md, "Cookies"): sessions over 4 KB travel as chunks. */
export function describeChunkedCookieFlow(
  start: StartFlow,
  setPath: (key: string, value: unknown) => string,
  { chunked }: { chunked: boolean | undefined },
): void {
  const names = (response: Response): string[] => response.headers.getSetCookie().map((line) => line.slice(0, line.indexOf("=")));

  describe("cookies over 4 KB (chunked)", () => {
    itWhen(chunked)("a large session spans sessionid, sessionid.1, …, each line within 4096 bytes, and reads back whole", async () => {
      const { browser, counter } = await start();
      if (!isChunked(counter.store)) return; // the store was not known when the cases were registered
      const big = noise(14_000, 1);
      const response = await browser.fetch(setPath("big", big));
      expect(response.status).toBe(200);
      const lines = response.headers.getSetCookie();
      expect(names(response)).toEqual(lines.map((_, index) => (index === 0 ? "sessionid" : `sessionid.${index}`)));
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const line of lines) {
        expect(line.length).toBeLessThanOrEqual(4096);
        expect(line.slice(line.indexOf(";"))).toBe(lines[0]!.slice(lines[0]!.indexOf(";"))); // the same attributes
      }
      expect(await browser.json("/get?key=big")).toEqual({ value: big });
    });

    itWhen(chunked)("shrinking back to one cookie deletes the leftover chunks in the same response", async () => {
      const { browser, counter } = await start();
      if (!isChunked(counter.store)) return; // the store was not known when the cases were registered
      await browser.fetch(setPath("small", 1));
      await browser.fetch(setPath("big", noise(14_000, 2)));
      const chunks = browser.jar.size;
      expect(chunks).toBeGreaterThanOrEqual(3);
      const response = await browser.fetch("/delete?key=big");
      const lines = response.headers.getSetCookie();
      expect(lines).toHaveLength(chunks);
      expect(lines[0]).toMatch(/^sessionid=[^;]+; Max-Age=1209600;/);
      for (const line of lines.slice(1)) expect(line).toMatch(/^sessionid\.\d+=; Max-Age=0;/);
      expect(browser.jar.size).toBe(1);
      expect(await browser.json("/all")).toEqual({ small: 1 });
    });

    itWhen(chunked)("a missing, reordered or extra chunk reads as an empty session", async () => {
      const log = errorLog();
      const context = await start();
      if (!isChunked(context.counter.store)) return;
      const browser = new Browser(context.rebind({ onError: log.hook }));
      await browser.fetch(setPath("big", noise(14_000, 3)));
      const [first, second, third] = ["sessionid", "sessionid.1", "sessionid.2"].map((name) => browser.jar.get(name)!);
      const headers = [
        `sessionid=${first}; sessionid.2=${third}`,
        `sessionid=${first}; sessionid.1=${third}; sessionid.2=${second}`,
        `sessionid=${first}; sessionid.1=${second}; sessionid.2=${third}; sessionid.3=${third}`,
        `sessionid=${first}`,
      ];
      // Each refused set of chunks is removed by its response: a second tab keeps the jar for the last read.
      for (const cookie of headers) expect(await browser.fork().json("/all", { cookie }), cookie.slice(0, 40)).toEqual({});
      expect(log.seen.every((seen) => seen.code === "ERR_SESSION_COOKIE")).toBe(true);
      expect(await browser.json("/get?key=big")).toEqual({ value: expect.any(String) });
    });

    itWhen(chunked)("over maxChunks cookies: SessionTooLargeError, and the last good session stays", async () => {
      const { browser, counter } = await start();
      if (!isChunked(counter.store)) return; // the store was not known when the cases were registered
      await browser.fetch(setPath("small", 1));
      // The size is known only when the commit encodes the session, after the handler: the binding fails the request.
      const outcome = await browser.fetch(setPath("huge", noise(200_000, 4))).then(
        (response) => response.status,
        (error: { code?: string }) => error.code,
      );
      expect([500, "ERR_SESSION_TOO_LARGE"]).toContain(outcome);
      expect(await browser.json("/all")).toEqual({ small: 1 });
    });

    itWhen(chunked)("flush removes every chunk", async () => {
      const { browser, counter } = await start();
      if (!isChunked(counter.store)) return; // the store was not known when the cases were registered
      await browser.fetch(setPath("big", noise(14_000, 5)));
      const sent = [...browser.jar.keys()];
      const response = await browser.fetch("/flush");
      expect(names(response).sort()).toEqual(sent.sort());
      expect(sent.length).toBeGreaterThanOrEqual(3);
      expect(browser.jar.size).toBe(0);
    });
  });
}
