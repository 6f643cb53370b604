import { SessionError } from "../errors.ts";
import type { Session } from "../session.ts";

/** The application the flow suite runs through a binding: `(request, session) => Response`. */
export type FlowApp = (request: Request, session: Session) => Promise<Response>;

/** Requests the suite holds back at a named gate until it opens it (to stage races). */
export class Gates {
  readonly #waiting = new Map<string, { promise: Promise<void>; open: () => void; reached: Promise<void>; arrive: () => void }>();

  #gate(name: string) {
    let gate = this.#waiting.get(name);
    if (!gate) {
      let open!: () => void;
      let arrive!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      const reached = new Promise<void>((resolve) => (arrive = resolve));
      gate = { promise, open, reached, arrive };
      this.#waiting.set(name, gate);
    }
    return gate;
  }
  /** Called by the app: waits until the test opens the gate. */
  wait(name: string): Promise<void> {
    const gate = this.#gate(name);
    gate.arrive();
    return gate.promise;
  }
  /** Resolves once a request is waiting at the gate. */
  reached(name: string): Promise<void> {
    return this.#gate(name).reached;
  }
  open(name: string): void {
    this.#gate(name).open();
  }
}

/** JSON with `undefined` kept visible as null, so "absent" reads as `{ value: null }`. */
const json = (body: unknown, init?: ResponseInit): Response =>
  new Response(
    JSON.stringify(body, (_key, value: unknown) => (value === undefined ? null : value)),
    {
      ...init,
      headers: { "Content-Type": "application/json" },
    },
  );

/**
 * One small app exercising every session method through query parameters.
 * Kept deliberately dumb: the suite asserts on what comes back over HTTP.
 */
export function flowApp(gates: Gates): FlowApp {
  return async (request, session) => {
    const url = new URL(request.url);
    const q = (name: string): string => url.searchParams.get(name) ?? "";
    const key = q("key");
    const value = (): unknown => JSON.parse(q("value"));
    if (q("gate")) {
      await session.get("__warm"); // load before waiting, so the race is on the write
      await gates.wait(q("gate"));
    }
    try {
      switch (url.pathname) {
        case "/untouched":
          return new Response("untouched");
        case "/get":
          return json({ value: await session.get(key) });
        case "/set":
          await session.set(key, value());
          return new Response("ok");
        case "/incr": {
          const n = ((await session.get(key)) as number | undefined) ?? 0;
          await session.set(key, n + 1);
          return json({ value: n + 1 });
        }
        case "/all":
          return json(await session.all());
        case "/keys":
          return json({ keys: await session.keys(), entries: await session.entries(), empty: await session.isEmpty() });
        case "/has":
          return json({ has: await session.has(key) });
        case "/flags": {
          // Runs one operation and reports Django's accessed/modified flags.
          const before = { accessed: session.accessed, modified: session.modified };
          let result: unknown;
          const op = q("op");
          if (op === "get") result = await session.get(key);
          else if (op === "has") result = await session.has(key);
          else if (op === "keys") result = await session.keys();
          else if (op === "all") result = await session.all();
          else if (op === "delete") result = await session.delete(key);
          else if (op === "pop") result = await session.pop(key, "fallback");
          else if (op === "setDefault") result = await session.setDefault(key, value());
          else if (op === "update") result = await session.update(value() as Record<string, unknown>);
          else if (op === "clear") result = await session.clear();
          else if (op === "set") result = await session.set(key, value());
          return json({ before, result: result ?? null, accessed: session.accessed, modified: session.modified });
        }
        case "/vary":
          await session.get(key);
          return new Response("varied", { headers: { Vary: "Accept-Encoding" } });
        case "/redirect":
          // Response.redirect() has immutable headers, like a Workers fetch() response.
          await session.set(key, value());
          return Response.redirect("https://example.test/next", 303);
        case "/delete":
          return json({ existed: await session.delete(key) });
        case "/pop":
          return json({ value: await session.pop(key, "fallback") });
        case "/clear":
          await session.clear();
          return new Response("cleared");
        case "/flush":
          await session.flush();
          return new Response("flushed");
        case "/login":
          await session.cycleKey();
          await session.set("user", q("user"));
          return json({ id: session.id });
        case "/cycle":
          await session.cycleKey();
          return new Response("cycled");
        case "/flash":
          await session.flash(key, value());
          return new Response("flashed");
        case "/expiry": {
          const at = q("at");
          const seconds = q("seconds");
          await session.setExpiry(at ? new Date(Number(at)) : seconds ? Number(seconds) : null);
          if (key) await session.set(key, value());
          return new Response("expiry set");
        }
        case "/expiry-info":
          return json({
            age: await session.getExpiryAge(),
            date: (await session.getExpiryDate()).getTime(),
            atClose: await session.getExpireAtBrowserClose(),
          });
        case "/fail":
          await session.set(key, value());
          return new Response("boom", { status: 500 });
        case "/bad-value": {
          const kind = q("kind");
          const bad = {
            date: new Date(0),
            map: new Map(),
            fn: () => 1,
            undef: undefined,
            nan: Number.NaN,
            big: 1n,
            nested: { a: [1, new Date(0)] },
          }[kind];
          await session.set(key, bad);
          return new Response("stored?!");
        }
        case "/id":
          await session.get("x");
          return json({ id: session.id });
        case "/csrf":
          return json({ token: await session.csrfToken() });
        case "/post": {
          // An unsafe request that got past the CSRF check; the body must still be readable here.
          const body = await request.text();
          await session.set(key || "posted", body);
          return json({ body });
        }
        default:
          return new Response("not found", { status: 404 });
      }
    } catch (error) {
      if (error instanceof SessionError && q("catch") === "1") {
        return json({ code: error.code, key: (error as { key?: string }).key ?? null }, { status: 422 });
      }
      throw error;
    }
  };
}
