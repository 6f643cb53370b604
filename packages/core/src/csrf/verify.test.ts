import { describe, expect, test } from "vitest";
import { CsrfError, SessionConfigError } from "../errors.ts";
import { maskCsrfSecret } from "./mask.ts";
import { newCsrfSecret } from "./secret.ts";
import { isCsrfSafeMethod, resolveCsrfOptions, verifyCsrfRequest } from "./verify.ts";

const SECRET = newCsrfSecret();
const SITE = "https://shop.example";

type Source = "header" | "urlencoded" | "multipart" | "none";
type OriginCase = "same-origin" | "sec-fetch-site" | "trusted" | "cross-site" | "referer-only" | "nothing";

function request(method: string, source: Source, originCase: OriginCase, token = maskCsrfSecret(SECRET)): Request {
  const headers = new Headers();
  if (originCase === "same-origin") headers.set("origin", SITE);
  if (originCase === "sec-fetch-site") headers.set("sec-fetch-site", "same-origin");
  if (originCase === "trusted") headers.set("origin", "https://admin.example.org");
  if (originCase === "cross-site") headers.set("origin", "https://evil.example");
  if (originCase === "referer-only") headers.set("referer", `${SITE}/form`);
  let body: BodyInit | undefined;
  if (source === "header") headers.set("X-CSRFToken", token);
  if (source === "urlencoded") body = new URLSearchParams({ item: "tea", csrfmiddlewaretoken: token });
  if (source === "multipart") {
    const form = new FormData();
    form.set("csrfmiddlewaretoken", token);
    body = form;
  }
  const bodyless = method === "GET" || method === "HEAD";
  return new Request(`${SITE}/cart`, { method, headers, ...(body && !bodyless ? { body } : {}) });
}

const csrf = resolveCsrfOptions({ trustedOrigins: ["https://admin.example.org"] })!;

/** The CsrfError code, or "pass". */
async function outcome(req: Request, ...secret: [string | undefined] | []): Promise<string> {
  try {
    await verifyCsrfRequest(req, secret.length === 0 ? SECRET : secret[0], csrf);
    return "pass";
  } catch (error) {
    if (error instanceof CsrfError) return error.code;
    throw error;
  }
}

describe("verifyCsrfRequest: the request matrix (method × token source × origin case)", () => {
  const unsafe = ["POST", "PUT", "PATCH", "DELETE"];
  const sources: Source[] = ["header", "urlencoded", "multipart", "none"];
  const origins: OriginCase[] = ["same-origin", "sec-fetch-site", "trusted", "referer-only", "cross-site", "nothing"];
  const expected = (source: Source, origin: OriginCase): string => {
    if (origin === "cross-site") return "ERR_CSRF_BAD_ORIGIN";
    if (origin === "nothing") return "ERR_CSRF_BAD_REFERER"; // HTTPS, no Origin, no Sec-Fetch-Site, no Referer
    return source === "none" ? "ERR_CSRF_MISSING_TOKEN" : "pass";
  };
  for (const method of unsafe) {
    for (const source of sources) {
      for (const origin of origins) {
        test(`${method} token:${source} origin:${origin} → ${expected(source, origin)}`, async () => {
          expect(await outcome(request(method, source, origin))).toBe(expected(source, origin));
        });
      }
    }
  }

  test("safe methods pass with no token, no origin and no secret", async () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(await outcome(request(method, "none", "cross-site"), undefined)).toBe("pass");
    }
  });
});

describe("verifyCsrfRequest: the token", () => {
  test("the bare secret is accepted, as Django accepts it", async () => {
    expect(await outcome(request("POST", "header", "same-origin", SECRET))).toBe("pass");
  });

  test("another session's token, a wrong length and wrong characters are ERR_CSRF_BAD_TOKEN with Django's reasons", async () => {
    const message = async (token: string): Promise<string> => {
      try {
        await verifyCsrfRequest(request("POST", "header", "same-origin", token), SECRET, csrf);
        return "pass";
      } catch (error) {
        expect((error as CsrfError).code).toBe("ERR_CSRF_BAD_TOKEN");
        expect((error as Error).message).not.toContain(token);
        return (error as Error).message;
      }
    };
    expect(await message(maskCsrfSecret(newCsrfSecret()))).toBe("CSRF token incorrect.");
    expect(await message("abc")).toBe("CSRF token has incorrect length.");
    expect(await message(`${"a".repeat(63)}!`)).toBe("CSRF token has invalid characters.");
  });

  test("no secret in the session: ERR_CSRF_BAD_TOKEN whatever the request carries (Django's 'CSRF cookie not set'), body unread", async () => {
    const req = request("POST", "urlencoded", "same-origin");
    expect(await outcome(req, undefined)).toBe("ERR_CSRF_BAD_TOKEN");
    expect(req.bodyUsed).toBe(false);
    expect(await outcome(request("POST", "none", "same-origin"), undefined)).toBe("ERR_CSRF_BAD_TOKEN");
    expect(await outcome(request("POST", "header", "same-origin"), "not-a-secret")).toBe("ERR_CSRF_BAD_TOKEN");
  });

  test("a Django-3.2 session value (the masked token itself) is a usable secret", async () => {
    expect(await outcome(request("POST", "header", "same-origin"), maskCsrfSecret(SECRET))).toBe("pass");
  });

  test("the origin step runs first: a cross-site request with a good token still fails on its origin", async () => {
    expect(await outcome(request("POST", "header", "cross-site"))).toBe("ERR_CSRF_BAD_ORIGIN");
  });

  test("the handler can still read the form after the check", async () => {
    const req = request("POST", "urlencoded", "same-origin");
    await verifyCsrfRequest(req, SECRET, csrf);
    expect((await req.formData()).get("item")).toBe("tea");
  });

  test("plain HTTP without Origin: only the token decides", async () => {
    const token = maskCsrfSecret(SECRET);
    const http = (headers: Record<string, string>): Request => new Request("http://localhost:8787/cart", { method: "POST", headers });
    await expect(verifyCsrfRequest(http({ "X-CSRFToken": token }), SECRET, {})).resolves.toBeUndefined();
    await expect(verifyCsrfRequest(http({}), SECRET, {})).rejects.toMatchObject({ code: "ERR_CSRF_MISSING_TOKEN" });
  });

  test("custom header and field names", async () => {
    const options = resolveCsrfOptions({ headerName: "X-XSRF-Token", fieldName: "_csrf" })!;
    const token = maskCsrfSecret(SECRET);
    const h = new Request(`${SITE}/`, { method: "POST", headers: { origin: SITE, "X-XSRF-Token": token } });
    await expect(verifyCsrfRequest(h, SECRET, options)).resolves.toBeUndefined();
    const f = new Request(`${SITE}/`, { method: "POST", headers: { origin: SITE }, body: new URLSearchParams({ _csrf: token }) });
    await expect(verifyCsrfRequest(f, SECRET, options)).resolves.toBeUndefined();
    const d = new Request(`${SITE}/`, { method: "POST", headers: { origin: SITE, "X-CSRFToken": token } });
    await expect(verifyCsrfRequest(d, SECRET, options)).rejects.toMatchObject({ code: "ERR_CSRF_MISSING_TOKEN" });
  });
});

describe("resolveCsrfOptions", () => {
  test("off unless asked; true means Django's defaults", () => {
    expect(resolveCsrfOptions(undefined)).toBeUndefined();
    expect(resolveCsrfOptions(false)).toBeUndefined();
    const on = resolveCsrfOptions(true)!;
    expect(on.headerName).toBe("X-CSRFToken");
    expect(on.fieldName).toBe("csrfmiddlewaretoken");
    expect(on.trustedOrigins.exact.size).toBe(0);
  });

  test("a bad trusted origin fails at start-up", () => {
    expect(() => resolveCsrfOptions({ trustedOrigins: ["admin.example.org"] })).toThrow(SessionConfigError);
  });
});

test("isCsrfSafeMethod: GET, HEAD, OPTIONS, TRACE only (RFC 9110 §9.2.1, as Django)", () => {
  for (const m of ["GET", "HEAD", "OPTIONS", "TRACE", "get"]) expect(isCsrfSafeMethod(m)).toBe(true);
  for (const m of ["POST", "PUT", "PATCH", "DELETE", "PROPFIND"]) expect(isCsrfSafeMethod(m)).toBe(false);
});
