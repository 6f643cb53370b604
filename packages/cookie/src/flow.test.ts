// The request-level conformance suite with this package's stores, served by core's
// own request-level helper (what the bindings do, minus their framework glue), so this
// store package depends on no binding.
import { resolveOptions } from "@edge-session/core/kit";
import { describeSessionFlow, type FlowSetup, serveSession } from "@edge-session/core/testing";
import { cookieStore } from "./cookie-store.ts";
import { encryptedCookieStore } from "./encrypted-cookie-store.ts";

// serveSession checks the options on the first request; the bindings check them when
// they are set up (a short secret fails at start-up), and the suite expects that.
const bind: FlowSetup["bind"] = (app, options) => {
  resolveOptions(options);
  return serveSession(app, options);
};

describeSessionFlow("serveSession + cookieStore()", { store: () => cookieStore(), bind });
describeSessionFlow("serveSession + encryptedCookieStore()", { store: () => encryptedCookieStore(), bind });
