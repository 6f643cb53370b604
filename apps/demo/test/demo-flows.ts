// The demo's behaviour through Request/Response only, as a browser sees it. The same
// suite runs in Node (in process, every server store), inside workerd (every Worker store)
// and against the real Deno, Bun and Node servers over HTTP, so it imports nothing but
// vitest, core's testing browser and plain Web APIs.

import type { ParsedSetCookie } from "@edge-session/core/testing";
import { Browser, parseSetCookie } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";

/** How a suite reaches the demo. */
export interface DemoTarget {
  /** The store the app runs on, as named by SESSION_STORE. */
  store: string;
  /** Whether the data lives on the server (the cookie holds an id that logout revokes). */
  serverSide: boolean;
  /** Where the browser thinks it is: "http://localhost", or a real server's URL (read when a test starts). */
  readonly origin: string;
  /** Sends one request to the app (no redirects followed, like `redirect: "manual"`). */
  fetch(request: Request): Promise<Response>;
}

/** The origin of the in-process targets: a local host, where the development secret is accepted. */
export const LOCAL_ORIGIN = "http://localhost";
const COOKIE = "sessionid";
const THIRTY_DAYS = 2_592_000;

/** What the page shows, read back from its HTML. */
export interface PageFacts {
  html: string;
  visits: number;
  user: string | undefined;
  notice: string | undefined;
  sessionId: string;
  /** The panel's line about the session cookies the request carried. */
  cookies: string;
  browserClose: string;
  expires: string;
  data: Record<string, unknown>;
  quantity(item: string): number;
}

function unescapeHtml(text: string): string {
  return text.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

function match(html: string, pattern: RegExp): string | undefined {
  const found = pattern.exec(html)?.[1];
  return found === undefined ? undefined : unescapeHtml(found);
}

export function readPage(html: string): PageFacts {
  const need = (pattern: RegExp, what: string): string => {
    const value = match(html, pattern);
    if (value === undefined) throw new Error(`the page shows no ${what}`);
    return value;
  };
  return {
    html,
    visits: Number(need(/data-testid="visits">(\d+)</, "visit counter")),
    user: match(html, /data-testid="user">([^<]*)</),
    notice: match(html, /<p class="notice" role="status">([^<]*)<\/p>/),
    sessionId: need(/data-testid="session-id">([^<]*)</, "session id"),
    cookies: need(/data-testid="cookies">([^<]*)</, "cookie line"),
    browserClose: need(/data-testid="browser-close">([^<]*)</, "browser-close line"),
    expires: need(/data-testid="expires">([^<]*)</, "expiry"),
    data: JSON.parse(need(/<pre class="data" data-testid="data">([\s\S]*?)<\/pre>/, "session data")),
    quantity: (item) => Number(match(html, new RegExp(`data-testid="qty-${item}">(\\d+)<`)) ?? 0),
  };
}

/** Sends one request and reads the session cookie's Set-Cookie lines back. */
export async function send(
  browser: Browser,
  path: string,
  init: RequestInit = {},
): Promise<{ response: Response; setCookies: ParsedSetCookie[] }> {
  const response = await browser.fetch(path, init);
  return { response, setCookies: response.headers.getSetCookie().map(parseSetCookie) };
}

// The CSRF token of the last page each browser showed: what its forms would send.
const pageTokens = new WeakMap<Browser, string>();

/** The `csrfmiddlewaretoken` of the page's first form. */
export function formToken(html: string): string {
  const token = /name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"/.exec(html)?.[1];
  if (!token) throw new Error("the page has no form with a CSRF token");
  return token;
}

/**
 * A form POST as a browser sends it from the page (same origin), with the token of the
 * page it last showed; a browser that has shown none opens the page first, as a person would.
 */
export async function post(browser: Browser, path: string, fields: Record<string, string> = {}): ReturnType<typeof send> {
  if (!pageTokens.has(browser)) await openPage(browser);
  return send(browser, path, {
    method: "POST",
    body: new URLSearchParams({ ...fields, csrfmiddlewaretoken: pageTokens.get(browser) ?? "" }),
    headers: { Origin: browser.origin, "Sec-Fetch-Site": "same-origin" },
  });
}

/** GET / and read the page back. */
export async function openPage(browser: Browser): Promise<PageFacts & { response: Response; setCookies: ParsedSetCookie[] }> {
  const { response, setCookies } = await send(browser, "/");
  expect(response.status).toBe(200);
  const facts = readPage(await response.text());
  pageTokens.set(browser, formToken(facts.html));
  return { ...facts, response, setCookies };
}

/** A browser on the demo: core's cookie-jar browser on the target's origin. */
export function demoBrowser(target: DemoTarget): Browser {
  return new Browser((request) => target.fetch(request), target.origin);
}

/** Another browser that sends `value` as its session cookie: an attacker replaying an old cookie. */
function browserWithCookie(target: DemoTarget, value: string): Browser {
  const browser = demoBrowser(target);
  browser.jar.set(COOKIE, value);
  return browser;
}

function sessionCookie(setCookies: ParsedSetCookie[]): ParsedSetCookie {
  const found = setCookies.find((cookie) => cookie.name === COOKIE);
  if (!found) throw new Error("the response set no session cookie");
  return found;
}

/** The server id inside a `<id>.<signature>` cookie. */
function serverId(cookie: string | undefined): string {
  const id = cookie?.split(".")[0];
  if (!id) throw new Error("no session cookie");
  return id;
}

function expectRedirect(response: Response, location: string): void {
  expect(response.status).toBe(303);
  expect(new URL(response.headers.get("Location") ?? "", LOCAL_ORIGIN).pathname).toBe(location);
}

/** The demo's behaviour on one store. */
export function describeDemo(target: DemoTarget): void {
  const server = target.serverSide;

  describe(`demo on the ${target.store} store`, () => {
    it("serves a real HTML page with the session panel", async () => {
      const browser = demoBrowser(target);
      const first = await openPage(browser);
      expect(first.response.headers.get("Content-Type")).toMatch(/^text\/html/);
      expect(first.response.headers.get("Vary")).toMatch(/Cookie/);
      expect(first.html).toMatch(/^<!doctype html>/);
      expect(first.html).toContain('data-testid="panel"');
      expect(first.html).toContain(`<strong>${target.store}</strong>`);
      expect(first.html).toContain('<form method="post" action="/login"');
      expect(first.data).toEqual({ visits: 1 });
      expect(first.browserClose).toBe("no");
      expect(first.expires).toMatch(/GMT \(in 14 days\)$/);
      if (server) expect(first.sessionId).toMatch(/^new — /);
      else expect(first.sessionId).toBe("cookie store — no server id");

      const second = await openPage(browser);
      if (server) expect(second.sessionId).toBe(`${serverId(browser.cookie(COOKIE)).slice(0, 8)}…`);
      else expect(second.sessionId).toBe("cookie store — no server id");
    });

    it("counts visits across requests, per browser", async () => {
      const browser = demoBrowser(target);
      expect((await openPage(browser)).visits).toBe(1);
      expect((await openPage(browser)).visits).toBe(2);
      const third = await openPage(browser);
      expect(third.visits).toBe(3);
      expect(third.data).toMatchObject({ visits: 3 });
      expect((await openPage(demoBrowser(target))).visits).toBe(1);
    });

    it("adds to, removes from and clears the cart", async () => {
      const browser = demoBrowser(target);
      expectRedirect((await post(browser, "/cart/add", { item: "apple" })).response, "/");
      await post(browser, "/cart/add", { item: "apple" });
      await post(browser, "/cart/add", { item: "croissant" });
      let page = await openPage(browser);
      expect(page.quantity("apple")).toBe(2);
      expect(page.quantity("croissant")).toBe(1);
      expect(page.data).toMatchObject({ cart: { apple: 2, croissant: 1 } });
      expect(page.html).toContain("Total €5.00");

      expectRedirect((await post(browser, "/cart/remove", { item: "apple" })).response, "/");
      await post(browser, "/cart/remove", { item: "croissant" });
      page = await openPage(browser);
      expect(page.quantity("apple")).toBe(1);
      expect(page.quantity("croissant")).toBe(0);
      expect(page.data).toMatchObject({ cart: { apple: 1 } });

      expectRedirect((await post(browser, "/cart/clear")).response, "/");
      page = await openPage(browser);
      expect(page.html).toContain('data-testid="cart-empty"');
      expect(page.data).not.toHaveProperty("cart");
    });

    it("refuses an item that is not on the list", async () => {
      const browser = demoBrowser(target);
      const { response, setCookies } = await post(browser, "/cart/add", { item: "<script>" });
      expect(response.status).toBe(400);
      expect(setCookies).toEqual([]);
    });

    it("shows a flash message once, and never among the data", async () => {
      const browser = demoBrowser(target);
      await post(browser, "/cart/add", { item: "pretzel" });
      const first = await openPage(browser);
      expect(first.notice).toBe("Added 🥨 Pretzel to the cart.");
      expect(first.data).not.toHaveProperty("notice");
      const second = await openPage(browser);
      expect(second.notice).toBeUndefined();
      expect(second.quantity("pretzel")).toBe(1);
    });

    it("logs in with cycleKey: new id, same data, the old cookie no longer works on server stores", async () => {
      const browser = demoBrowser(target);
      await openPage(browser);
      await post(browser, "/cart/add", { item: "espresso" });
      const before = browser.cookie(COOKIE);
      if (!before) throw new Error("no cookie before login");

      const { response, setCookies } = await post(browser, "/login", { username: "ada", remember: "on" });
      expectRedirect(response, "/");
      const after = sessionCookie(setCookies).value;
      expect(after).not.toBe(before);
      if (server) expect(serverId(after)).not.toBe(serverId(before));

      const page = await openPage(browser);
      expect(page.user).toBe("ada");
      expect(page.notice).toBe("Welcome, ada. You stay signed in for 30 days.");
      expect(page.data).toMatchObject({ visits: 2, cart: { espresso: 1 }, user: "ada" });

      const replay = await openPage(browserWithCookie(target, before));
      expect(replay.user).toBeUndefined();
      if (server) {
        // The old id was deleted at login: the replayed cookie opens an empty, new session.
        expect(replay.data).toEqual({ visits: 1 });
      } else {
        // The cookie store's documented limit: an old cookie holds its old data until it expires.
        expect(replay.data).toMatchObject({ visits: 2, cart: { espresso: 1 } });
      }
    });

    it("refuses an empty name without logging in", async () => {
      const browser = demoBrowser(target);
      await post(browser, "/login", { username: "   " });
      const page = await openPage(browser);
      expect(page.user).toBeUndefined();
      expect(page.notice).toBe("Please enter a name of 1 to 32 characters.");
    });

    it("logs out with flush: the cookie is removed and the old cookie is refused on server stores", async () => {
      const browser = demoBrowser(target);
      await post(browser, "/login", { username: "grace" });
      expect((await openPage(browser)).user).toBe("grace");
      const loggedIn = browser.cookie(COOKIE);
      if (!loggedIn) throw new Error("no cookie after login");

      const { response, setCookies } = await post(browser, "/logout");
      expectRedirect(response, "/signed-out");
      const removal = sessionCookie(setCookies);
      expect(removal.value).toBe("");
      expect(removal.attributes["max-age"]).toBe("0");
      expect(removal.attributes.path).toBe("/");
      expect(browser.cookie(COOKIE)).toBeUndefined();

      expectRedirect((await send(browser, "/signed-out")).response, "/");
      const page = await openPage(browser);
      expect(page.user).toBeUndefined();
      expect(page.notice).toBe("You are signed out. The old session is gone; this is a new one.");
      expect(page.data).toEqual({ visits: 1 });
      expect((await openPage(browser)).notice).toBeUndefined();

      const replay = await openPage(browserWithCookie(target, loggedIn));
      if (server) {
        expect(replay.user).toBeUndefined();
        expect(replay.data).toEqual({ visits: 1 });
      } else {
        // Documented: a signed cookie cannot be revoked; it stays valid until it expires.
        expect(replay.user).toBe("grace");
      }
    });

    it("without remember me, the cookie lasts until the browser closes (no Max-Age, no Expires)", async () => {
      const browser = demoBrowser(target);
      const { setCookies } = await post(browser, "/login", { username: "linus" });
      const cookie = sessionCookie(setCookies);
      expect("max-age" in cookie.attributes).toBe(false);
      expect("expires" in cookie.attributes).toBe(false);
      expect("httponly" in cookie.attributes).toBe(true);
      expect("secure" in cookie.attributes).toBe(true);
      expect(cookie.attributes.samesite).toBe("Lax");

      // Later saves keep it a browser-session cookie.
      const page = await openPage(browser);
      const resaved = sessionCookie(page.setCookies);
      expect("max-age" in resaved.attributes).toBe(false);
      expect("expires" in resaved.attributes).toBe(false);
      expect(page.browserClose).toMatch(/^yes/);
      expect(page.expires).toMatch(/^when the browser closes/);
    });

    it("with remember me, the cookie lasts 30 days (Max-Age=2592000)", async () => {
      const browser = demoBrowser(target);
      const { setCookies } = await post(browser, "/login", { username: "barbara", remember: "on" });
      const cookie = sessionCookie(setCookies);
      expect(cookie.attributes["max-age"]).toBe(String(THIRTY_DAYS));
      const expires = Date.parse(String(cookie.attributes.expires ?? ""));
      expect(Math.abs(expires - (Date.now() + THIRTY_DAYS * 1000))).toBeLessThan(120_000);

      const page = await openPage(browser);
      expect(sessionCookie(page.setCookies).attributes["max-age"]).toBe(String(THIRTY_DAYS));
      expect(page.browserClose).toBe("no");
      expect(page.expires).toMatch(/\(in 30 days\)$/);
    });

    it("refuses form posts without this session's CSRF token, before the route runs", async () => {
      const browser = demoBrowser(target);
      const page = await openPage(browser);
      const token = formToken(page.html);
      const attempt = (fields: Record<string, string>, headers: Record<string, string>) =>
        send(browser, "/cart/add", { method: "POST", body: new URLSearchParams({ item: "apple", ...fields }), headers });
      const sameSite = { Origin: browser.origin, "Sec-Fetch-Site": "same-origin" };

      const missing = await attempt({}, sameSite);
      expect(missing.response.status).toBe(403);
      expect(missing.setCookies).toEqual([]);
      const crossSite = await attempt({ csrfmiddlewaretoken: token }, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
      expect(crossSite.response.status).toBe(403);
      const otherSession = formToken((await openPage(demoBrowser(target))).html);
      const foreign = await attempt({ csrfmiddlewaretoken: otherSession }, sameSite);
      expect(foreign.response.status).toBe(403);
      const body = await foreign.response.text();
      expect(body).not.toContain(otherSession);
      expect(body).not.toContain(token);
      expect((await openPage(browser)).data).not.toHaveProperty("cart");

      // The same token in Django's header instead of the form works too.
      const header = await send(browser, "/cart/add", {
        method: "POST",
        body: new URLSearchParams({ item: "apple" }),
        headers: { ...sameSite, "X-CSRFToken": token },
      });
      expectRedirect(header.response, "/");
      expect((await openPage(browser)).quantity("apple")).toBe(1);
    });

    it("masks the token differently on every page, and rotates the secret at login", async () => {
      const browser = demoBrowser(target);
      const first = formToken((await openPage(browser)).html);
      const second = formToken((await openPage(browser)).html);
      expect(second).not.toBe(first);
      await post(browser, "/login", { username: "ada" });
      // Django's rotate_token: a token from before the login is worthless after it.
      const stale = await send(browser, "/cart/add", {
        method: "POST",
        body: new URLSearchParams({ item: "apple", csrfmiddlewaretoken: second }),
        headers: { Origin: browser.origin, "Sec-Fetch-Site": "same-origin" },
      });
      expect(stale.response.status).toBe(403);
    });

    it(`carries a big cart in ${server ? "one cookie (the data is on the server)" : "chunked cookies"}`, async () => {
      const browser = demoBrowser(target);
      await openPage(browser);
      const { response, setCookies } = await post(browser, "/cart/big");
      expectRedirect(response, "/");
      const names = setCookies.map((cookie) => cookie.name);
      const page = await openPage(browser);
      expect(page.html).toMatch(/data-testid="gift-cards">300</);
      if (server) {
        expect(names).toEqual([COOKIE]);
        expect(page.cookies).toMatch(/^sessionid — 1 cookie, \d+ bytes$/);
      } else {
        // Over 4 KB: sessionid, sessionid.1 (…), each within the browser's 4096-byte limit.
        expect(names.length).toBeGreaterThan(1);
        expect(names.slice(0, 2)).toEqual([COOKIE, `${COOKIE}.1`]);
        for (const cookie of setCookies) expect(new TextEncoder().encode(cookie.raw).length).toBeLessThanOrEqual(4096);
        expect(page.cookies).toMatch(new RegExp(`^${names.join(", ")} — ${names.length} cookies, \\d+ bytes$`));
      }

      // Clearing the cart shrinks the session back into one cookie; the leftover chunks are deleted.
      const cleared = await post(browser, "/cart/clear");
      if (!server) {
        const removed = cleared.setCookies.filter((cookie) => cookie.attributes["max-age"] === "0").map((cookie) => cookie.name);
        expect(removed).toEqual(names.slice(1));
      }
      expect((await openPage(browser)).cookies).toMatch(/^sessionid — 1 cookie/);
    });
  });
}
