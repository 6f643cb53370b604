/**
 * A small app behind `withSession` for the race and fault tests, and a
 * one-cookie browser to drive it. Requests can be held at a named gate after
 * loading their session, to stage a race or a fault between read and write.
 */
import type { Session, SessionOptions } from "@edge-session/core";
import { withSession } from "@edge-session/fetch";

export const SECRET = "upstash-tests-secret-0123456789abcdef";

/** Named gates: the app waits at one, the test opens it. */
export class Gates {
  private readonly gates = new Map<string, { opened: Promise<void>; open: () => void; reached: Promise<void>; arrive: () => void }>();
  private gate(name: string) {
    let gate = this.gates.get(name);
    if (!gate) {
      let open = (): void => {};
      let arrive = (): void => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      const reached = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      gate = { opened, open, reached, arrive };
      this.gates.set(name, gate);
    }
    return gate;
  }
  wait(name: string): Promise<void> {
    const gate = this.gate(name);
    gate.arrive();
    return gate.opened;
  }
  reached(name: string): Promise<void> {
    return this.gate(name).reached;
  }
  open(name: string): void {
    this.gate(name).open();
  }
}

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
  const bound = withSession(handler, options);
  return { fetch: (request) => bound(request, undefined, undefined), gates, handlerErrors };
}

/** A browser with one cookie jar for the session cookie. */
export class Browser {
  cookie: string | undefined;
  constructor(private readonly app: TestApp) {}

  async fetch(path: string): Promise<Response> {
    const headers = new Headers();
    if (this.cookie) headers.set("Cookie", this.cookie);
    const response = await this.app.fetch(new Request(`https://example.test${path}`, { headers }));
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";", 1)[0] ?? "";
      if (/;\s*max-age=0/i.test(line) || pair.endsWith("=")) this.cookie = undefined;
      else this.cookie = pair;
    }
    return response;
  }

  /** A second tab: same cookie now, its own jar from now on. */
  fork(): Browser {
    const other = new Browser(this.app);
    other.cookie = this.cookie;
    return other;
  }
}
