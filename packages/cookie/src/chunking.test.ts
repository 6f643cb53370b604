// Sessions over one cookie (docs/design.md, "Cookies"): the store allows
// maxChunks × 4096 bytes, the engine splits the value over `sessionid`,
// `sessionid.1`, … and joins them before decode. Here both halves together,
// through core's request-level helper and browser.
import { SessionTooLargeError } from "@edge-session/core";
import type { CookieSessionStore } from "@edge-session/core/kit";
import { Browser, parseSetCookie, serveSession } from "@edge-session/core/testing";
import { describe, expect, test } from "vitest";
import { seededText } from "../test/fixtures.ts";
import { cookieStore, DJANGO_SESSION_SALT } from "./cookie-store.ts";
import { djangoLoads } from "./django-signing.ts";
import { encryptedCookieStore } from "./encrypted-cookie-store.ts";

const SECRET = "a-secret-of-at-least-thirty-two-characters";

function app(store: CookieSessionStore) {
  return serveSession(
    async (request, session) => {
      const url = new URL(request.url);
      const size = url.searchParams.get("size");
      if (size) await session.set("blob", seededText(Number(size), Number(url.searchParams.get("seed") ?? 0x9e3779b9)));
      return Response.json({ blob: ((await session.get("blob")) as string | undefined)?.length ?? null });
    },
    { store, secret: SECRET },
  );
}

/** The session cookies a response sets (not removals), by name. */
function sessionCookies(response: Response): { name: string; value: string; raw: string }[] {
  return response.headers
    .getSetCookie()
    .map(parseSetCookie)
    .filter((c) => c.name.startsWith("sessionid") && c.value !== "" && c.attributes["max-age"] !== "0");
}

const stores: [string, (maxChunks: number) => CookieSessionStore][] = [
  ["signed", (maxChunks) => cookieStore({ maxChunks, compress: false })],
  ["encrypted", (maxChunks) => encryptedCookieStore({ maxChunks })],
];

for (const [mode, make] of stores) {
  describe(`chunked ${mode} cookies`, () => {
    test("1, 2, 3 cookies as the session grows, every Set-Cookie line within 4096 bytes; over 3 throws SessionTooLargeError", async () => {
      const browser = new Browser(app(make(3)));
      const counts = new Map<number, number>();
      // Measured limits (docs/design.md, "Cookies"): JSON of ~3000 bytes per cookie (base64 adds a third, each chunk its attributes).
      for (const size of [100, 2500, 3500, 5500, 6500, 8500, 9500]) {
        const response = await browser.fetch(`/?size=${size}`).catch((error: unknown) => error);
        if (!(response instanceof Response)) {
          expect(response).toBeInstanceOf(SessionTooLargeError); // the app's error, as with one cookie over 4096 bytes
          counts.set(size, 0);
          continue;
        }
        const cookies = sessionCookies(response);
        for (const cookie of cookies) expect(cookie.raw.length).toBeLessThanOrEqual(4096);
        expect(cookies.map((c) => c.name)).toEqual(["sessionid", "sessionid.1", "sessionid.2"].slice(0, cookies.length));
        counts.set(size, cookies.length);
        expect(await browser.json("/")).toEqual({ blob: size }); // joined and verified on the next request
      }
      expect(Object.fromEntries(counts)).toEqual({ 100: 1, 2500: 1, 3500: 2, 5500: 2, 6500: 3, 8500: 3, 9500: 0 });
    });

    test("shrinking deletes the chunks left over, in the same response", async () => {
      const browser = new Browser(app(make(3)));
      await browser.fetch("/?size=8000");
      expect([...browser.jar.keys()].sort()).toEqual(["sessionid", "sessionid.1", "sessionid.2"]);
      const response = await browser.fetch("/?size=100");
      const removed = response.headers
        .getSetCookie()
        .map(parseSetCookie)
        .filter((c) => c.attributes["max-age"] === "0")
        .map((c) => c.name);
      expect(removed.sort()).toEqual(["sessionid.1", "sessionid.2"]);
      expect([...browser.jar.keys()]).toEqual(["sessionid"]);
      expect(await browser.json("/")).toEqual({ blob: 100 });
    });

    test("a missing, reordered or foreign chunk is an empty session: the value verifies only as a whole", async () => {
      const browser = new Browser(app(make(3)));
      await browser.fetch("/?size=8000");
      const [a, b, c] = ["sessionid", "sessionid.1", "sessionid.2"].map((name) => browser.cookie(name)!);
      const other = new Browser(app(make(3)));
      await other.fetch("/?size=8000&seed=12345"); // other data: signed cookies of equal data in the same second are equal
      for (const cookie of [
        `sessionid=${a}; sessionid.1=${b}`,
        `sessionid=${a}; sessionid.1=${c}; sessionid.2=${b}`,
        `sessionid=${a}; sessionid.1=${other.cookie("sessionid.1")}; sessionid.2=${c}`,
      ]) {
        expect(await browser.json("/", { cookie })).toEqual({ blob: null });
      }
      expect(await browser.json("/", { cookie: `sessionid=${a}; sessionid.1=${b}; sessionid.2=${c}` })).toEqual({ blob: 8000 });
    });
  });
}

test("a session that fits one cookie stays exactly Django's signed format, even with maxChunks > 1", async () => {
  const browser = new Browser(app(cookieStore({ salt: DJANGO_SESSION_SALT, maxChunks: 3 })));
  await browser.fetch("/?size=2000");
  expect([...browser.jar.keys()]).toEqual(["sessionid"]);
  const loaded = await djangoLoads(browser.cookie()!, { salt: DJANGO_SESSION_SALT, secrets: [SECRET] });
  expect(typeof loaded === "object" && JSON.parse(loaded.json).blob.length).toBe(2000);
});
