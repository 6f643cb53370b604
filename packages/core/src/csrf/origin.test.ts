import { describe, expect, test } from "vitest";
import { SessionConfigError } from "../errors.ts";
import { checkCsrfOrigin, isSameDomain, parseTrustedOrigins } from "./origin.ts";

const post = (url: string, headers: Record<string, string> = {}): Request => new Request(url, { method: "POST", headers });
const code = (request: Request, trustedOrigins: string[] = [], cookieDomain?: string): string =>
  checkCsrfOrigin(request, { trustedOrigins, ...(cookieDomain ? { cookieDomain } : {}) })?.code ?? "ok";

describe("checkCsrfOrigin: the Origin header", () => {
  test("the request's own origin passes, scheme, host and port included", () => {
    expect(code(post("https://shop.example/cart", { origin: "https://shop.example" }))).toBe("ok");
    expect(code(post("http://localhost:8787/cart", { origin: "http://localhost:8787" }))).toBe("ok");
    expect(code(post("https://shop.example:443/cart", { origin: "https://shop.example" }))).toBe("ok"); // default port dropped
  });

  test("another scheme, host, port, or a sandboxed page's 'null' fails with ERR_CSRF_BAD_ORIGIN", () => {
    for (const origin of [
      "http://shop.example",
      "https://evil.example",
      "https://shop.example:8443",
      "https://sub.shop.example",
      "null",
      "garbage",
    ]) {
      expect(code(post("https://shop.example/cart", { origin })), origin).toBe("ERR_CSRF_BAD_ORIGIN");
    }
  });

  test("an Origin that fails is not rescued by a good Referer", () => {
    expect(code(post("https://shop.example/", { origin: "https://evil.example", referer: "https://shop.example/form" }))).toBe(
      "ERR_CSRF_BAD_ORIGIN",
    );
  });

  test("trusted origins: exact, and Django's wildcard https://*.example.com (the domain itself and subdomains, same scheme and port)", () => {
    const trusted = ["https://admin.example.org", "https://*.example.com"];
    const at = (origin: string): string => code(post("https://api.example.net/", { origin }), trusted);
    expect(at("https://admin.example.org")).toBe("ok");
    expect(at("https://a.example.com")).toBe("ok");
    expect(at("https://a.b.example.com")).toBe("ok");
    expect(at("https://example.com")).toBe("ok");
    expect(at("http://a.example.com")).toBe("ERR_CSRF_BAD_ORIGIN");
    expect(at("https://a.example.com:8443")).toBe("ERR_CSRF_BAD_ORIGIN");
    expect(at("https://badexample.com")).toBe("ERR_CSRF_BAD_ORIGIN");
    expect(at("https://other.example.org")).toBe("ERR_CSRF_BAD_ORIGIN");
  });

  test("the message names the reason, never the origin sent", () => {
    const error = checkCsrfOrigin(post("https://shop.example/", { origin: "https://evil.example" }));
    expect(error?.message).toMatch(/Origin checking failed/);
    expect(error?.message).not.toContain("evil");
  });
});

describe("checkCsrfOrigin: Sec-Fetch-Site", () => {
  test("same-origin passes the origin step (even if a proxy rewrote the Host); other values do not", () => {
    expect(code(post("https://internal:8080/", { "sec-fetch-site": "same-origin", origin: "https://shop.example" }))).toBe("ok");
    expect(code(post("https://shop.example/", { "sec-fetch-site": "same-origin" }))).toBe("ok"); // no Referer needed
    expect(code(post("https://shop.example/", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }))).toBe(
      "ERR_CSRF_BAD_ORIGIN",
    );
    expect(code(post("https://shop.example/", { "sec-fetch-site": "same-site" }))).toBe("ERR_CSRF_BAD_REFERER");
  });
});

describe("checkCsrfOrigin: the Referer, on HTTPS without Origin (Django's _check_referer)", () => {
  const at = (referer: string | undefined, trusted: string[] = [], cookieDomain?: string): string =>
    code(post("https://shop.example/cart", referer === undefined ? {} : { referer }), trusted, cookieDomain);

  test("same host over https passes", () => {
    expect(at("https://shop.example/form?x=1")).toBe("ok");
  });

  test("no Referer, a malformed one, an insecure one or another host fails with ERR_CSRF_BAD_REFERER, each with its reason", () => {
    const message = (referer: string | undefined): string | undefined =>
      checkCsrfOrigin(post("https://shop.example/cart", referer === undefined ? {} : { referer }))?.message;
    expect(at(undefined)).toBe("ERR_CSRF_BAD_REFERER");
    expect(message(undefined)).toMatch(/no Referer/);
    expect(message("not a url")).toMatch(/malformed/);
    expect(message("http://shop.example/form")).toMatch(/insecure/);
    expect(message("https://evil.example/form")).toMatch(/does not match/);
    expect(message("https://evil.example/?token=abc")).not.toContain("evil");
    expect(at("https://shop.example:8443/form")).toBe("ERR_CSRF_BAD_REFERER");
  });

  test("a trusted origin's host passes (the wildcard form too)", () => {
    expect(at("https://admin.example.org/x", ["https://admin.example.org"])).toBe("ok");
    expect(at("https://a.example.com/x", ["https://*.example.com"])).toBe("ok");
    expect(at("https://a.example.net/x", ["https://*.example.com"])).toBe("ERR_CSRF_BAD_REFERER");
  });

  test("with a cookie Domain, its subdomains pass (Django's SESSION_COOKIE_DOMAIN rule)", () => {
    expect(at("https://www.shop.example/x", [], ".shop.example")).toBe("ok");
    expect(at("https://www.shop.example/x")).toBe("ERR_CSRF_BAD_REFERER");
  });

  test("plain HTTP without Origin passes this step (as in Django: the token still decides)", () => {
    expect(code(post("http://localhost:8787/cart"))).toBe("ok");
  });
});

describe("parseTrustedOrigins", () => {
  test("refuses entries without a scheme (Django 4's check 4_0.E001), naming the index", () => {
    expect(() => parseTrustedOrigins(["example.com"])).toThrow(SessionConfigError);
    expect(() => parseTrustedOrigins(["https://ok.example", "*.example.com"])).toThrow(/trustedOrigins\[1\]/);
    expect(() => parseTrustedOrigins(["https://example.com/path"])).toThrow(SessionConfigError);
    expect(() => parseTrustedOrigins("https://example.com" as unknown as string[])).toThrow(SessionConfigError);
  });

  test("lower-cases and splits exact and wildcard entries", () => {
    const parsed = parseTrustedOrigins(["HTTPS://Admin.Example.org", "https://*.Example.com"]);
    expect([...parsed.exact]).toEqual(["https://admin.example.org"]);
    expect(parsed.wildcards).toEqual([{ scheme: "https", pattern: ".example.com" }]);
  });
});

test("isSameDomain is Django's is_same_domain", () => {
  expect(isSameDomain("example.com", "example.com")).toBe(true);
  expect(isSameDomain("EXAMPLE.com", "example.COM")).toBe(true);
  expect(isSameDomain("a.example.com", ".example.com")).toBe(true);
  expect(isSameDomain("example.com", ".example.com")).toBe(true);
  expect(isSameDomain("notexample.com", ".example.com")).toBe(false);
  expect(isSameDomain("a.example.com", "example.com")).toBe(false);
  expect(isSameDomain("example.com:8000", ".example.com")).toBe(false);
});
