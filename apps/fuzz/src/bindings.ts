import { cookieStore } from "@edge-session/cookie";
import { encryptedCookieStore } from "@edge-session/cookie/encrypted";
import { type AnyStore, memoryStore, type Session, type SessionOptions } from "@edge-session/core";
import { withSession } from "@edge-session/fetch";
import { session } from "@edge-session/hono";
import { Hono } from "hono";

/** A fetch handler, as a runtime calls it. */
export type Handler = (request: Request) => Promise<Response>;

/** The app under test: what each binding wraps. */
export type App = (request: Request, session: Session) => Promise<Response>;

/** Every binding, as its users write it (its README's first example). */
export const bindings: readonly [string, (app: App, options: SessionOptions) => Handler][] = [
  ["withSession", (app, options) => withSession((request, s) => app(request, s), options) as Handler],
  [
    "Hono session()",
    (app, options) => {
      const hono = new Hono().use(session(options)).all("*", (c) => app(c.req.raw, c.var.session));
      return async (request) => hono.fetch(request);
    },
  ],
];

/** The memory, signed-cookie and encrypted-cookie stores. */
export const stores: readonly [string, () => AnyStore][] = [
  ["memoryStore", () => memoryStore()],
  ["cookieStore()", () => cookieStore()],
  ["encryptedCookieStore()", () => encryptedCookieStore()],
];
