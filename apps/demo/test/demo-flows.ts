// The demo's behaviour through Request/Response only, as a browser sees it. The same
// suite runs in Node (cookie store) and inside workerd (every store), so it imports
// nothing but vitest and plain Web APIs.
import { describe, expect, it } from "vitest";
import type { SetCookie } from "./cookie-jar.ts";
import { CookieJar } from "./cookie-jar.ts";

/** How a suite reaches the demo. */
export interface DemoTarget {
  /** The store the app runs on, as named by SESSION_STORE. */
  store: "cookie" | "kv" | "d1" | "kv-over-d1";
  /** Sends one request to the app (no redirects followed, like `redirect: "manual"`). */
  fetch(request: Request): Promise<Response>;
}

const ORIGIN = "http://localhost";
const COOKIE = "sessionid";
const THIRTY_DAYS = 2_592_000;

/** What the page shows, read back from its HTML. */
export interface PageFacts {
  html: string;
  visits: number;
  user: string | undefined;
  notice: string | undefined;
  sessionId: string;
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
    browserClose: need(/data-testid="browser-close">([^<]*)</, "browser-close line"),
    expires: need(/data-testid="expires">([^<]*)</, "expiry"),
    data: JSON.parse(need(/<pre class="data" data-testid="data">([\s\S]*?)<\/pre>/, "session data")),
    quantity: (item) => Number(match(html, new RegExp(`data-testid="qty-${item}">(\\d+)<`)) ?? 0),
  };
}

/** A browser: one cookie jar, same-origin form posts. */
export class Browser {
  readonly jar = new CookieJar();
  readonly #target: DemoTarget;

  constructor(target: DemoTarget) {
    this.#target = target;
  }

  async request(path: string, init: RequestInit = {}): Promise<{ response: Response; setCookies: SetCookie[] }> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header();
    if (cookie !== undefined) headers.set("Cookie", cookie);
    const response = await this.#target.fetch(new Request(ORIGIN + path, { ...init, headers, redirect: "manual" }));
    return { response, setCookies: this.jar.store(response) };
  }

  /** A form POST as a browser sends it from the page (same origin). */
  post(path: string, fields: Record<string, string> = {}): Promise<{ response: Response; setCookies: SetCookie[] }> {
    return this.request(path, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { Origin: ORIGIN, "Sec-Fetch-Site": "same-origin" },
    });
  }

  /** GET / and read the page back. */
  async page(): Promise<PageFacts & { response: Response; setCookies: SetCookie[] }> {
    const { response, setCookies } = await this.request("/");
    expect(response.status).toBe(200);
    return { ...readPage(await response.text()), response, setCookies };
  }

  /** The session cookie's value, or undefined. */
  get cookie(): string | undefined {
    return this.jar.get(COOKIE);
  }
}

/** Another browser that sends `value` as its session cookie: an attacker replaying an old cookie. */
function browserWithCookie(target: DemoTarget, value: string): Browser {
  const browser = new Browser(target);
  browser.jar.set(COOKIE, value);
  return browser;
}

function sessionCookie(setCookies: SetCookie[]): SetCookie {
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
  expect(new URL(response.headers.get("Location") ?? "", ORIGIN).pathname).toBe(location);
}

/** The demo's behaviour on one store. */
export function describeDemo(target: DemoTarget): void {
  const server = target.store !== "cookie";

  describe(`demo on the ${target.store} store`, () => {
    it("serves a real HTML page with the session panel", async () => {
      const browser = new Browser(target);
      const first = await browser.page();
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

      const second = await browser.page();
      if (server) expect(second.sessionId).toBe(`${serverId(browser.cookie).slice(0, 8)}…`);
      else expect(second.sessionId).toBe("cookie store — no server id");
    });

    it("counts visits across requests, per browser", async () => {
      const browser = new Browser(target);
      expect((await browser.page()).visits).toBe(1);
      expect((await browser.page()).visits).toBe(2);
      const third = await browser.page();
      expect(third.visits).toBe(3);
      expect(third.data).toMatchObject({ visits: 3 });
      expect((await new Browser(target).page()).visits).toBe(1);
    });

    it("adds to, removes from and clears the cart", async () => {
      const browser = new Browser(target);
      expectRedirect((await browser.post("/cart/add", { item: "apple" })).response, "/");
      await browser.post("/cart/add", { item: "apple" });
      await browser.post("/cart/add", { item: "croissant" });
      let page = await browser.page();
      expect(page.quantity("apple")).toBe(2);
      expect(page.quantity("croissant")).toBe(1);
      expect(page.data).toMatchObject({ cart: { apple: 2, croissant: 1 } });
      expect(page.html).toContain("Total €5.00");

      expectRedirect((await browser.post("/cart/remove", { item: "apple" })).response, "/");
      await browser.post("/cart/remove", { item: "croissant" });
      page = await browser.page();
      expect(page.quantity("apple")).toBe(1);
      expect(page.quantity("croissant")).toBe(0);
      expect(page.data).toMatchObject({ cart: { apple: 1 } });

      expectRedirect((await browser.post("/cart/clear")).response, "/");
      page = await browser.page();
      expect(page.html).toContain('data-testid="cart-empty"');
      expect(page.data).not.toHaveProperty("cart");
    });

    it("refuses an item that is not on the list", async () => {
      const browser = new Browser(target);
      const { response, setCookies } = await browser.post("/cart/add", { item: "<script>" });
      expect(response.status).toBe(400);
      expect(setCookies).toEqual([]);
    });

    it("shows a flash message once, and never among the data", async () => {
      const browser = new Browser(target);
      await browser.post("/cart/add", { item: "pretzel" });
      const first = await browser.page();
      expect(first.notice).toBe("Added 🥨 Pretzel to the cart.");
      expect(first.data).not.toHaveProperty("notice");
      const second = await browser.page();
      expect(second.notice).toBeUndefined();
      expect(second.quantity("pretzel")).toBe(1);
    });

    it("logs in with cycleKey: new id, same data, the old cookie no longer works on server stores", async () => {
      const browser = new Browser(target);
      await browser.page();
      await browser.post("/cart/add", { item: "espresso" });
      const before = browser.cookie;
      if (!before) throw new Error("no cookie before login");

      const { response, setCookies } = await browser.post("/login", { username: "ada", remember: "on" });
      expectRedirect(response, "/");
      const after = sessionCookie(setCookies).value;
      expect(after).not.toBe(before);
      if (server) expect(serverId(after)).not.toBe(serverId(before));

      const page = await browser.page();
      expect(page.user).toBe("ada");
      expect(page.notice).toBe("Welcome, ada. You stay signed in for 30 days.");
      expect(page.data).toMatchObject({ visits: 2, cart: { espresso: 1 }, user: "ada" });

      const replay = await browserWithCookie(target, before).page();
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
      const browser = new Browser(target);
      await browser.post("/login", { username: "   " });
      const page = await browser.page();
      expect(page.user).toBeUndefined();
      expect(page.notice).toBe("Please enter a name of 1 to 32 characters.");
    });

    it("logs out with flush: the cookie is removed and the old cookie is refused on server stores", async () => {
      const browser = new Browser(target);
      await browser.post("/login", { username: "grace" });
      expect((await browser.page()).user).toBe("grace");
      const loggedIn = browser.cookie;
      if (!loggedIn) throw new Error("no cookie after login");

      const { response, setCookies } = await browser.post("/logout");
      expectRedirect(response, "/signed-out");
      const removal = sessionCookie(setCookies);
      expect(removal.value).toBe("");
      expect(removal.attributes.get("max-age")).toBe("0");
      expect(removal.attributes.get("path")).toBe("/");
      expect(browser.cookie).toBeUndefined();

      expectRedirect((await browser.request("/signed-out")).response, "/");
      const page = await browser.page();
      expect(page.user).toBeUndefined();
      expect(page.notice).toBe("You are signed out. The old session is gone; this is a new one.");
      expect(page.data).toEqual({ visits: 1 });
      expect((await browser.page()).notice).toBeUndefined();

      const replay = await browserWithCookie(target, loggedIn).page();
      if (server) {
        expect(replay.user).toBeUndefined();
        expect(replay.data).toEqual({ visits: 1 });
      } else {
        // Documented: a signed cookie cannot be revoked; it stays valid until it expires.
        expect(replay.user).toBe("grace");
      }
    });

    it("without remember me, the cookie lasts until the browser closes (no Max-Age, no Expires)", async () => {
      const browser = new Browser(target);
      const { setCookies } = await browser.post("/login", { username: "linus" });
      const cookie = sessionCookie(setCookies);
      expect(cookie.attributes.has("max-age")).toBe(false);
      expect(cookie.attributes.has("expires")).toBe(false);
      expect(cookie.attributes.has("httponly")).toBe(true);
      expect(cookie.attributes.has("secure")).toBe(true);
      expect(cookie.attributes.get("samesite")).toBe("Lax");

      // Later saves keep it a browser-session cookie.
      const page = await browser.page();
      const resaved = sessionCookie(page.setCookies);
      expect(resaved.attributes.has("max-age")).toBe(false);
      expect(resaved.attributes.has("expires")).toBe(false);
      expect(page.browserClose).toMatch(/^yes/);
      expect(page.expires).toMatch(/^when the browser closes/);
    });

    it("with remember me, the cookie lasts 30 days (Max-Age=2592000)", async () => {
      const browser = new Browser(target);
      const { setCookies } = await browser.post("/login", { username: "barbara", remember: "on" });
      const cookie = sessionCookie(setCookies);
      expect(cookie.attributes.get("max-age")).toBe(String(THIRTY_DAYS));
      const expires = Date.parse(cookie.attributes.get("expires") ?? "");
      expect(Math.abs(expires - (Date.now() + THIRTY_DAYS * 1000))).toBeLessThan(120_000);

      const page = await browser.page();
      expect(sessionCookie(page.setCookies).attributes.get("max-age")).toBe(String(THIRTY_DAYS));
      expect(page.browserClose).toBe("no");
      expect(page.expires).toMatch(/\(in 30 days\)$/);
    });

    it("refuses a cross-site form post (CSRF) without touching the session", async () => {
      const browser = new Browser(target);
      await browser.page();
      const { response, setCookies } = await browser.request("/cart/add", {
        method: "POST",
        body: new URLSearchParams({ item: "apple" }),
        headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      });
      expect(response.status).toBe(403);
      expect(setCookies).toEqual([]);
      expect((await browser.page()).data).not.toHaveProperty("cart");
    });
  });
}
