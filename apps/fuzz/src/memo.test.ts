import { cookieStore } from "@edge-session/cookie";
import { encryptedCookieStore } from "@edge-session/cookie/encrypted";
import type { AnyStore } from "@edge-session/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type App, bindings } from "./bindings.ts";

// docs/design.md, "Input limits": a memo may change only the cost of a verdict, never the verdict,
// and apps with other secrets or salts in one isolate keep their own memo entries.

const S1 = "memo-first-secret-0123456789abcdefghij";
const S2 = "memo-second-secret-0123456789abcdefghi";

const app: App = async (request, session) => {
  if (new URL(request.url).pathname === "/login") {
    await session.set("user", "alice");
    return new Response("in");
  }
  return new Response(String((await session.get("user")) ?? "nobody"));
};

const [, bind] = bindings[0]!;

/** Logs in through `handler` and returns the Cookie header for the session. */
async function login(handler: (request: Request) => Promise<Response>): Promise<string> {
  const line = (await handler(new Request("https://memo.test/login"))).headers.getSetCookie()[0]!;
  return line.slice(0, line.indexOf(";"));
}

const read = async (handler: (request: Request) => Promise<Response>, cookie: string): Promise<string> =>
  (await handler(new Request("https://memo.test/", { headers: { Cookie: cookie } }))).text();

afterEach(() => {
  vi.restoreAllMocks();
});

const cookieStores: [string, (salt: string) => AnyStore][] = [
  ["cookieStore", (salt) => cookieStore({ salt })],
  ["encryptedCookieStore", (salt) => encryptedCookieStore({ salt })],
];

describe("the verified-cookie memo at the request level (issue 10 defect 3)", () => {
  for (const [name, makeStore] of cookieStores) {
    it(`${name}: salt "shared" with [S1, S2] and salt "shared\\0"+S1 with [S2] never share a verdict, warm or cold`, async () => {
      const appA = bind(app, { store: makeStore("shared"), secret: [S1, S2] });
      const appB = bind(app, { store: makeStore(`shared\u0000${S1}`), secret: [S2] });
      const cookie = await login(appA);
      expect(await read(appB, cookie)).toBe("nobody"); // cold memo
      expect(await read(appA, cookie)).toBe("alice"); // warms the memo
      expect(await read(appB, cookie)).toBe("nobody"); // the old joined key collided here and said "alice"
    });
  }

  it("encryptedCookieStore: two apps alternating in one isolate re-decrypt 0 times in 20 warm reads", async () => {
    const appA = bind(app, { store: encryptedCookieStore({ salt: "app-a" }), secret: S1 });
    const appB = bind(app, { store: encryptedCookieStore({ salt: "app-b" }), secret: S2 });
    const cookies = [await login(appA), await login(appB)];
    const handlers = [appA, appB];
    for (let i = 0; i < 2; i++) expect(await read(handlers[i]!, cookies[i]!)).toBe("alice");
    const decrypt = vi.spyOn(crypto.subtle, "decrypt");
    for (let i = 0; i < 20; i++) expect(await read(handlers[i % 2]!, cookies[i % 2]!)).toBe("alice");
    expect(decrypt).toHaveBeenCalledTimes(0); // the old memo cleared itself on every switch: 19 of 20 re-decrypted
  });
});
