// hono-sessions with its CookieStore, as its README sets it up.
import { Hono } from "hono";
import { CookieStore, type Session, sessionMiddleware } from "hono-sessions";

const app = new Hono<{ Variables: { session: Session<{ visits: number }>; session_key_rotation: boolean } }>();
app.use(
  "*",
  sessionMiddleware({
    store: new CookieStore(),
    encryptionKey: () => "password_at_least_32_characters_long",
    expireAfterSeconds: 900,
    cookieOptions: { sameSite: "Lax", path: "/", httpOnly: true },
  }),
);
app.get("/", (c) => {
  const session = c.get("session");
  const visits = (session.get("visits") ?? 0) + 1;
  session.set("visits", visits);
  return c.text(String(visits));
});

export default app;
