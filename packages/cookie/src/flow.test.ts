// The request-level conformance suite with this package's stores, served by core's
// own request-level helper (what the bindings do, minus their framework glue), so this
// store package depends on no binding.
import { describeSessionFlow, serveSession } from "@edge-session/core/testing";
import { cookieStore } from "./cookie-store.ts";
import { encryptedCookieStore } from "./encrypted-cookie-store.ts";

describeSessionFlow("serveSession + cookieStore()", { store: () => cookieStore(), bind: serveSession });
describeSessionFlow("serveSession + encryptedCookieStore()", { store: () => encryptedCookieStore(), bind: serveSession });
// Chunked sessions (docs/design.md, "Cookies"): 8 chunks hold the suite's 14,000-character values in either mode.
describeSessionFlow("serveSession + cookieStore({ maxChunks: 8 })", { store: () => cookieStore({ maxChunks: 8 }), bind: serveSession });
describeSessionFlow("serveSession + encryptedCookieStore({ maxChunks: 8 })", {
  store: () => encryptedCookieStore({ maxChunks: 8 }),
  bind: serveSession,
});
