// Interop with real Django's CSRF code (Debian's python3-django; its masking is
// Django's since 1.10): tokens masked by Django verify here, tokens masked here
// verify in Django, and Django's CsrfViewMiddleware agrees with verifyCsrfRequest
// on the Referer rules of a secure request. Skipped, saying why, when no python3
// can import django (`apt-get install -y python3-django`).
import { describe, expect, test } from "vitest";
import { pythonScript } from "../../test/python.ts";
import { maskCsrfSecret, unmaskCsrfToken } from "./mask.ts";
import { newCsrfSecret } from "./secret.ts";
import { csrfTokenMatches } from "./token-match.ts";
import { verifyCsrfRequest } from "./verify.ts";

const csrf = pythonScript({ script: new URL("../../test/django-csrf.py", import.meta.url), probe: "import django.middleware.csrf" });
const django = <T = Record<string, unknown>>(ops: (Record<string, unknown> & { op: string })[]): T[] => csrf!.run<T>(ops);

const skipReason = csrf ? "" : " (skipped: no python3 can import django; apt-get install -y python3-django)";

// Each python3 run imports and configures Django (~2 s here): generous timeouts for a loaded machine.
describe.skipIf(!csrf)(`CSRF tokens against real Django${skipReason}`, { timeout: 60_000 }, () => {
  test("Django masks, we verify: 100 secrets of Django's own making", () => {
    const secrets = django<{ secret: string }>(Array.from({ length: 100 }, () => ({ op: "new_secret" }))).map((r) => r.secret);
    const tokens = django<{ token: string }>(secrets.map((secret) => ({ op: "mask", secret }))).map((r) => r.token);
    for (const [i, token] of tokens.entries()) {
      expect(token).toHaveLength(64);
      expect(unmaskCsrfToken(token)).toBe(secrets[i]);
      expect(csrfTokenMatches(token, secrets[i]!)).toBe(true);
      expect(csrfTokenMatches(token, secrets[(i + 1) % secrets.length]!)).toBe(false);
    }
  });

  test("we mask, Django verifies: its _unmask_cipher_token and its masked comparison accept ours and refuse a wrong secret", () => {
    const secrets = Array.from({ length: 100 }, newCsrfSecret);
    const tokens = secrets.map(maskCsrfSecret);
    const unmasked = django<{ secret: string }>(tokens.map((token) => ({ op: "unmask", token })));
    expect(unmasked.map((r) => r.secret)).toEqual(secrets);
    const compared = django<{ match: boolean }>([
      ...tokens.map((token, i) => ({ op: "compare", request_token: token, secret: secrets[i] })),
      ...tokens.map((token, i) => ({ op: "compare", request_token: token, secret: secrets[(i + 1) % secrets.length] })),
    ]);
    expect(compared.slice(0, 100).every((r) => r.match)).toBe(true);
    expect(compared.slice(100).some((r) => r.match)).toBe(false);
  });

  test("Django's CsrfViewMiddleware (CSRF_USE_SESSIONS) accepts our tokens, by header and by form field", () => {
    const secret = newCsrfSecret();
    // Django up to 3.2 keeps the masked token in the session; 4.0+ keeps the bare secret. Ours is read either way.
    const [sessionValue] = django<{ token: string }>([{ op: "mask", secret }]).map((r) => r.token);
    const verdicts = django<{ verdict: string }>([
      { op: "middleware", session: sessionValue, token_header: maskCsrfSecret(secret) },
      { op: "middleware", session: sessionValue, token_field: maskCsrfSecret(secret) },
      { op: "middleware", session: sessionValue, token_header: maskCsrfSecret(newCsrfSecret()) },
      { op: "middleware", session: null, token_header: maskCsrfSecret(secret) },
    ]);
    expect(verdicts.map((v) => v.verdict)).toEqual(["pass", "pass", "CSRF token missing or incorrect.", "CSRF cookie not set."]);
  });

  test("the Referer rules of a secure request without Origin agree with Django's middleware, case by case", async () => {
    const secret = newCsrfSecret();
    const [sessionValue] = django<{ token: string }>([{ op: "mask", secret }]).map((r) => r.token);
    // Django 3.2 writes trusted origins as hosts (".example.com"); Django 4 and we as origins ("https://*.example.com").
    const cases: { referer?: string; trusted: [string, string][] }[] = [
      { referer: "https://shop.example/form", trusted: [] },
      { trusted: [] },
      { referer: "http://shop.example/form", trusted: [] },
      { referer: "https://evil.example/form", trusted: [] },
      { referer: "https://shop.example:8443/form", trusted: [] },
      { referer: "https://admin.example.org/x", trusted: [["admin.example.org", "https://admin.example.org"]] },
      { referer: "https://a.example.com/x", trusted: [[".example.com", "https://*.example.com"]] },
      { referer: "https://example.com/x", trusted: [[".example.com", "https://*.example.com"]] },
      { referer: "https://notexample.com/x", trusted: [[".example.com", "https://*.example.com"]] },
      { referer: "https:///nohost", trusted: [] },
    ];
    const theirs = django<{ verdict: string }>(
      cases.map((c) => ({
        op: "middleware",
        secure: true,
        host: "shop.example",
        session: sessionValue,
        token_header: maskCsrfSecret(secret),
        ...(c.referer ? { referer: c.referer } : {}),
        trusted: c.trusted.map(([host]) => host),
      })),
    );
    expect(new Set(theirs.map((v) => v.verdict === "pass"))).toEqual(new Set([true, false])); // the cases discriminate
    for (const [i, c] of cases.entries()) {
      const headers: Record<string, string> = { "X-CSRFToken": maskCsrfSecret(secret) };
      if (c.referer) headers.referer = c.referer;
      const request = new Request("https://shop.example/cart", { method: "POST", headers });
      const ours = await verifyCsrfRequest(request, secret, { trustedOrigins: c.trusted.map(([, origin]) => origin) }).then(
        () => "pass",
        () => "reject",
      );
      expect(ours, `${c.referer ?? "no referer"} — Django: ${theirs[i]!.verdict}`).toBe(theirs[i]!.verdict === "pass" ? "pass" : "reject");
    }
  });
});
