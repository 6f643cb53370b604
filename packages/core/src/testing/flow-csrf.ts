import { describe, expect, it } from "vitest";
import { unmaskCsrfToken } from "../csrf/mask.ts";
import { Browser } from "./browser.ts";
import { errorLog, type StartFlow } from "./flow-context.ts";

const ORIGIN = "https://example.test";

/**
 * CSRF bound to the session (docs/design.md, "CSRF"), through the binding
 * under test: the request matrix of method × token source × origin case.
 */
export function describeCsrfFlow(start: StartFlow, setPath: (key: string, value: unknown) => string): void {
  async function csrfStart(csrf: true | { trustedOrigins?: string[]; headerName?: string; fieldName?: string } = true) {
    const log = errorLog();
    const context = await start();
    const handler = context.rebind({ csrf, onError: log.hook });
    const browser = new Browser(handler, ORIGIN);
    const token = async (): Promise<string> => (await browser.json<{ token: string }>("/csrf")).token;
    const post = (path: string, init: RequestInit & { cookie?: string | null } = {}) =>
      browser.fetch(path, { method: "POST", ...init, headers: { Origin: ORIGIN, ...(init.headers as Record<string, string>) } });
    return { ...context, browser, log, token, post, handler };
  }
  const form = (fields: Record<string, string>): URLSearchParams => new URLSearchParams(fields);

  describe("CSRF protection bound to the session", () => {
    it("a GET that never asks for a token costs nothing: no store call, no cookie", async () => {
      const { browser, counter } = await csrfStart();
      const response = await browser.fetch("/untouched");
      expect(response.status).toBe(200);
      expect(response.headers.get("Set-Cookie")).toBeNull();
      expect(counter.total()).toBe(0);
    });

    it("tokens are 64 masked characters, fresh on every call, all for one secret kept under _csrftoken", async () => {
      const { token, browser } = await csrfStart();
      const first = await token();
      const second = await token();
      expect(first).toMatch(/^[A-Za-z0-9]{64}$/);
      expect(second).not.toBe(first);
      expect(unmaskCsrfToken(first)).toBe(unmaskCsrfToken(second));
      expect((await browser.json("/all"))._csrftoken).toBe(unmaskCsrfToken(first));
    });

    it("POST with the token in X-CSRFToken passes; the handler still reads the body", async () => {
      const { token, post } = await csrfStart();
      const response = await post("/post?key=note", { headers: { "X-CSRFToken": await token() }, body: "hello body" });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ body: "hello body" });
    });

    it("POST with csrfmiddlewaretoken in an urlencoded form passes, and the handler reads the whole form", async () => {
      const { token, post } = await csrfStart();
      const body = form({ csrfmiddlewaretoken: await token(), item: "apple" }).toString();
      const response = await post("/post", { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ body });
    });

    it("POST with csrfmiddlewaretoken in a multipart form passes", async () => {
      const { token, post } = await csrfStart();
      const data = new FormData();
      data.set("csrfmiddlewaretoken", await token());
      data.set("item", "pear");
      const request = new Request(`${ORIGIN}/post`, { method: "POST", body: data });
      const response = await post("/post", {
        headers: { "Content-Type": request.headers.get("Content-Type")! },
        body: await request.arrayBuffer(),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { body: string }).body).toContain("pear");
    });

    it("the bare 32-character secret is accepted too, as Django does", async () => {
      const { token, post } = await csrfStart();
      const secret = unmaskCsrfToken(await token())!;
      expect((await post("/post", { headers: { "X-CSRFToken": secret } })).status).toBe(200);
    });

    it("PUT, PATCH and DELETE are checked; GET, HEAD, OPTIONS and TRACE are not", async () => {
      const { token, browser } = await csrfStart();
      await token();
      for (const method of ["PUT", "PATCH", "DELETE"]) {
        expect((await browser.fetch("/post", { method, headers: { Origin: ORIGIN } })).status, method).toBe(403);
      }
      for (const method of ["GET", "HEAD", "OPTIONS"]) {
        expect((await browser.fetch("/untouched", { method })).status, method).toBe(200);
      }
    });

    it("403s name the reason, never the token, reach onError, and run no handler", async () => {
      const { token, post, log, browser } = await csrfStart();
      const good = await token();
      const cases: [string, RequestInit, string][] = [
        ["no token", {}, "ERR_CSRF_MISSING_TOKEN"],
        ["wrong token", { headers: { "X-CSRFToken": `${good.slice(0, 63)}${good.endsWith("a") ? "b" : "a"}` } }, "ERR_CSRF_BAD_TOKEN"],
        ["short token", { headers: { "X-CSRFToken": good.slice(0, 40) } }, "ERR_CSRF_BAD_TOKEN"],
        ["other origin", { headers: { Origin: "https://evil.test", "X-CSRFToken": good } }, "ERR_CSRF_BAD_ORIGIN"],
        ["null origin", { headers: { Origin: "null", "X-CSRFToken": good } }, "ERR_CSRF_BAD_ORIGIN"],
      ];
      for (const [name, init, code] of cases) {
        const response = await post("/post?key=leak", init);
        expect(response.status, name).toBe(403);
        const text = await response.text();
        expect(text, name).toContain("CSRF");
        expect(text, name).not.toContain(good);
        expect(log.seen.at(-1)?.code, name).toBe(code);
      }
      expect((await browser.json("/all")).leak).toBeUndefined();
    });

    it("without Origin: Sec-Fetch-Site same-origin passes; else over HTTPS the Referer must be ours", async () => {
      const { token, browser } = await csrfStart();
      const good = await token();
      const send = (headers: Record<string, string>) =>
        browser.fetch("/post", { method: "POST", headers: { "X-CSRFToken": good, ...headers } });
      expect((await send({ "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
      expect((await send({})).status).toBe(403);
      expect((await send({ Referer: `${ORIGIN}/cart` })).status).toBe(200);
      expect((await send({ Referer: "https://evil.test/cart" })).status).toBe(403);
      expect((await send({ Referer: "http://example.test/cart" })).status).toBe(403);
    });

    it("trusted origins, a custom header and a custom field name are honoured", async () => {
      const { token, post } = await csrfStart({ trustedOrigins: ["https://app.example.test"], headerName: "X-Token", fieldName: "tok" });
      const good = await token();
      expect((await post("/post", { headers: { Origin: "https://app.example.test", "X-Token": good } })).status).toBe(200);
      expect((await post("/post", { headers: { "X-CSRFToken": good } })).status).toBe(403);
      const body = form({ tok: await token() }).toString();
      expect((await post("/post", { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body })).status).toBe(200);
    });

    it("login (cycleKey) rotates the secret: a token from before login is refused after it", async () => {
      const { token, post, browser } = await csrfStart();
      const before = await token();
      await browser.fetch("/login?user=ada");
      expect((await post("/post", { headers: { "X-CSRFToken": before } })).status).toBe(403);
      expect((await post("/post", { headers: { "X-CSRFToken": await token() } })).status).toBe(200);
    });

    it("logout (flush) removes the secret: no old token works", async () => {
      const { token, post, browser } = await csrfStart();
      const before = await token();
      await browser.fetch("/flush");
      expect((await post("/post", { headers: { "X-CSRFToken": before } })).status).toBe(403);
    });

    it("a token from another session is refused", async () => {
      const { token, post, handler } = await csrfStart();
      const other = new Browser(handler, ORIGIN);
      const theirs = (await other.json<{ token: string }>("/csrf")).token;
      await token();
      expect((await post("/post", { headers: { "X-CSRFToken": theirs } })).status).toBe(403);
    });

    it("without the csrf option unsafe requests are not checked", async () => {
      const { browser } = await start();
      expect((await browser.fetch(setPath("a", 1), { method: "POST" })).status).toBe(200);
    });
  });
}
