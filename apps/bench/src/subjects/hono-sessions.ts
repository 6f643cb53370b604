import { Hono } from "hono";
import { CookieStore, type Session, sessionMiddleware } from "hono-sessions";
import { type BenchUser, benchUser, MAX_AGE_SECONDS, SECRET, type Subject } from "./types.ts";

type Data = { user: BenchUser; n: number };

/** hono-sessions with its CookieStore, set up as its README's example (encrypted cookie via iron-webcrypto). */
export function honoSessions(): Subject {
  const app = new Hono<{ Variables: { session: Session<Data>; session_key_rotation: boolean } }>();
  app.use(
    "*",
    sessionMiddleware({
      store: new CookieStore(),
      encryptionKey: SECRET,
      expireAfterSeconds: MAX_AGE_SECONDS,
      cookieOptions: { sameSite: "Lax", path: "/", httpOnly: true, secure: true },
    }),
  );
  app.get("/untouched", (c) => c.text("ok"));
  app.get("/write", (c) => {
    const session = c.get("session");
    const id = Number(c.req.query("id"));
    session.set("user", benchUser(id));
    session.set("n", 1);
    return c.text("ok");
  });
  app.get("/read", (c) => c.text(JSON.stringify(c.get("session").get("user") ?? null)));
  app.get("/rw", (c) => {
    const session = c.get("session");
    const user = session.get("user");
    const n = session.get("n") ?? 0;
    session.set("n", n + 1);
    return c.text(`${user?.id}:${n}`);
  });
  return {
    id: "peer/hono-sessions",
    label: "hono-sessions (CookieStore)",
    group: "peer",
    framework: "hono",
    explicit: false,
    cookieName: "session",
    fetch: async (request) => app.fetch(request),
  };
}
