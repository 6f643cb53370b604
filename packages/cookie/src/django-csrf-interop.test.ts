// CSRF with a session shared with real Django (docs/design.md, "CSRF"): Debian's
// python3-django with the signed-cookie session backend and CSRF_USE_SESSIONS, and
// edge-session with cookieStore({ salt: DJANGO_SESSION_SALT }), the same SECRET_KEY
// and `csrf: true`. A token Django's view minted passes our check; a token we mint
// from the same session passes Django's middleware. Skipped, saying why, when no
// python3 can import django (`apt-get install -y python3-django`).
import type { Session } from "@edge-session/core";
import { Browser, serveSession } from "@edge-session/core/testing";
import { describe, expect, test } from "vitest";
import { pythonScript } from "../../core/test/python.ts";
import { cookieStore, DJANGO_SESSION_SALT } from "./cookie-store.ts";

const SECRET_KEY = "django-insecure-csrf-interop-shared-secret-key-0123456789";

const djangoSite = pythonScript({
  script: new URL("../test/django-csrf-session.py", import.meta.url),
  probe: "import django.contrib.sessions.backends.signed_cookies",
  args: [SECRET_KEY],
});
const django = <T = Record<string, unknown>>(ops: Record<string, unknown>[]): T[] => djangoSite!.run<T>(ops);

/** Our site: GET /form renders a token; POST /submit is protected by the `csrf` option. */
const site = serveSession(
  async (request: Request, session: Session) => {
    if (new URL(request.url).pathname === "/form") return Response.json({ token: await session.csrfToken() });
    return new Response("ok");
  },
  { store: cookieStore({ salt: DJANGO_SESSION_SALT }), secret: SECRET_KEY, csrf: true },
);
const ORIGIN = "https://shop.example";

function post(cookie: string, token: { header?: string; field?: string }): Promise<Response> {
  const headers = new Headers({ cookie: `sessionid=${cookie}`, origin: ORIGIN });
  if (token.header) headers.set("X-CSRFToken", token.header);
  const body = token.field ? new URLSearchParams({ csrfmiddlewaretoken: token.field }) : null;
  return site(new Request(`${ORIGIN}/submit`, { method: "POST", headers, body }));
}

const skipReason = djangoSite ? "" : " (skipped: no python3 can import django; apt-get install -y python3-django)";

describe.skipIf(!djangoSite)(`CSRF on a session shared with real Django${skipReason}`, { timeout: 60_000 }, () => {
  test("a token minted by a Django view verifies here, by header and by form field; another session's token does not", async () => {
    const [mine, other] = django<{ token: string; cookie: string }>([{ op: "mint" }, { op: "mint" }]);
    expect((await post(mine!.cookie, { header: mine!.token })).status).toBe(200);
    expect((await post(mine!.cookie, { field: mine!.token })).status).toBe(200);
    expect((await post(mine!.cookie, { header: other!.token })).status).toBe(403);
    expect((await post(mine!.cookie, {})).status).toBe(403);
  });

  test("a token minted here from Django's session verifies in Django's middleware", async () => {
    const [minted] = django<{ token: string; cookie: string }>([{ op: "mint" }]);
    const browser = new Browser(site, ORIGIN);
    const { token } = await browser.json<{ token: string }>("/form", { cookie: `sessionid=${minted!.cookie}` });
    expect(token).not.toBe(minted!.token); // a fresh mask of the same secret
    const [byHeader, byField, otherSession] = django<{ verdict: string }>([
      { op: "verify", cookie: minted!.cookie, token_header: token },
      { op: "verify", cookie: minted!.cookie, token_field: token },
      { op: "verify", cookie: django<{ cookie: string }>([{ op: "mint" }])[0]!.cookie, token_header: token },
    ]);
    expect([byHeader!.verdict, byField!.verdict]).toEqual(["pass", "pass"]);
    expect(otherSession!.verdict).toBe("CSRF token missing or incorrect.");
  });

  test("a secret created here (the bare 32 characters, Django 4's format) verifies in Django 4+, not in Django 3.2 (which stores masked tokens)", async () => {
    const [{ version }] = django<{ version: number[] }>([{ op: "version" }]) as [{ version: number[] }];
    const browser = new Browser(site, ORIGIN);
    const { token } = await browser.json<{ token: string }>("/form");
    const cookie = browser.cookie()!;
    expect((await post(cookie, { header: token })).status).toBe(200); // our own check, for contrast
    const [verdict] = django<{ verdict: string }>([{ op: "verify", cookie, token_header: token }]);
    expect(verdict!.verdict).toBe(version[0]! >= 4 ? "pass" : "CSRF token missing or incorrect.");
  });
});
