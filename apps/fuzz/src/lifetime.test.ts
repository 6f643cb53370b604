import { memoryStore, SessionConfigError } from "@edge-session/core";
import { describe, expect, it } from "vitest";
import { type App, bindings } from "./bindings.ts";

// docs/design.md, "Input limits": cookie lifetimes are capped at 400 days. Issue 10 defect 8:
// maxAge = MAX_SAFE_INTEGER and setExpiry(MAX_SAFE_INTEGER) emitted "Expires=Invalid Date".

const SECRET = "lifetime-secret-0123456789abcdefghijk";
const DAY = 86_400;

const app: App = async (request, session) => {
  const seconds = Number(new URL(request.url).searchParams.get("expiry"));
  try {
    await session.setExpiry(seconds);
  } catch (error) {
    return new Response((error as Error).name, { status: 422 });
  }
  await session.set("n", 1);
  return new Response("ok");
};

for (const [bindingName, bind] of bindings) {
  describe(`${bindingName}: the 400-day cookie lifetime cap`, () => {
    it("cookie.maxAge above 400 days is a SessionConfigError, by the first request at the latest", async () => {
      const attempt = async (): Promise<unknown> => {
        const handler = bind(app, { store: memoryStore(), secret: SECRET, cookie: { maxAge: Number.MAX_SAFE_INTEGER } });
        return handler(new Request("https://life.test/?expiry=60"));
      };
      await expect(attempt()).rejects.toBeInstanceOf(SessionConfigError);
    });

    it("setExpiry beyond 400 days is refused with a RangeError and nothing is written; 400 days exactly gives a valid Expires", async () => {
      const handler = bind(app, { store: memoryStore(), secret: SECRET });
      const refused = await handler(new Request(`https://life.test/?expiry=${Number.MAX_SAFE_INTEGER}`));
      expect(refused.status).toBe(422);
      expect(await refused.text()).toBe("RangeError");
      expect(refused.headers.getSetCookie()).toEqual([]);
      const longest = await handler(new Request(`https://life.test/?expiry=${400 * DAY}`));
      const [line] = longest.headers.getSetCookie();
      expect(line).toMatch(/; Max-Age=34560000; Expires=[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT;/);
      expect(line).not.toMatch(/Invalid Date/);
    });
  });
}
