import { encryptedCookieStore } from "@edge-session/cookie/encrypted";
import { describeSessionFlow } from "@edge-session/core/testing";
import { bind, bindHono } from "./bind.ts";

describeSessionFlow("withSession + encryptedCookieStore()", { store: () => encryptedCookieStore(), bind });
describeSessionFlow("Hono + encryptedCookieStore()", { store: () => encryptedCookieStore(), bind: bindHono });
describeSessionFlow("withSession + encryptedCookieStore({ maxChunks: 8 })", { store: () => encryptedCookieStore({ maxChunks: 8 }), bind });
describeSessionFlow("Hono + encryptedCookieStore({ maxChunks: 8 })", {
  store: () => encryptedCookieStore({ maxChunks: 8 }),
  bind: bindHono,
});
