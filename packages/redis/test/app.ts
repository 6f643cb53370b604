/**
 * A small app behind core's `serveSession` for the race and fault tests of
 * redisStore and upstashStore (driven with core's testing `Browser`). Requests can be held at a named gate after loading
 * their session, to stage a race or a fault between read and write.
 */
import type { Session, SessionOptions } from "@edge-session/core";
import { Browser, Gates, serveSession } from "@edge-session/core/testing";

export { Browser, Gates };

export const SECRET = "redis-tests-secret-0123456789abcdef-01";

export interface TestApp {
  fetch: (request: Request) => Promise<Response>;
  gates: Gates;
  /** Errors the handler saw from session calls (before the binding turned them into responses). */
  handlerErrors: unknown[];
}

/**
 * Routes: /ping (never touches the session), /get?key, /all, /set?key&value,
 * /slow-set?key&value&gate (loads, waits at the gate, then sets), /flush (logout).
 */
export function makeApp(options: SessionOptions): TestApp {
  const gates = new Gates();
  const handlerErrors: unknown[] = [];
  const handler = async (request: Request, session: Session): Promise<Response> => {
    const url = new URL(request.url);
    const key = url.searchParams.get("key") ?? "";
    const value = url.searchParams.get("value") ?? "";
    try {
      switch (url.pathname) {
        case "/ping":
          return new Response("pong");
        case "/get":
          return Response.json({ value: (await session.get(key)) ?? null });
        case "/all":
          return Response.json(await session.all());
        case "/set":
          await session.set(key, value);
          return new Response("ok");
        case "/slow-set":
          await session.get(key); // read now, write after the gate
          await gates.wait(url.searchParams.get("gate") ?? "");
          await session.set(key, value);
          return new Response("ok");
        case "/flush":
          await session.flush();
          return new Response("bye");
        default:
          return new Response("not found", { status: 404 });
      }
    } catch (error) {
      handlerErrors.push(error);
      throw error;
    }
  };
  return { fetch: serveSession(handler, options), gates, handlerErrors };
}

/** A browser on `app`, optionally carrying another browser's cookies. */
export function browserOn(app: TestApp, cookiesFrom?: Browser): Browser {
  const browser = new Browser(app.fetch);
  if (cookiesFrom) browser.jar = new Map(cookiesFrom.jar);
  return browser;
}

/** The session id inside a browser's signed session cookie (`<id>.<signature>`). */
export function sessionIdOf(browser: Browser): string {
  return (browser.cookie() ?? "").split(".")[0] ?? "";
}
