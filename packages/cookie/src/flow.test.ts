// The request-level conformance suite with this package's stores, served by core's
// own request-level helper (what the bindings do, minus their framework glue), so this
// store package depends on no binding.
import { describeSessionFlow, serveSession } from "@edge-session/core/testing";
import { cookieStore } from "./cookie-store.ts";
import { encryptedCookieStore } from "./encrypted-cookie-store.ts";

describeSessionFlow("serveSession + cookieStore()", { store: () => cookieStore(), bind: serveSession });
describeSessionFlow("serveSession + encryptedCookieStore()", { store: () => encryptedCookieStore(), bind: serveSession });
